package tunesmith.notation;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.junit.jupiter.api.Test;
import tunesmith.eval.Abc2Midi;
import tunesmith.music.Bar;
import tunesmith.music.Chord;
import tunesmith.music.Decoration;
import tunesmith.music.Duration;
import tunesmith.music.Element;
import tunesmith.music.InlineField;
import tunesmith.music.Meter;
import tunesmith.music.Note;
import tunesmith.music.NoteEvent;
import tunesmith.music.Pitch;
import tunesmith.music.Rest;
import tunesmith.music.Tune;
import tunesmith.music.Tuplet;

/**
 * The reference check of the reader and the unfolder: for every tune of O'Neill's, the melody we
 * read ({@link Tune#melody()}) must be the melody channel Debian's abc2midi plays, note for note
 * (pitch, onset, length), for at least 98% of the tunes both sides read.
 *
 * <p>abc2midi gets each tune's own text (with the file header) and {@code -NGRA} (no grace notes),
 * {@code -NGUI} (no chord-symbol accompaniment) and {@code -NFER} (a fermata does not double its
 * note: a performance choice, the melody is the notated one). What else abc2midi does to the notes,
 * learnt from its output, and how the test undoes it:
 * <ul>
 * <li>every note-on comes one tick after the notated onset (note-offs are on time): the onset is the
 *     note-on tick minus one;</li>
 * <li>chord notes start {@code chordattack} (10) ticks apart and overlap the first: notes that start
 *     while the previous one sounds are one chord, heard as its top note;</li>
 * <li>a roll ({@code ~}) or trill ({@code T}, {@code !trill!}) is played out as a run of short notes
 *     ending on the main note, and a staccato or {@code !breath!} note sounds half its length (a tied
 *     note carrying one is struck again): the notes abc2midi starts inside such a note of ours become
 *     one again (onset of the first, pitch and end of the last; for staccato only a re-struck same
 *     pitch), and a staccato note may sound from half to all of its length;</li>
 * <li>tunes whose {@code R:} says hornpipe are swung (see {@link #withoutHornpipe}): abc2midi gets them
 *     with that line made a comment; the report counts how many the swing would change.</li>
 * </ul>
 * Onsets and lengths are compared in MIDI ticks with a tolerance of one tick (septuplets and the like
 * do not fall on whole ticks), pitches exactly. Lengths are sounding lengths (tied notes merged), not
 * inter-onset intervals, so a wrong rest shows as the wrong onset of the next note.
 *
 * <p>A disagreement's cause is found by giving abc2midi our reading written out canonically by
 * {@link AbcWriter} (explicit lengths and tuplet ratios): when it then agrees, abc2midi reads some
 * notation of the original differently (which one is told by what is written on the notes where
 * the melodies part); when it agrees only with our unfolded tune, it unfolds the repeats
 * differently. Every disagreement is written to {@code dsl/target/abc2midi-report.txt}, the counts
 * by cause to {@code dsl/target/abc2midi-summary.md} (for the section "Agreement with abc2midi" of
 * docs/corpora-and-abc.md).
 */
class Abc2MidiAgreementTest {

    private static final double REQUIRED = 0.98;
    private static final int THREADS = 2;
    private static final long TIMEOUT_SECONDS = 20;
    private static final String[] FLAGS = {"-NGRA", "-NGUI", "-NFER", "-silent"};

    /** Decorations abc2midi plays out as a run of notes ending on the main note. */
    private static final Set<String> ORNAMENTS = Set.of("roll", "trill");
    /** Decorations that make abc2midi sound a note for half its length. */
    private static final Set<String> SHORTENING = Set.of("staccato", "breath");

    /** Why abc2midi's melody differs from ours. */
    enum Cause {
        ENDINGS("repeats after a 2nd ending",
                "abc2midi starts no new section after a 2nd ending: a later `:|` without `|:` goes back to the section "
                        + "before (played again without its endings), a later 1st ending is skipped, and a `:|` that closes "
                        + "the last ending repeats once more. We start a new section after the last ending, so each part "
                        + "is repeated with its own endings, as players read them."),
        STACCATO_BROKEN("staccato note in a broken rhythm",
                "abc2midi ignores `>`/`<` when one of its notes is staccato (`.A>B`, `A>.B`), and sometimes drops "
                        + "a note; staccato is articulation and does not change a note's written length."),
        TUPLET_IN_TRIPLE_METER("(5, (7 or (9 in 3/4, 3/8 or 3/2",
                "ABC 2.1 (4.13) plays them in the time of 2 unless the meter is compound (6/8, 9/8, 12/8); abc2midi "
                        + "takes 3 whenever the meter's numerator is 3."),
        ORNAMENT_BROKEN("roll on a broken-rhythm note",
                "abc2midi loses time when the note after `>`/`<` has a roll (`e>~f`)."),
        NOTATION("other notation",
                "abc2midi reads the original differently but agrees with our reading written out canonically."),
        UNEXPLAINED("unexplained", "abc2midi agrees neither with our reading written out nor with it unfolded.");

