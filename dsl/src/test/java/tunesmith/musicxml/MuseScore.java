package tunesmith.musicxml;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

/**
 * Debian's {@code musescore3} run headless for the tests: many files converted in one run through
 * its job file ({@code -j}), what it says about each file, and the notes of the MIDI files it writes.
 */
final class MuseScore {

    private MuseScore() {}

    static final String COMMAND = "musescore3";

    /**
     * Longest a run may take before the test fails, against a hang: MuseScore starts in about a second and
     * converts a tune in a fraction of one on an idle machine, but at nice 19 beside busy processes it waits
     * for the processor many times longer, so the bound is generous.
     */
    static long timeoutSeconds(int files) { return 120 + 20L * files; }

    /** True when {@code musescore3} is on the PATH. */
    static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) if (Files.isExecutable(Path.of(dir, COMMAND))) return true;
        return false;
    }

    /**
     * Converts each input file to its outputs (the format follows each output's extension: .mid, .mscx,
     * .pdf) in one run, with a fresh HOME and XDG folders under {@code work} so nothing of the user's
     * is read or written. Returns, per input, the lines MuseScore printed about it besides its progress
     * ("convert <in>...", "to <out>", "... success!"): its import errors and warnings; lines printed
     * before the first file are under the key null.
     */
    static Map<Path, List<String>> convert(Map<Path, List<Path>> jobs, Path work) throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        ArrayNode list = json.createArrayNode();
        for (Map.Entry<Path, List<Path>> j : jobs.entrySet()) {
            ObjectNode job = list.addObject();
            job.put("in", j.getKey().toAbsolutePath().toString());
            ArrayNode out = job.putArray("out");
            for (Path p : j.getValue()) out.add(p.toAbsolutePath().toString());
        }
        Path jobFile = work.resolve("jobs.json");
        Files.writeString(jobFile, json.writeValueAsString(list));
        Path home = Files.createDirectories(work.resolve("home"));
        Path runtime = Files.createDirectories(work.resolve("runtime"));
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------")); // Qt refuses a shared runtime folder
        ProcessBuilder pb = new ProcessBuilder(COMMAND, "-j", jobFile.toString());
        Map<String, String> env = pb.environment();
        env.put("QT_QPA_PLATFORM", "offscreen"); // no display
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        Path errors = work.resolve("musescore.err");
        pb.redirectError(errors.toFile());
        pb.redirectOutput(work.resolve("musescore.out").toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds(jobs.size()), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(COMMAND + " took more than " + timeoutSeconds(jobs.size()) + " s for " + jobs.size() + " files");
        }
        if (p.exitValue() != 0) throw new IllegalStateException(COMMAND + " exited with " + p.exitValue() + ": " + Files.readString(errors));
        Map<Path, List<String>> said = new LinkedHashMap<>();
        Map<String, Path> byName = new HashMap<>();
        for (Path in : jobs.keySet()) {
            said.put(in, new ArrayList<>());
            byName.put(in.toAbsolutePath().toString(), in);
        }
        Path current = null;
        for (String line : Files.readAllLines(errors, StandardCharsets.UTF_8)) {
            if (line.startsWith("convert <") && line.endsWith(">...")) {
                current = byName.get(line.substring("convert <".length(), line.length() - ">...".length()));
                continue;
            }
            if (line.isBlank() || line.startsWith("\tto <") || line.equals("... success!")) continue;
            said.computeIfAbsent(current, k -> new ArrayList<>()).add(line);
        }
        return said;
    }

    /** A sounding note of a MIDI file: track, key, on and off in ticks of 480 a quarter note. */
    record Note(int track, int key, long on, long off) {}

    /** The notes of every track that has some, each track's in order of onset then key. */
    static List<List<Note>> notes(Sequence s) {
        List<List<Note>> out = new ArrayList<>();
        double scale = 480.0 / s.getResolution();
        int index = 0;
        for (Track t : s.getTracks()) {
            List<Note> notes = new ArrayList<>();
            Map<Integer, Deque<Long>> sounding = new HashMap<>();
            for (int i = 0; i < t.size(); i++) {
                MidiEvent e = t.get(i);
                if (!(e.getMessage() instanceof ShortMessage m)) continue;
                long tick = Math.round(e.getTick() * scale);
                boolean on = m.getCommand() == ShortMessage.NOTE_ON && m.getData2() > 0;
                boolean off = m.getCommand() == ShortMessage.NOTE_OFF || m.getCommand() == ShortMessage.NOTE_ON && m.getData2() == 0;
                if (on) sounding.computeIfAbsent(m.getData1(), k -> new ArrayDeque<>()).add(tick);
                else if (off) {
                    Deque<Long> started = sounding.get(m.getData1());
                    if (started != null && !started.isEmpty()) notes.add(new Note(index, m.getData1(), started.poll(), tick));
                }
            }
            notes.sort(Comparator.comparingLong(Note::on).thenComparingInt(Note::key));
            if (!notes.isEmpty()) out.add(notes);
            index++;
        }
        return out;
    }
}
