package tunesmith.midi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import tunesmith.corpus.Corpus;
import tunesmith.eval.Abc2Midi;
import tunesmith.music.Bar;
import tunesmith.music.Decoration;
import tunesmith.music.Element;
import tunesmith.music.NoteEvent;
import tunesmith.music.Tune;
import tunesmith.notation.AbcWriter;

/**
 * Tunes of the folk corpora written to MIDI by Debian's abc2midi and read back by {@link MidiIn}: how
 * many notes come back equal (MIDI pitch, onset and length as exact fractions of a whole note) to
 * the notes the ABC means ({@link Tune#melody()}: repeats written out, tied notes one note, grace
 * notes and decorations without effect). Shared by {@code MidiInAbc2MidiTest} and
 * {@code bench/midi-roundtrip.sh}.
 *
 * <p>Two ways of giving abc2midi a tune:
 * <ul>
 * <li>{@link Mode#NOTES}, the fair test of the reader: the tune's notes as the ABC means them, and
 *     nothing abc2midi would perform as other notes. The melody voice, unfolded (abc2midi plays
 *     repeats, and reads some endings otherwise, see the agreement test: that is the player, not the
 *     reader), without decorations (abc2midi plays a roll or trill as a run of notes and a staccato
 *     note at half length) and without {@code R:} (abc2midi swings hornpipes); {@code -NGRA -NGUI}:
 *     no grace notes, no chord-symbol accompaniment. Written by {@link AbcWriter}.</li>
 * <li>{@link Mode#AS_WRITTEN}: the tune as read (repeats, decorations, grace notes, chord symbols,
 *     {@code R:}), written by {@link AbcWriter}, and abc2midi with no option at all; compared with
 *     the unfolded melody. What a user gets from a MIDI file made from a tunebook.</li>
 * </ul>
 * abc2midi starts every note one tick late and ends it on time: the grid takes that back.
 */
final class Abc2MidiRoundTrip {

    enum Mode {
        NOTES(List.of("-NGRA", "-NGUI", "-silent")), AS_WRITTEN(List.of("-silent"));

        final List<String> flags;

        Mode(List<String> flags) { this.flags = flags; }
    }

    static final List<String> CORPORA = List.of("oneills1850", "ryans-mammoth", "nottingham");

    /** One tune compared: notes the ABC means, notes read back, notes equal; {@code failure} when abc2midi or the reader gave none. */
    record Outcome(String name, int expected, int read, int equal, String failure, String firstDifference, MidiReport report) {
        boolean allEqual() { return failure == null && equal == expected && read == expected; }
    }

