package tunesmith.vae;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tunesmith.notation.AbcWriter;
import tunesmith.chart.Histogram;
import tunesmith.chart.Histograms;
import tunesmith.encode.MelodyGrid;
import tunesmith.eval.Abc2Midi;
import tunesmith.music.Tune;

/**
 * The report of a VAE's evaluation, as {@link tunesmith.eval.EvaluationReport} is an LSTM's: the
 * VAE on held-out excerpts, z = μ throughout, with the trivial baselines beside its accuracies,
 * and (from {@link MusicVae#evaluatePrior}) the melodies of its prior samples beside those of its
 * reconstructions and of the training excerpts.
 *
 * <ul>
 *   <li>{@code teacherForcedAccuracy}: the decoder given the true previous step, per 16th step;
 *       {@code sampledAccuracy}: decoding freely (greedy, its own previous step), compared step by step;</li>
 *   <li>{@code alwaysHoldAccuracy}: the same steps predicted as "hold" every time, i.e. the share of
 *       steps whose target is hold; {@code repeatPreviousAccuracy}: each step predicted as the step
 *       before it (the first step's "previous" is the meter token, so it is always wrong): what a
 *       model that learnt nothing but "more of the same" scores. An accuracy is only worth its
 *       distance above these;</li>
 *   <li>{@code meterAccuracy}: the decoded meter is the excerpt's; {@code reconNats}: reconstruction
 *       NLL per step (meter token included); {@code klNats}: KL(q(z|x) ‖ N(0, I)) per excerpt;</li>
 *   <li>{@code melodies}: empty from {@link MusicVae#evaluate(List)}; from
 *       {@link MusicVae#evaluatePrior} three rows, {@link #TRAINING}, {@link #RECONSTRUCTIONS} and
 *       {@link #PRIOR} (see {@link Melodies}).</li>
 * </ul>
 */
