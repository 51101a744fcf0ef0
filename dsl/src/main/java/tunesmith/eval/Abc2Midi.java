package tunesmith.eval;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An independent check of ABC text by Debian's {@code abc2midi} (package abcmidi), run as
 * {@code abc2midi FILE -c} (check only, no MIDI written): {@code Abc2Midi.checker().check(abc)}, or
 * {@link #checkAll} for many tunes in one run. Immutable.
 *
 * <p>A tune <b>passes strictly</b> when abc2midi prints no line with "Error" for it and no warning
 * that a bar has the wrong length ("Track 1 Bar 3 has 7/2 time units while the time signature has
 * 4"); it <b>passes allowing two bad bars</b> with no error and at most two bars of the wrong length
 * (short or long; abc2midi often reports one bar twice, once with " in repeat", which counts once).
 * A tune abc2midi crashes or hangs on fails, with the reason.
 *
 * <p>Many tunes are checked in one abc2midi run of one file (measured: 2,009 tunes in under 0.1 s,
 * against about 25 ms a tune for one run each); its messages name lines of that file, and are given
 * back by tune with the line counted in the tune's own text (1 = its first line). When that run
 * fails (a crash, a time-out, a message that names no line of a tune), each tune is checked alone.
 * A text that does not start with an {@code X:} line gets {@code X:1} in front (abc2midi ignores
 * music outside a tune); a blank line ends a tune in ABC, so a text with one is checked alone.
 */
public final class Abc2Midi {

    /** The program's name on PATH. */
    public static final String PROGRAM = "abc2midi";

    /** Ten seconds a tune (the slowest tune of O'Neill's takes a few ms), plus this for the run itself. */
    private static final Duration PER_TUNE = Duration.ofSeconds(10);

    private static final Pattern MESSAGE = Pattern.compile("^(Error|Warning) in line(?:-char)? (\\d+)(?:-(\\d+))? ?: ?(.*)$");
    private static final Pattern BAR = Pattern.compile("Track (\\d+) Bar (\\d+) has \\S+ time units while the time signature has \\S+");

    /** One line abc2midi printed about a tune; {@code line} and {@code column} count in the tune's own text (0 when it names none). */
    public record Message(boolean error, int line, int column, String text) {
        /** True for a warning that a bar is too short or too long for its meter. */
        public boolean badBar() { return BAR.matcher(text).find(); }

        @Override
        public String toString() {
            return (error ? "error" : "warning") + (line > 0 ? " at line " + line + (column > 0 ? ":" + column : "") : "") + ": " + text;
        }
    }

    /**
     * What abc2midi said about one tune: its messages, errors, bars of the wrong length (each bar
     * once), or why it could not check the tune ({@code failure}, empty when it could).
     */
    public record Check(List<Message> messages, int errors, int badBars, String failure) {
        public Check {
            messages = List.copyOf(messages);
            Objects.requireNonNull(failure, "failure ('' for none)");
        }

        static Check of(List<Message> messages) {
            int errors = 0;
            Set<String> bars = new HashSet<>();
            for (Message m : messages) {
                if (m.error() || m.text().contains("Error")) errors++;
                Matcher b = BAR.matcher(m.text());
                if (b.find()) bars.add(b.group(1) + "/" + b.group(2));
            }
            return new Check(messages, errors, bars.size(), "");
        }

        static Check failed(String why) { return new Check(List.of(), 0, 0, why); }

        /** True when abc2midi could not check the tune (it crashed or ran out of time). */
        public boolean failed() { return !failure.isEmpty(); }

        /** No error and no bar of the wrong length. */
        public boolean passesStrictly() { return !failed() && errors == 0 && badBars == 0; }

        /** No error, and at most two bars of the wrong length (a generated tune's pickup and last bar, say). */
        public boolean passesAllowingTwoBadBars() { return !failed() && errors == 0 && badBars <= 2; }

        @Override
        public String toString() {
            if (failed()) return "abc2midi failed: " + failure;
            String verdict = passesStrictly() ? "passes" : passesAllowingTwoBadBars() ? "passes allowing two bad bars" : "fails";
            StringBuilder b = new StringBuilder("abc2midi: ").append(verdict).append(" (").append(errors).append(errors == 1 ? " error, " : " errors, ")
                    .append(badBars).append(badBars == 1 ? " bar" : " bars").append(" of the wrong length)");
            for (Message m : messages) b.append("\n  ").append(m);
            return b.toString();
        }
    }

    /** What a run of abc2midi gave: its exit code (-1 when it ran out of time) and everything it printed. */
    public record Run(int exitCode, boolean timedOut, String output) {}

    private final Path program;
    private final Duration perTune;

    private Abc2Midi(Path program, Duration perTune) {
        this.program = program;
        this.perTune = perTune;
    }

    /** True when abc2midi is on PATH. */
    public static boolean available() { return executable().isPresent(); }

    /** Where abc2midi is on PATH, if it is. */
    public static Optional<Path> executable() {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String d : path.split(File.pathSeparator)) {
            if (d.isEmpty()) continue;
            Path p = Path.of(d, PROGRAM);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** The checker with abc2midi from PATH; a clear error when it is not installed (see {@link #available()}). */
    public static Abc2Midi checker() {
        Path p = executable().orElseThrow(() -> new IllegalStateException(PROGRAM + " is not on PATH, so ABC cannot be checked by it; "
                + "install it (Debian/Ubuntu: sudo apt-get install abcmidi), or test Abc2Midi.available() first"));
        return new Abc2Midi(p, PER_TUNE);
    }

    /** The same checker with another time limit for one tune (default 10 s). */
    public Abc2Midi timeout(Duration perTune) {
        if (perTune == null || perTune.isNegative() || perTune.isZero())
            throw new IllegalArgumentException("timeout(" + perTune + "): expected a positive duration, e.g. Duration.ofSeconds(10)");
        return new Abc2Midi(program, perTune);
    }

    /** "4.84" from {@code abc2midi -ver}, or "" when it does not say. */
    public String version() {
        Run r = run(List.of("-ver"), Duration.ofSeconds(10));
        String out = r.output().strip();
        return out.isEmpty() ? "" : out.split("\\s+")[0];
    }

    /** Checks one tune's ABC text (one abc2midi run). */
    public Check check(String abc) {
        Objects.requireNonNull(abc, "ABC text");
        return checkAlone(withX(abc));
    }

    /** Checks many tunes, in order: one abc2midi run for all of them when it can (see the class comment). */
    public List<Check> checkAll(List<String> abcs) {
        Objects.requireNonNull(abcs, "ABC texts");
        List<String> texts = abcs.stream().map(t -> withX(Objects.requireNonNull(t, "an ABC text is null"))).toList();
        Check[] out = new Check[texts.size()];
        List<Integer> together = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (hasBlankLine(texts.get(i))) out[i] = checkAlone(texts.get(i));
            else together.add(i);
        }
        if (!together.isEmpty()) {
            Batch batch = checkTogether(together.stream().map(texts::get).toList());
            for (int k = 0; k < together.size(); k++) {
                int i = together.get(k);
                out[i] = batch.checks() != null ? batch.checks().get(k) : checkAlone(texts.get(i));
            }
        }
        return List.of(out);
    }

    private Check checkAlone(String text) {
        Batch one = checkTogether(List.of(text));
        if (one.checks() != null) return one.checks().get(0);
        Run r = one.run();
        if (r.timedOut()) return Check.failed(PROGRAM + " ran over " + perTune.toSeconds() + " s");
        if (r.exitCode() != 0) return Check.failed(PROGRAM + " stopped with exit code " + r.exitCode() + describeExit(r.exitCode()) + lastLine(r.output()));
        return Check.failed(PROGRAM + " printed a message that names no line of the tune: " + lastLine(r.output()));
    }

    /** The checks of one run, or none (null) and the run when it did not give a clean result for each tune (then check each alone). */
    private record Batch(List<Check> checks, Run run) {}

    private Batch checkTogether(List<String> texts) {
        StringBuilder file = new StringBuilder();
        int[] first = new int[texts.size()], last = new int[texts.size()];
        int line = 1;
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i).stripTrailing();
            int lines = (int) t.lines().count();
            first[i] = line;
            last[i] = line + lines - 1;
            file.append(t).append("\n\n");
            line += lines + 1;
        }
        Run r = runOn(file.toString(), perTune.multipliedBy(Math.max(1, texts.size())).plusSeconds(5));
        if (r.timedOut() || r.exitCode() != 0) return new Batch(null, r);
        List<List<Message>> messages = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) messages.add(new ArrayList<>());
        int tune = -1;
        for (String l : r.output().split("\\R")) {
            Matcher m = MESSAGE.matcher(l.strip());
            if (m.matches()) {
                int at = Integer.parseInt(m.group(2));
                tune = texts.size() == 1 ? 0 : tuneOf(at, first, last);
                if (tune < 0) return new Batch(null, r);
                int col = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
                int in = at - first[tune] + 1;
                if (in < 1 || in > last[tune] - first[tune] + 1) { in = 0; col = 0; }   // a line outside the tune's text
                messages.get(tune).add(new Message(m.group(1).equals("Error"), in, col, m.group(4).strip()));
            } else if (isNoise(l)) {
                continue;
            } else if (tune >= 0 && !l.contains("Error")) {
                // a continuation of the message before, e.g. "(Hint: use %MIDI chordname to define it ...)"
                List<Message> ms = messages.get(tune);
                Message prev = ms.remove(ms.size() - 1);
                ms.add(new Message(prev.error(), prev.line(), prev.column(), prev.text() + " " + l.strip()));
            } else if (l.contains("Error") || l.contains("rror")) {
                if (texts.size() > 1) return new Batch(null, r);  // which tune? check each alone
                messages.get(0).add(new Message(true, 0, 0, l.strip()));
            }
        }
        return new Batch(messages.stream().map(Check::of).toList(), r);
    }

    /** Lines abc2midi prints that are no message: its version, the voice mapping. */
    private static boolean isNoise(String l) {
        String s = l.strip();
        return s.isEmpty() || s.startsWith("voice mapping") || s.matches("[0-9 ]+") || s.endsWith(PROGRAM) && s.matches("^\\d+\\.\\d+.*");
    }

    private static int tuneOf(int line, int[] first, int[] last) {
        for (int i = 0; i < first.length; i++) if (line >= first[i] && line <= last[i] + 1) return i; // +1: the blank line that ends it
        return -1;
    }

    private Run runOn(String fileText, Duration timeout) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("tunesmith-abc2midi");
            Path in = dir.resolve("tunes.abc");
            Files.writeString(in, fileText, StandardCharsets.UTF_8);
            return run(List.of(in.toString(), "-c"), timeout, dir);
        } catch (IOException e) {
            return new Run(-1, false, "cannot write a temporary file: " + e.getMessage());
        } finally {
            if (dir != null) deleteTree(dir);
        }
    }

    /** Runs abc2midi with these arguments (in a temporary folder): its exit code and output (stdout and stderr). */
    public Run run(List<String> arguments, Duration timeout) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("tunesmith-abc2midi");
            return run(arguments, timeout, dir);
        } catch (IOException e) {
            return new Run(-1, false, "cannot make a temporary folder: " + e.getMessage());
        } finally {
            if (dir != null) deleteTree(dir);
        }
    }

    private Run run(List<String> arguments, Duration timeout, Path dir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(program.toString());
        cmd.addAll(arguments);
        Path log = dir.resolve("abc2midi.log");
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            String out = Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1) : "";
            return done ? new Run(p.exitValue(), false, out) : new Run(-1, true, out);
        } catch (IOException e) {
            return new Run(-1, false, "cannot run " + program + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, false, "interrupted");
        }
    }

    private static String withX(String abc) {
        for (String l : abc.split("\\R", -1)) {
            String s = l.strip();
            if (s.isEmpty() || s.startsWith("%")) continue;
            return s.startsWith("X:") ? abc : "X:1\n" + abc;
        }
        return "X:1\n" + abc;
    }

    private static boolean hasBlankLine(String text) {
        return text.stripTrailing().lines().anyMatch(String::isBlank);
    }

    private static String describeExit(int code) {
        return code > 128 ? String.format(Locale.ROOT, " (killed by signal %d: it crashed)", code - 128) : "";
    }

    private static String lastLine(String output) {
        List<String> ls = output.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        return ls.isEmpty() ? "" : "; it last said: " + ls.get(ls.size() - 1);
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary folder left behind is harmless
        }
    }

    @Override
    public String toString() {
        return "Abc2Midi " + program + " (check(abc) or checkAll(abcs); " + perTune.toSeconds() + " s a tune at most)";
    }
}