    /** The figures of a run. */
    record Summary(Mode mode, int tunes, int expected, int read, int equal, int tunesAllEqual, int failures, List<Outcome> outcomes) {
        /** Notes equal over the larger of notes meant and notes read, so that notes read in excess count against it too. */
        double share() { return equal / (double) Math.max(1, Math.max(expected, read)); }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                    "%s: %d tunes, %d notes meant, %d read, %d equal (%.2f%%); %d tunes with every note equal, %d not read",
                    mode, tunes, expected, read, equal, 100 * share(), tunesAllEqual, failures));
            double on = 0, len = 0, onMax = 0;
            int n = 0, triplets = 0, swung = 0;
            for (Outcome o : outcomes) {
                if (o.report() == null) continue;
                n++;
                on += o.report().meanOnsetQuarters();
                len += o.report().meanLengthQuarters();
                onMax = Math.max(onMax, o.report().maxOnsetQuarters());
                triplets += o.report().triplets();
                if (o.report().swing() > 0) swung++;
            }
            b.append(String.format(Locale.ROOT, "%n  grid: mean onset move %.4f quarter (largest %.3f), mean length change %.4f; %d triplets; %d tunes straightened as swung",
                    on / Math.max(1, n), onMax, len / Math.max(1, n), triplets, swung));
            for (Outcome o : outcomes) {
                if (o.allEqual()) continue;
                b.append("\n  ").append(o.name()).append(": ");
                if (o.failure() != null) b.append(o.failure());
                else b.append(o.equal()).append(" of ").append(o.expected()).append(" equal, ").append(o.read()).append(" read; ").append(o.firstDifference());
            }
            return b.toString();
        }
    }

    private Abc2MidiRoundTrip() {}

    /** {@code count} tunes spread evenly over the three corpora, and within each evenly over its tunes (the same pick every run). */
    static List<Tune> pick(Path corporaRoot, int count) {
        List<Tune> out = new ArrayList<>();
        for (int c = 0; c < CORPORA.size(); c++) {
            Corpus corpus = Corpus.load(corporaRoot.resolve(CORPORA.get(c)));
            List<Tune> usable = corpus.tunes().stream().filter(t -> !t.meter().isFree() && !t.melody().isEmpty()).toList();
            int share = count / CORPORA.size() + (c < count % CORPORA.size() ? 1 : 0);
            for (int i = 0; i < share; i++) out.add(usable.get((int) ((long) i * usable.size() / share)));
        }
        return out;
    }

    static Summary run(List<Tune> tunes, Mode mode) throws IOException {
        Abc2Midi abc2midi = Abc2Midi.checker();
        Path tmp = Files.createTempDirectory("midi-roundtrip");
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < tunes.size(); i++) outcomes.add(one(abc2midi, tunes.get(i), mode, tmp.resolve("t" + i)));
        } finally {
            deleteTree(tmp);
        }
        int expected = 0, read = 0, equal = 0, all = 0, failures = 0;
        for (Outcome o : outcomes) {
            expected += o.expected();
            read += o.read();
            equal += o.equal();
            if (o.allEqual()) all++;
            if (o.failure() != null) failures++;
        }
        return new Summary(mode, tunes.size(), expected, read, equal, all, failures, outcomes);
    }

    /** The text abc2midi gets in a mode. */
    static String abcFor(Tune tune, Mode mode) {
        if (mode == Mode.AS_WRITTEN) return AbcWriter.write(tune);
        Tune melody = tune.withVoices(List.of(tune.melodyVoice())).unfold();
        melody = melody.withFields(melody.fields().stream().filter(f -> f.name() != 'R').toList());
        return AbcWriter.write(melody.mapVoices(v -> v.withBars(v.bars().stream().map(Abc2MidiRoundTrip::undecorated).toList())));
    }

    private static Bar undecorated(Bar b) {
        List<Element> es = new ArrayList<>();
        for (Element e : b.elements()) if (!(e instanceof Decoration)) es.add(e);
        return b.withElements(es);
    }

    private static Outcome one(Abc2Midi abc2midi, Tune tune, Mode mode, Path work) throws IOException {
        String name = (tune.source() == null ? "" : Path.of(tune.source()).getFileName() + " ") + "X:" + tune.x() + " \"" + tune.title() + "\"";
        List<NoteEvent> expected = tune.withVoices(List.of(tune.melodyVoice())).melody();
        Files.createDirectories(work);
        Path in = work.resolve("in.abc"), out = work.resolve("out.mid");
        Files.writeString(in, abcFor(tune, mode), StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of(in.toString(), "-o", out.toString()));
        args.addAll(mode.flags);
        Abc2Midi.Run run = abc2midi.run(args, java.time.Duration.ofSeconds(20));
        if (run.timedOut() || !Files.isRegularFile(out) || Files.size(out) == 0)
            return new Outcome(name, expected.size(), 0, 0, "abc2midi wrote no MIDI file: " + run.output().strip(), null, null);
        MidiImport back;
        try {
            back = MidiIn.midiIn().read(out);
        } catch (MidiFileException e) {
            return new Outcome(name, expected.size(), 0, 0, e.reason(), null, null);
        }
        List<NoteEvent> got = back.tune().melody();
        return compare(name, expected, got, back.report());
    }

    /** Notes equal in MIDI pitch, onset and length, matched as multisets (a missing note does not shift the rest). */
    static Outcome compare(String name, List<NoteEvent> expected, List<NoteEvent> got, MidiReport report) {
        Map<String, Integer> want = new HashMap<>();
        for (NoteEvent e : expected) want.merge(key(e), 1, Integer::sum);
        int equal = 0;
        String first = null;
        for (NoteEvent g : got) {
            Integer left = want.get(key(g));
            if (left != null && left > 0) { equal++; want.put(key(g), left - 1); }
            else if (first == null) first = "read " + describe(g) + ", not meant; near it meant " + near(expected, g);
        }
        if (first == null && equal < expected.size()) {
            for (NoteEvent e : expected) if (want.getOrDefault(key(e), 0) > 0) { first = "meant " + describe(e) + ", not read"; break; }
        }
        return new Outcome(name, expected.size(), got.size(), equal, null, first, report);
    }

    private static String key(NoteEvent e) { return e.midi() + "@" + e.onset() + "+" + e.duration(); }

    private static String describe(NoteEvent e) { return e.pitch().name() + " (" + e.midi() + ") at " + e.onset() + " for " + e.duration(); }

    private static String near(List<NoteEvent> notes, NoteEvent g) {
        return notes.stream().min(Comparator.comparingDouble(e -> Math.abs(e.onset().minus(g.onset()).toDouble())))
                .map(Abc2MidiRoundTrip::describe).orElse("nothing");
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