        final String label, explanation;

        Cause(String label, String explanation) {
            this.label = label;
            this.explanation = explanation;
        }
    }

    /** One tune of ours, with the text abc2midi gets. */
    record Job(String file, int x, String title, String text, Tune tune) {
        String name() { return file + " X:" + x + " \"" + title + "\""; }
    }

    /** A note abc2midi plays, in ticks (onset already corrected for the one-tick delay). */
    record Heard(int midi, long on, long off) {}

    /** Where two melodies first part; {@code what} is "pitch", "onset", "length" or "count". */
    record Diff(int index, String what, String detail) {}

    /** The result for one tune: agreement ({@code diff == null}), or the difference and its cause, or abc2midi's failure. */
    record Outcome(Job job, Diff diff, Cause cause, String failure, boolean swing) {
        boolean agrees() { return failure == null && diff == null; }
    }

    @Test
    void melodyAgreesWithAbc2midiOnOneills() throws Exception {
        String corpora = System.getenv("TUNESMITH_CORPORA");
        assumeTrue(corpora != null && !corpora.isBlank(), "TUNESMITH_CORPORA is not set; skipping the abc2midi check");
        Path dir = Path.of(corpora, "oneills1850");
        assumeTrue(Files.isDirectory(dir), "no oneills1850/ in " + corpora + "; skipping the abc2midi check");
        assumeTrue(Abc2Midi.available(), "abc2midi is not on PATH (Debian package abcmidi); skipping the abc2midi check");
        Abc2Midi abc2midi = Abc2Midi.checker();

        List<Job> jobs = new ArrayList<>();
        List<Problem> unread = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".abc")).sorted().toList();
        }
        for (Path f : files) {
            String text = AbcReader.decode(f);
            Tunebook book = AbcReader.read(text, f.getFileName().toString());
            unread.addAll(book.report().errors());
            List<String> lines = text.lines().toList();
            String header = fileHeader(lines);
            for (Tune t : book.tunes()) {
                jobs.add(new Job(f.getFileName().toString(), t.x(), t.title(), header + tuneText(lines, t.line()), t));
            }
        }

        Path tmp = Files.createTempDirectory("abc2midi-check");
        List<Outcome> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                Job j = jobs.get(i);
                Path work = tmp.resolve("t" + i);
                futures.add(pool.submit(() -> check(abc2midi, j, work)));
            }
            for (Future<Outcome> f : futures) outcomes.add(f.get());
        } finally {
            pool.shutdownNow();
            deleteTree(tmp);
        }

        long agree = outcomes.stream().filter(Outcome::agrees).count();
        long compared = outcomes.stream().filter(o -> o.failure() == null).count();
        String summary = report(outcomes, unread, agree, compared, abc2midi.version());
        System.out.println(summary);
        assertTrue(compared > 0 && agree >= REQUIRED * compared, "the melody agrees with abc2midi for " + agree + " of "
                + compared + " tunes, below " + Math.round(REQUIRED * 100) + "%; see target/abc2midi-report.txt");
    }

    // ---- running abc2midi -----------------------------------------------------------------

    private static Outcome check(Abc2Midi abc2midi, Job job, Path work) {
        try {
            Files.createDirectories(work);
            String shown = withoutHornpipe(job.text());
            Object played = play(abc2midi, shown, work);
            if (played instanceof String failure) return new Outcome(job, null, null, failure, false);
            Diff d = diff(job.tune(), (Sequence) played);
            boolean swing = false;
            if (!shown.equals(job.text())) {
                Object swung = play(abc2midi, job.text(), work); // for the report only
                swing = !(swung instanceof Sequence q) || diff(job.tune(), q) != null;
            }
            return new Outcome(job, d, d == null ? null : cause(abc2midi, job.tune(), d, work), null, swing);
        } catch (Exception e) {
            return new Outcome(job, null, null, e.toString(), false);
        } finally {
            deleteTree(work);
        }
    }

    /** Runs abc2midi on {@code text}: the MIDI sequence, or a message saying why there is none. */
    private static Object play(Abc2Midi abc2midi, String text, Path work) throws Exception {
        Path in = work.resolve("tune.abc"), out = work.resolve("tune.mid");
        Files.deleteIfExists(out);
        Files.writeString(in, text, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of(in.toString(), "-o", out.toString()));
        args.addAll(List.of(FLAGS));
        Abc2Midi.Run run = abc2midi.run(args, java.time.Duration.ofSeconds(TIMEOUT_SECONDS));
        if (run.timedOut()) return "abc2midi ran over " + TIMEOUT_SECONDS + " s";
        if (!Files.isRegularFile(out) || Files.size(out) == 0) return "abc2midi wrote no MIDI file: " + firstLine(run.output());
        Sequence seq = MidiSystem.getSequence(out.toFile());
        if (melodyTrack(seq).isEmpty()) return "abc2midi played no notes: " + firstLine(run.output());
        return seq;
    }

    /**
     * The text with an {@code R:hornpipe} line made a comment. abc2midi swings such tunes (pairs of
     * equal eighths, or sixteenths in 2/4, played 2:1, and {@code >} as 2:1 instead of 3:1), a
     * performance rule of its own with no flag to turn it off; ABC 2.1 gives R: no musical meaning.
     */
    static String withoutHornpipe(String text) {
        StringBuilder b = new StringBuilder();
        for (String l : text.split("\n", -1)) {
            boolean hornpipe = l.startsWith("R:") && l.substring(2).stripLeading().toLowerCase(Locale.ROOT).startsWith("hornpipe");
            b.append(hornpipe ? "%" : "").append(l).append('\n');
        }
        return b.substring(0, b.length() - 1);
    }

    /** The notes of the first track that has any, each chord as its top note. */
    static List<Heard> melodyTrack(Sequence seq) {
        for (Track t : seq.getTracks()) {
            List<Heard> notes = notes(t);
            if (!notes.isEmpty()) return notes;
        }
        return List.of();
    }

    private static List<Heard> notes(Track t) {
        List<Heard> raw = new ArrayList<>();
        Map<Integer, Long> sounding = new HashMap<>(); // channel * 128 + key -> note-on tick
        for (int i = 0; i < t.size(); i++) {
            MidiEvent e = t.get(i);
            if (!(e.getMessage() instanceof ShortMessage m)) continue;
            int key = m.getChannel() * 128 + m.getData1();
            boolean on = m.getCommand() == ShortMessage.NOTE_ON && m.getData2() > 0;
            boolean off = m.getCommand() == ShortMessage.NOTE_OFF || (m.getCommand() == ShortMessage.NOTE_ON && m.getData2() == 0);
            if (!on && !off) continue;
            Long was = on ? sounding.put(key, e.getTick()) : sounding.remove(key);
            if (was != null) raw.add(new Heard(m.getData1(), was - 1, e.getTick()));
        }
        raw.sort(Comparator.comparingLong(Heard::on).thenComparingInt(Heard::midi));
        List<Heard> out = new ArrayList<>();
        for (Heard h : raw) {
            Heard last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && h.on() < last.off() && h.on() - last.on() < 100) { // a chord's later note
                out.set(out.size() - 1, new Heard(Math.max(last.midi(), h.midi()), last.on(), Math.max(last.off(), h.off())));
            } else out.add(h);
        }
        return out;
    }

    // ---- comparing ------------------------------------------------------------------------

    private static Diff diff(Tune tune, Sequence seq) {
        return compare(tune, melodyTrack(seq), seq.getResolution());
    }

    /** Null when abc2midi's notes are our melody, note for note; else where they first part. */
    static Diff compare(Tune tune, List<Heard> heard, int resolution) {
        List<NoteEvent> ours = tune.melody();
        TreeMap<Duration, Set<String>> marks = marks(tune);
        double ticksPerWhole = 4.0 * resolution;
        List<Heard> theirs = undoArticulation(ours, heard, marks, ticksPerWhole);
        int n = Math.min(ours.size(), theirs.size());
        for (int i = 0; i < n; i++) {
            NoteEvent o = ours.get(i);
            Heard h = theirs.get(i);
            double on = o.onset().toDouble() * ticksPerWhole;
            double len = o.duration().toDouble() * ticksPerWhole;
            long sounded = h.off() - h.on();
            boolean shortened = marksOf(marks, o).stream().anyMatch(SHORTENING::contains);
            boolean lenOk = Math.abs(len - sounded) <= 1.0 || (shortened && sounded >= len / 2 - 1 && sounded < len);
            String what = Math.abs(on - h.on()) > 1.0 ? "onset" : o.midi() != h.midi() ? "pitch" : !lenOk ? "length" : null;
            if (what != null) return new Diff(i, what, describe(i, ours, theirs, resolution));
        }
        if (ours.size() != theirs.size()) return new Diff(n, "count", describe(n, ours, theirs, resolution));
        return null;
    }

    /**
     * abc2midi's notes with each ornamented or shortened note of ours made one note again: the notes
     * abc2midi starts inside it (an ornament's run; for a staccato only the same pitch struck again)
     * become one, with the onset of the first and the pitch and end of the last.
     */
    private static List<Heard> undoArticulation(List<NoteEvent> ours, List<Heard> heard, TreeMap<Duration, Set<String>> marks,
                                                double ticksPerWhole) {
        List<double[]> spans = new ArrayList<>(); // start, end, 1 when ornamented
        for (NoteEvent e : ours) {
            Set<String> m = marksOf(marks, e);
            boolean ornament = m.stream().anyMatch(ORNAMENTS::contains);
            if (ornament || m.stream().anyMatch(SHORTENING::contains)) {
                double a = e.onset().toDouble() * ticksPerWhole;
                spans.add(new double[]{a, a + e.duration().toDouble() * ticksPerWhole, ornament ? 1 : 0});
            }
        }
        if (spans.isEmpty()) return heard;
        List<Heard> out = new ArrayList<>();
        int s = 0;
        for (Heard h : heard) {
            while (s < spans.size() && spans.get(s)[1] <= h.on() + 1) s++;
            Heard last = out.isEmpty() ? null : out.get(out.size() - 1);
            boolean inside = s < spans.size() && h.on() > spans.get(s)[0] + 1 && last != null && last.on() >= spans.get(s)[0] - 1;
            if (inside && (spans.get(s)[2] == 1 || last.midi() == h.midi())) {
                out.set(out.size() - 1, new Heard(h.midi(), last.on(), h.off()));
            } else out.add(h);
        }
        return out;
    }

    /** The marks of every written note inside one note of the melody (tied notes included). */
    private static Set<String> marksOf(TreeMap<Duration, Set<String>> marks, NoteEvent e) {
        Set<String> out = new HashSet<>();
        for (Set<String> m : marks.subMap(e.onset(), true, e.onset().plus(e.duration()), false).values()) out.addAll(m);
        return out;
    }

    /**
     * What is written on the notes of the unfolded melody voice, by onset: decorations, and
     * "tuplet p meter" for a note of a tuplet of p.
     */
    static TreeMap<Duration, Set<String>> marks(Tune tune) {
        TreeMap<Duration, Set<String>> out = new TreeMap<>();
        Duration t = Duration.ZERO;
        Set<String> pending = new HashSet<>();
        Meter meter = tune.meter();
        int tupletLeft = 0, tupletP = 0;
        for (Bar b : tune.unfold().melodyVoice().bars()) {
            for (Element e : b.elements()) {
                if (e instanceof Decoration d) pending.add(d.name());
                else if (e instanceof Tuplet tp) { tupletLeft = tp.r(); tupletP = tp.p(); }
                else if (e instanceof InlineField f && f.name() == 'M') {
                    try { meter = Meter.parse(f.value()); } catch (IllegalArgumentException x) { /* keep the meter */ }
                } else if (e instanceof Note || e instanceof Chord || e instanceof Rest) {
                    Set<String> m = new HashSet<>(e instanceof Rest ? Set.of() : pending);
                    if (tupletLeft > 0) {
                        tupletLeft--;
                        m.add("tuplet " + tupletP + " " + (meter.isFree() ? "none" : meter.numerator() + "/" + meter.denominator()));
                    }
                    if (!m.isEmpty()) out.computeIfAbsent(t, x -> new HashSet<>()).addAll(m);
                    pending.clear();
                }
                t = t.plus(e.duration());
            }
        }
        return out;
    }

    // ---- causes -----------------------------------------------------------------------------

    private static Cause cause(Abc2Midi abc2midi, Tune tune, Diff d, Path work) throws Exception {
        Object asRead = play(abc2midi, withoutHornpipe(AbcWriter.write(tune)), work);
        if (asRead instanceof Sequence s && diff(tune, s) == null) return notationCause(tune, d);
        Object unfolded = play(abc2midi, withoutHornpipe(AbcWriter.write(tune.unfold())), work);
        if (unfolded instanceof Sequence s && diff(tune, s) == null) return Cause.ENDINGS;
        return Cause.UNEXPLAINED;
    }

    /** Which notation abc2midi reads differently, told by what is written on the notes where the melodies part. */
    private static Cause notationCause(Tune tune, Diff d) {
        List<NoteEvent> ours = tune.melody();
        TreeMap<Duration, Set<String>> marks = marks(tune);
        Set<String> near = new HashSet<>();
        for (int j = Math.max(0, d.index() - 1); j <= Math.min(ours.size() - 1, d.index() + 1); j++) near.addAll(marksOf(marks, ours.get(j)));
        if (near.stream().anyMatch(m -> m.matches("tuplet [579] 3/\\d+"))) return Cause.TUPLET_IN_TRIPLE_METER;
        if (near.stream().anyMatch(ORNAMENTS::contains)) return Cause.ORNAMENT_BROKEN;
        if (near.stream().anyMatch(SHORTENING::contains)) return Cause.STACCATO_BROKEN;
        return Cause.NOTATION;
    }

    // ---- report -----------------------------------------------------------------------------

    private static String describe(int i, List<NoteEvent> ours, List<Heard> theirs, int resolution) {
        StringBuilder b = new StringBuilder("at note ").append(i + 1).append(" (ours ").append(ours.size())
                .append(" notes, abc2midi ").append(theirs.size()).append("); pitch onset+length in quarters\n      ours:     ");
        for (int j = Math.max(0, i - 2); j < Math.min(ours.size(), i + 4); j++) {
            NoteEvent e = ours.get(j);
            b.append(j == i ? "[" : "").append(e.pitch().name()).append(' ').append(q(e.onsetQuarters())).append('+')
                    .append(q(e.durationQuarters())).append(j == i ? "]" : "").append("  ");
        }
        b.append("\n      abc2midi: ");
        for (int j = Math.max(0, i - 2); j < Math.min(theirs.size(), i + 4); j++) {
            Heard h = theirs.get(j);
            b.append(j == i ? "[" : "").append(Pitch.fromMidi(h.midi(), false).name()).append(' ')
                    .append(q((double) h.on() / resolution)).append('+').append(q((double) (h.off() - h.on()) / resolution))
                    .append(j == i ? "]" : "").append("  ");
        }
        return b.toString().stripTrailing();
    }

    private static String q(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9 ? Long.toString(Math.round(v)) : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Writes the report and the summary of docs/corpora-and-abc.md; returns the summary. */
    private static String report(List<Outcome> outcomes, List<Problem> unread, long agree, long compared, String version)
            throws IOException {
        Map<Cause, List<Outcome>> byCause = new EnumMap<>(Cause.class);
        for (Outcome o : outcomes) if (o.failure() == null && o.diff() != null) byCause.computeIfAbsent(o.cause(), c -> new ArrayList<>()).add(o);
        List<Outcome> failed = outcomes.stream().filter(o -> o.failure() != null).toList();
        long swing = outcomes.stream().filter(Outcome::swing).count();
        long hornpipes = outcomes.stream().filter(o -> !withoutHornpipe(o.job().text()).equals(o.job().text())).count();
        String figure = String.format(Locale.ROOT, "%d of %d tunes (%.2f%%)", agree, compared, compared == 0 ? 0.0 : 100.0 * agree / compared);

        StringBuilder r = new StringBuilder("Melody of O'Neill's against abc2midi (" + String.join(" ", FLAGS) + "): " + figure + " agree\n");
        r.append("(pitch, onset and length of every note; onsets and lengths in quarter notes)\n");
        for (Map.Entry<Cause, List<Outcome>> e : byCause.entrySet()) {
            r.append("\n== ").append(e.getKey().label).append(": ").append(e.getValue().size()).append(" tunes\n   ")
                    .append(e.getKey().explanation).append("\n\n");
            for (Outcome o : e.getValue()) {
                r.append(o.job().name()).append(": ").append(o.diff().what()).append(" differs ").append(o.diff().detail()).append('\n');
            }
        }
        r.append("\n== abc2midi could not play: ").append(failed.size()).append(" tunes\n");
        for (Outcome o : failed) r.append(o.job().name()).append(": ").append(o.failure()).append('\n');
        r.append("\n== we could not read: ").append(unread.size()).append(" tunes\n");
        for (Problem p : unread) r.append(p).append('\n');

        StringBuilder md = new StringBuilder("### Agreement with abc2midi\n\n");
        md.append("`Abc2MidiAgreementTest` plays every tune of O'Neill's through Debian's abc2midi ").append(version).append(" (`")
                .append(String.join(" ", FLAGS)).append("`: no grace notes, no chord-symbol accompaniment, fermatas not ")
                .append("lengthened) and compares its melody channel with `Tune.melody()` note for note: pitch, onset and ")
                .append("length, to a MIDI tick. abc2midi's articulation is undone first: the rolls and trills it plays out ")
                .append("count as the one note written, and a staccato note may sound half to all of its length.\n\n");
        md.append("**").append(figure).append(" agree.** Not compared: ").append(unread.size())
                .append(" tunes we do not read, ").append(failed.size()).append(" that abc2midi does not play")
                .append(" (listed in `dsl/target/abc2midi-report.txt` with every disagreement).\n\n");
        md.append("abc2midi swings tunes whose `R:` field says hornpipe (pairs of even eighths played 2:1, `>` as 2:1), ")
                .append("a playing style of its own that no option turns off and that ABC 2.1 does not give `R:`; the test hides ")
                .append("that line from abc2midi, as `-NFER` hides fermatas. It would change ").append(swing).append(" of the ")
                .append(hornpipes).append(" hornpipes.\n\n");
        md.append("The tunes that still disagree, by cause:\n\n| cause | tunes | what happens |\n|---|---:|---|\n");
        for (Map.Entry<Cause, List<Outcome>> e : byCause.entrySet()) {
            md.append("| ").append(e.getKey().label).append(" | ").append(e.getValue().size()).append(" | ")
                    .append(e.getKey().explanation.replace("|", "\\|")).append(" |\n");
        }
        Path target = target();
        Files.createDirectories(target);
        Files.writeString(target.resolve("abc2midi-report.txt"), r.toString(), StandardCharsets.UTF_8);
        Files.writeString(target.resolve("abc2midi-summary.md"), md.toString(), StandardCharsets.UTF_8);

        StringBuilder s = new StringBuilder("abc2midi agreement on O'Neill's: " + figure + "\n");
        byCause.forEach((c, os) -> s.append("  ").append(c.label).append(": ").append(os.size()).append('\n'));
        s.append("  abc2midi could not play: ").append(failed.size()).append(", we could not read: ").append(unread.size())
                .append("\n  hornpipes abc2midi's swing would change: ").append(swing).append(" of ").append(hornpipes);
        return s.toString();
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static Path target() {
        String root = System.getProperty("tunesmith.root");
        return root == null ? Path.of("target") : Path.of(root, "dsl", "target");
    }

    /** The file header (the first paragraph when it is not a tune): its fields and directives. */
    static String fileHeader(List<String> lines) {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            if (l.isBlank() || AbcReader.isX(l)) break;
            if (l.startsWith("%%") || (l.length() >= 2 && l.charAt(1) == ':')) b.append(l).append('\n');
        }
        return b.isEmpty() ? "" : b.append('\n').toString();
    }

    /** The tune's own lines, split as {@link AbcReader} splits them: from X: to a blank line or the next X:. */
    static String tuneText(List<String> lines, int xLine) {
        StringBuilder b = new StringBuilder();
        int i = xLine - 1;
        b.append(lines.get(i++)).append('\n');
        while (i < lines.size() && !lines.get(i).isBlank() && !AbcReader.isX(lines.get(i))) b.append(lines.get(i++)).append('\n');
        return b.toString();
    }

    private static String firstLine(String log) {
        return log.lines().filter(l -> !l.isBlank()).findFirst().orElse("(no message)");
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp folder left behind is harmless
        }
    }
}