public record VaeEvaluationReport(int excerpts, long steps, double teacherForcedAccuracy, double sampledAccuracy, double alwaysHoldAccuracy,
                            double repeatPreviousAccuracy, double meterAccuracy, double reconNats, double klNats, List<Melodies> melodies) {

    /** The {@link Melodies#what()} of the three rows of {@link MusicVae#evaluatePrior}. */
    public static final String TRAINING = "training excerpts", RECONSTRUCTIONS = "held-out reconstructions", PRIOR = "prior samples";

    /** Training excerpts abc2midi checks at most (spread evenly over them): the reference's share needs no more. */
    static final int MAX_REFERENCE_CHECKS = 1000;

    public VaeEvaluationReport {
        melodies = List.copyOf(melodies);
    }

    /** This evaluation with melody rows (replacing any it had). */
    VaeEvaluationReport withMelodies(List<Melodies> rows) {
        return new VaeEvaluationReport(excerpts, steps, teacherForcedAccuracy, sampledAccuracy, alwaysHoldAccuracy, repeatPreviousAccuracy,
                meterAccuracy, reconNats, klNats, rows);
    }

    /** The row of {@link #melodies()} named {@code what} ({@link #TRAINING}, {@link #RECONSTRUCTIONS}, {@link #PRIOR}). */
    public Optional<Melodies> melodies(String what) { return melodies.stream().filter(m -> m.what().equals(what)).findFirst(); }

    public Optional<Melodies> prior() { return melodies(PRIOR); }

    public Optional<Melodies> reconstructions() { return melodies(RECONSTRUCTIONS); }

    public Optional<Melodies> training() { return melodies(TRAINING); }

    /**
     * The melodies of a set of excerpts (training excerpts, reconstructions or prior samples), each
     * decoded to a 2-bar tune in the key its notes suggest, against the training excerpts:
     * <ul>
     *   <li>{@code abc2midiPasses} of {@code abc2midiChecked}: how many of the excerpts' ABC texts
     *       abc2midi passes strictly (no error, no bar of the wrong length; {@link Abc2Midi}); 0 of 0
     *       when abc2midi was not run, and {@code abc2midiStatus} says why ("checked" when it was);
     *       for the training excerpts at most {@value #MAX_REFERENCE_CHECKS}, spread evenly, are checked;</li>
     *   <li>{@code notesPerBar}: notes started per bar ({@link Excerpt#noteDensity()}), mean over the excerpts;</li>
     *   <li>pitch-class, interval (melodic, semitones) and note-length histograms ({@link Histograms}) and
     *       their total-variation distances to the training excerpts' (0 for the training excerpts themselves;
     *       NaN when either counted nothing, e.g. excerpts of one note have no interval).</li>
     * </ul>
     */
    public record Melodies(String what, int count, int abc2midiPasses, int abc2midiChecked, String abc2midiStatus, double notesPerBar,
                           Histogram pitchClass, Histogram interval, Histogram noteLength,
                           double pitchClassTv, double intervalTv, double noteLengthTv) {

        public Melodies {
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(abc2midiStatus, "abc2midiStatus");
        }

        /** Share of the checked excerpts abc2midi passes strictly; NaN when it checked none. */
        public double abc2midiShare() { return abc2midiChecked == 0 ? Double.NaN : abc2midiPasses / (double) abc2midiChecked; }

        /**
         * Figures for {@code excerpts} read on {@code grid}, compared with {@code reference} (null: these are
         * the reference, every distance 0). {@code checker} null: abc2midi not run, {@code status} says why.
         */
        static Melodies of(String what, List<Excerpt> excerpts, MelodyGrid grid, Melodies reference, Abc2Midi checker, String status, int maxChecks) {
            List<Tune> tunes = new ArrayList<>(excerpts.size());
            for (Excerpt s : excerpts) tunes.add(s.toTune(grid, null));
            int passes = 0, checked = 0;
            if (checker != null && !tunes.isEmpty()) {
                int stride = Math.max(1, (tunes.size() + maxChecks - 1) / maxChecks);
                List<String> texts = new ArrayList<>();
                for (int i = 0; i < tunes.size(); i += stride) texts.add(AbcWriter.write(tunes.get(i)));
                for (Abc2Midi.Check c : checker.checkAll(texts)) if (c.passesStrictly()) passes++;
                checked = texts.size();
                status = "checked";
            }
            double notes = excerpts.stream().mapToDouble(Excerpt::noteDensity).average().orElse(Double.NaN);
            Histogram pc = Histograms.pitchClass(tunes), iv = Histograms.interval(tunes), len = Histograms.duration(tunes);
            return new Melodies(what, excerpts.size(), passes, checked, status, notes, pc, iv, len,
                    tv(reference == null ? pc : reference.pitchClass, pc), tv(reference == null ? iv : reference.interval, iv),
                    tv(reference == null ? len : reference.noteLength, len));
        }

        private static double tv(Histogram a, Histogram b) { return a.isEmpty() || b.isEmpty() ? Double.NaN : Histograms.totalVariation(a, b); }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s (%,d): abc2midi passes %s, %s notes/bar; TV to the training excerpts: pitch classes %s, intervals %s, note lengths %s",
                    what, count, abc2midiChecked == 0 ? abc2midiStatus : abc2midiPasses + " of " + abc2midiChecked + " (" + pct(abc2midiShare()) + ")",
                    num(notesPerBar, 2), num(pitchClassTv, 3), num(intervalTv, 3), num(noteLengthTv, 3));
        }
    }

    /**
     * One row per set of excerpts ({@code excerpts}: {@link #RECONSTRUCTIONS} always, {@link #TRAINING} and
     * {@link #PRIOR} after {@link MusicVae#evaluatePrior}), columns {@code count}, {@code teacher_forced_accuracy},
     * {@code sampled_accuracy}, {@code always_hold_accuracy}, {@code repeat_previous_accuracy} (the reconstructions'
     * row only), {@code abc2midi_share}, {@code notes_per_bar}, {@code pitch_class_tv}, {@code interval_tv},
     * {@code note_length_tv} (missing when not measured).
     */
    public Table table() {
        StringColumn what = StringColumn.create("excerpts");
        IntColumn count = IntColumn.create("count");
        DoubleColumn tf = DoubleColumn.create("teacher_forced_accuracy"), sampled = DoubleColumn.create("sampled_accuracy"),
                hold = DoubleColumn.create("always_hold_accuracy"), repeat = DoubleColumn.create("repeat_previous_accuracy"),
                abc = DoubleColumn.create("abc2midi_share"), notes = DoubleColumn.create("notes_per_bar"), pc = DoubleColumn.create("pitch_class_tv"),
                iv = DoubleColumn.create("interval_tv"), len = DoubleColumn.create("note_length_tv");
        List<Melodies> rows = melodies.isEmpty() ? java.util.Collections.singletonList(null) : melodies;
        for (Melodies m : rows) {
            boolean recon = m == null || m.what().equals(RECONSTRUCTIONS);
            what.append(m == null ? RECONSTRUCTIONS : m.what());
            count.append(m == null ? excerpts : m.count());
            add(tf, recon ? teacherForcedAccuracy : Double.NaN);
            add(sampled, recon ? sampledAccuracy : Double.NaN);
            add(hold, recon ? alwaysHoldAccuracy : Double.NaN);
            add(repeat, recon ? repeatPreviousAccuracy : Double.NaN);
            add(abc, m == null ? Double.NaN : m.abc2midiShare());
            add(notes, m == null ? Double.NaN : m.notesPerBar());
            add(pc, m == null ? Double.NaN : m.pitchClassTv());
            add(iv, m == null ? Double.NaN : m.intervalTv());
            add(len, m == null ? Double.NaN : m.noteLengthTv());
        }
        return Table.create("MusicVAE evaluation", what, count, tf, sampled, hold, repeat, abc, notes, pc, iv, len);
    }

    private static void add(DoubleColumn c, double v) {
        if (Double.isNaN(v)) c.appendMissing();
        else c.append(v);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%,d excerpts (%,d steps): teacher-forced accuracy %.4f, sampled (free-running) accuracy %.4f; baselines on the same steps: always hold %.4f, "
                        + "repeat the previous step %.4f; meter %.4f; reconstruction %.4f nats/step, KL %.2f nats/excerpt",
                excerpts, steps, teacherForcedAccuracy, sampledAccuracy, alwaysHoldAccuracy, repeatPreviousAccuracy, meterAccuracy, reconNats, klNats));
        if (!melodies.isEmpty()) {
            b.append(String.format(Locale.ROOT, "%n  %-26s %7s %9s %9s %14s %12s %15s", "melodies", "count", "abc2midi", "notes/bar", "pitch-class TV",
                    "interval TV", "note-length TV"));
            for (Melodies m : melodies)
                b.append(String.format(Locale.ROOT, "%n  %-26s %,7d %9s %9s %14s %12s %15s", m.what(), m.count(),
                        m.abc2midiChecked() == 0 ? "n/a" : pct(m.abc2midiShare()), num(m.notesPerBar(), 2), num(m.pitchClassTv(), 3),
                        num(m.intervalTv(), 3), num(m.noteLengthTv(), 3)));
            melodies.stream().filter(m -> m.abc2midiChecked() == 0).findFirst().ifPresent(m -> b.append("\n  abc2midi: ").append(m.abc2midiStatus()));
        }
        return b.toString();
    }

    static String pct(double f) { return Double.isNaN(f) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * f); }

    static String num(double v, int decimals) { return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", v); }
}
