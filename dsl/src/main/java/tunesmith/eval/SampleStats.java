package tunesmith.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tunesmith.chart.Chart;
import tunesmith.chart.Charts;
import tunesmith.chart.Histogram;
import tunesmith.chart.Histograms;
import tunesmith.corpus.Corpus;
import tunesmith.music.BarCheck;
import tunesmith.music.Tune;
import tunesmith.sample.Sample;

/**
 * How a set of samples compares with the corpus a model was trained on:
 * {@code SampleStats.of(model.sample().count(100), trainCorpus)}. Immutable; everything is
 * computed when it is made.
 *
 * <ul>
 *   <li><b>validity</b>: the share of samples whose text reads as a tune ({@link Sample#isValid()});</li>
 *   <li><b>bar fit</b>: the share, of all samples and of the valid ones, whose every bar has the
 *       length of its meter ({@link BarCheck#fits}: pickups, repeat-end and last bars may be short),
 *       and the same share of the corpus tunes as a baseline;</li>
 *   <li><b>melody statistics</b>: pitch-class, interval and note-length histograms of the valid
 *       samples against the corpus ({@link Histograms}: the melody as performed, repeats unfolded),
 *       as total variation (0 same, 1 disjoint) and KL(corpus ‖ samples) in nats with
 *       {@link Defaults#KL_EPSILON} added to every bin;</li>
 *   <li><b>length</b>: mean bars (as written) and mean notes (of the melody as performed: repeats
 *       unfolded, tied notes merged, rests not counted) of valid samples and of corpus tunes;</li>
 *   <li><b>copying</b>: the share of valid samples with a run of at least {@link #copyWindow()}
 *       consecutive bars found, consecutively, in one training tune, and each sample's longest such
 *       run; bars compared by pitch and rhythm, not transposed (see {@link CopyIndex}).</li>
 * </ul>
 * A share or mean over nothing (no valid samples, no notes to count) is {@code NaN}, never a
 * made-up 0.
 */
public final class SampleStats {

    /**
     * How one sample fared; for an invalid sample only index, text, reason and abc2midi's check mean
     * anything. {@code abc2midi} is what abc2midi said about the sample's text (null when it was not checked).
     */
    public record Row(Sample sample, int bars, int notes, List<String> barProblems, CopyIndex.Copy copy, Abc2Midi.Check abc2midi) {
        public Row { barProblems = List.copyOf(barProblems); }

        public int index() { return sample.index(); }

        public boolean valid() { return sample.isValid(); }

        /** True for a valid sample whose every bar fits its meter. */
        public boolean barsFit() { return valid() && barProblems.isEmpty(); }

        /** Length in bars of the longest run copied from one training tune (0 for none, or an invalid sample). */
        public int longestCopy() { return copy.bars(); }

        @Override
        public String toString() {
            if (!valid()) return "Sample " + index() + ": invalid (" + sample.invalidReason() + ")";
            return "Sample " + index() + ": " + bars + " bars, " + notes + " notes, "
                    + (barsFit() ? "bars fit" : barProblems.size() + " bars of the wrong length (" + barProblems.get(0) + ")")
                    + ", longest copy " + copy;
        }
    }

    /** One melody histogram of the corpus and of the samples, and how far apart they are (NaN when either counted nothing). */
    public record Distance(Histogram corpus, Histogram samples, double totalVariation, double klDivergence) {
        static Distance of(Function<Iterable<Tune>, Histogram> histogram, List<Tune> corpus, List<Tune> samples) {
            Histogram c = histogram.apply(corpus), s = histogram.apply(samples);
            if (c.isEmpty() || s.isEmpty()) return new Distance(c, s, Double.NaN, Double.NaN);
            return new Distance(c, s, Histograms.totalVariation(c, s), Histograms.klDivergence(c, s, Defaults.KL_EPSILON));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: TV %s, KL %s nats (%,d vs %,d %s)", corpus.what(), num(totalVariation, 3),
                    num(klDivergence, 3), corpus.count(), samples.count(), corpus.unit());
        }
    }

    private final String corpusName;
    private final List<Tune> corpus;
    private final List<Row> rows;
    private final int copyWindow;
    private final String abc2midi;
    private final Distance pitchClass, interval, duration;
    private final double corpusMeanBars, corpusMeanNotes, corpusBarsFitFraction;

    private SampleStats(String corpusName, List<Tune> corpus, List<Row> rows, int copyWindow, String abc2midi) {
        this.abc2midi = abc2midi;
        this.corpusName = corpusName;
        this.corpus = corpus;
        this.rows = List.copyOf(rows);
        this.copyWindow = copyWindow;
        List<Tune> tunes = tunes();
        this.pitchClass = Distance.of(Histograms::pitchClass, corpus, tunes);
        this.interval = Distance.of(Histograms::interval, corpus, tunes);
        this.duration = Distance.of(Histograms::duration, corpus, tunes);
        this.corpusMeanBars = corpus.stream().mapToInt(Tune::barCount).average().orElse(Double.NaN);
        this.corpusMeanNotes = corpus.stream().mapToInt(t -> t.melody().size()).average().orElse(Double.NaN);
        this.corpusBarsFitFraction = share((int) corpus.stream().filter(BarCheck::fits).count(), corpus.size());
    }

    /** Samples against the training tunes, with the default copy window ({@value Defaults#COPY_WINDOW} bars). */
    public static SampleStats of(List<Sample> samples, Iterable<Tune> training) {
        return of(samples, training, Defaults.COPY_WINDOW);
    }

    /** Samples against the training tunes; a sample copies when {@code copyWindow} or more consecutive bars match. */
    public static SampleStats of(List<Sample> samples, Iterable<Tune> training, int copyWindow) {
        return of(samples, training, copyWindow, null, "not checked");
    }

    /**
     * Samples against the training tunes, each sample's text also checked by abc2midi (one run for
     * all; {@link Abc2Midi}): {@code SampleStats.of(samples, train, 4, Abc2Midi.checker())}. Every
     * sample is checked, valid or not: abc2midi is a second opinion, not a check of our reader.
     */
    public static SampleStats of(List<Sample> samples, Iterable<Tune> training, int copyWindow, Abc2Midi checker) {
        Objects.requireNonNull(checker, "abc2midi checker (Abc2Midi.checker(); use of(samples, training, copyWindow) without one)");
        return of(samples, training, copyWindow, checker, PROGRAM_CHECKED);
    }

    private static final String PROGRAM_CHECKED = "checked";

    /** {@code checker} null: no abc2midi figures, and {@code abc2midi} says why (e.g. "abc2midi is not on PATH"). */
    static SampleStats of(List<Sample> samples, Iterable<Tune> training, int copyWindow, Abc2Midi checker, String abc2midi) {
        Objects.requireNonNull(samples, "samples (e.g. model.sample().count(100))");
        Objects.requireNonNull(training, "training tunes (a Corpus or a List<Tune>)");
        if (copyWindow < 1)
            throw new IllegalArgumentException("copyWindow(" + copyWindow + "): a copy needs at least 1 bar; "
                    + Defaults.COPY_WINDOW + " (a phrase) is the usual window");
        if (samples.isEmpty())
            throw new IllegalArgumentException("No samples to compare: generate some first, e.g. model.sample().count(" + Defaults.SAMPLES + ")");
        List<Tune> corpus = new ArrayList<>();
        for (Tune t : training) corpus.add(Objects.requireNonNull(t, "a training tune is null"));
        String name = training instanceof Corpus c ? c.name() : "corpus";
        if (corpus.isEmpty())
            throw new IllegalArgumentException("The training corpus '" + name + "' has no tunes, so samples cannot be compared with it; "
                    + "pass the tunes the model was trained on");
        CopyIndex index = CopyIndex.of(corpus);
        for (Sample s : samples) Objects.requireNonNull(s, "a sample is null");
        List<Abc2Midi.Check> checks = checker == null ? null : checker.checkAll(samples.stream().map(Sample::text).toList());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            Abc2Midi.Check check = checks == null ? null : checks.get(i);
            if (!s.isValid()) {
                rows.add(new Row(s, 0, 0, List.of(), CopyIndex.Copy.NONE, check));
                continue;
            }
            Tune t = s.tune();
            rows.add(new Row(s, t.barCount(), t.melody().size(), BarCheck.problems(t), index.longestCopy(t), check));
        }
        return new SampleStats(name, List.copyOf(corpus), rows, copyWindow, abc2midi);
    }

    // ---- counts and shares ----------------------------------------------------------------------

    /** One row per sample, in order. */
    public List<Row> rows() { return rows; }

    /** The valid samples' tunes. */
    public List<Tune> tunes() { return rows.stream().filter(Row::valid).map(r -> r.sample().tune()).toList(); }

    /** The training tunes compared with. */
    public List<Tune> corpus() { return corpus; }

    public String corpusName() { return corpusName; }

    public int count() { return rows.size(); }

    public int validCount() { return (int) rows.stream().filter(Row::valid).count(); }

    /** Share of samples that read as a tune. */
    public double validFraction() { return share(validCount(), count()); }

    /** Number of (valid) samples whose every bar fits its meter. */
    public int barsFitCount() { return (int) rows.stream().filter(Row::barsFit).count(); }

    /** Share of all samples that are valid and have every bar the right length. */
    public double barsFitFraction() { return share(barsFitCount(), count()); }

    /** Share of the valid samples that have every bar the right length (NaN with no valid sample). */
    public double barsFitFractionOfValid() { return share(barsFitCount(), validCount()); }

    /**
     * Share of the training tunes whose every bar fits: the baseline for {@link #barsFitFractionOfValid()}.
     * Tunebooks have irregular bars of their own, so samples that imitate them well fail as often.
     */
    public double corpusBarsFitFraction() { return corpusBarsFitFraction; }

    // ---- abc2midi -------------------------------------------------------------------------------

    /** True when abc2midi checked the samples (it was given and on PATH). */
    public boolean abc2midiChecked() { return rows.stream().allMatch(r -> r.abc2midi() != null); }

    /** Number of samples abc2midi passes strictly: no error, no bar of the wrong length (0 when not checked). */
    public int abc2midiStrictCount() { return (int) rows.stream().filter(r -> r.abc2midi() != null && r.abc2midi().passesStrictly()).count(); }

    /** Number of samples abc2midi passes with no error and at most two bars of the wrong length (0 when not checked). */
    public int abc2midiTwoBadBarsCount() {
        return (int) rows.stream().filter(r -> r.abc2midi() != null && r.abc2midi().passesAllowingTwoBadBars()).count();
    }

    /** Share of all samples abc2midi passes strictly (NaN when it did not check them). */
    public double abc2midiStrictFraction() { return abc2midiChecked() ? share(abc2midiStrictCount(), count()) : Double.NaN; }

    /** Share of all samples abc2midi passes allowing two bars of the wrong length (NaN when it did not check them). */
    public double abc2midiTwoBadBarsFraction() { return abc2midiChecked() ? share(abc2midiTwoBadBarsCount(), count()) : Double.NaN; }

    /** "checked", or why abc2midi did not check the samples. */
    public String abc2midiStatus() { return abc2midiChecked() ? PROGRAM_CHECKED : abc2midi; }

    // ---- melody statistics ----------------------------------------------------------------------

    /** Pitch classes C .. B of the corpus and the samples. */
    public Distance pitchClass() { return pitchClass; }

    /** Melodic intervals -12 .. +12 semitones of the corpus and the samples. */
    public Distance interval() { return interval; }

    /** Note lengths of the corpus and the samples. */
    public Distance duration() { return duration; }

    /** Mean bars (as written) of the valid samples. */
    public double meanBars() { return rows.stream().filter(Row::valid).mapToInt(Row::bars).average().orElse(Double.NaN); }

    /** Mean melody notes (performed: repeats unfolded, ties merged) of the valid samples. */
    public double meanNotes() { return rows.stream().filter(Row::valid).mapToInt(Row::notes).average().orElse(Double.NaN); }

    public double corpusMeanBars() { return corpusMeanBars; }

    public double corpusMeanNotes() { return corpusMeanNotes; }

    // ---- copying --------------------------------------------------------------------------------

    /** Bars a run must have to count as a copy. */
    public int copyWindow() { return copyWindow; }

    /** Number of valid samples that copy {@link #copyWindow()} or more consecutive bars. */
    public int copiedCount() { return (int) rows.stream().filter(r -> r.valid() && r.copy().atLeast(copyWindow)).count(); }

    /** Share of the valid samples that copy (NaN with no valid sample). */
    public double copyFraction() { return share(copiedCount(), validCount()); }

    /** Mean of the valid samples' longest copied runs, in bars. */
    public double meanLongestCopy() { return rows.stream().filter(Row::valid).mapToInt(Row::longestCopy).average().orElse(Double.NaN); }

    /** The longest copied run of any sample, and the sample it is in (empty when no bar of any sample matches). */
    public java.util.Optional<Row> longestCopy() {
        Row best = null;
        for (Row r : rows) if (r.longestCopy() > 0 && (best == null || r.longestCopy() > best.longestCopy())) best = r;
        return java.util.Optional.ofNullable(best);
    }

    // ---- views ----------------------------------------------------------------------------------

    /**
     * The figures as rows of {@code metric} and {@code value}: samples, valid_fraction,
     * abc2midi_strict_fraction, abc2midi_two_bad_bars_fraction, bars_fit_fraction, bars_fit_fraction_of_valid, corpus_bars_fit_fraction, pitch_class_tv, pitch_class_kl, interval_tv,
     * interval_kl, duration_tv, duration_kl, mean_bars, corpus_mean_bars, mean_notes,
     * corpus_mean_notes, copy_window, copy_fraction, mean_longest_copy, max_longest_copy.
     * A figure over nothing (NaN, e.g. with no valid sample) is a missing value.
     */
    public Table table() {
        Table t = Table.create("Sample statistics", StringColumn.create("metric"), DoubleColumn.create("value"));
        addRows(t);
        return t;
    }

    void addRows(Table t) {
        add(t, "samples", count());
        add(t, "valid_fraction", validFraction());
        add(t, "abc2midi_strict_fraction", abc2midiStrictFraction());
        add(t, "abc2midi_two_bad_bars_fraction", abc2midiTwoBadBarsFraction());
        add(t, "bars_fit_fraction", barsFitFraction());
        add(t, "bars_fit_fraction_of_valid", barsFitFractionOfValid());
        add(t, "corpus_bars_fit_fraction", corpusBarsFitFraction);
        add(t, "pitch_class_tv", pitchClass.totalVariation());
        add(t, "pitch_class_kl", pitchClass.klDivergence());
        add(t, "interval_tv", interval.totalVariation());
        add(t, "interval_kl", interval.klDivergence());
        add(t, "duration_tv", duration.totalVariation());
        add(t, "duration_kl", duration.klDivergence());
        add(t, "mean_bars", meanBars());
        add(t, "corpus_mean_bars", corpusMeanBars);
        add(t, "mean_notes", meanNotes());
        add(t, "corpus_mean_notes", corpusMeanNotes);
        add(t, "copy_window", copyWindow);
        add(t, "copy_fraction", copyFraction());
        add(t, "mean_longest_copy", meanLongestCopy());
        add(t, "max_longest_copy", longestCopy().map(Row::longestCopy).orElse(0));
    }

    static void add(Table t, String metric, double value) {
        t.stringColumn("metric").append(metric);
        t.doubleColumn("value").append(value);
    }

    /**
     * One row per sample: {@code index}, {@code valid}, {@code reason} (why it is invalid, "" when
     * valid), {@code bars}, {@code bars_fit}, {@code notes}, {@code longest_copy} (bars) and
     * {@code copied_from} (the title of the training tune of the longest run, "" for none), then
     * abc2midi's verdict on its text: {@code abc2midi_passes} (strictly), {@code abc2midi_errors},
     * {@code abc2midi_bad_bars} and {@code abc2midi_failure} (missing when abc2midi did not check).
     * An invalid sample has missing values from {@code bars} to {@code copied_from}.
     */
    public Table samples() {
        IntColumn index = IntColumn.create("index");
        BooleanColumn valid = BooleanColumn.create("valid");
        StringColumn reason = StringColumn.create("reason");
        IntColumn bars = IntColumn.create("bars");
        BooleanColumn fit = BooleanColumn.create("bars_fit");
        IntColumn notes = IntColumn.create("notes");
        IntColumn copy = IntColumn.create("longest_copy");
        StringColumn from = StringColumn.create("copied_from");
        BooleanColumn strict = BooleanColumn.create("abc2midi_passes");
        IntColumn errors = IntColumn.create("abc2midi_errors");
        IntColumn badBars = IntColumn.create("abc2midi_bad_bars");
        StringColumn failure = StringColumn.create("abc2midi_failure");
        for (Row r : rows) {
            if (r.abc2midi() == null) {
                strict.appendMissing();
                errors.appendMissing();
                badBars.appendMissing();
                failure.appendMissing();
            } else {
                strict.append(r.abc2midi().passesStrictly());
                errors.append(r.abc2midi().errors());
                badBars.append(r.abc2midi().badBars());
                failure.append(r.abc2midi().failure());
            }
            index.append(r.index());
            valid.append(r.valid());
            reason.append(r.valid() ? "" : r.sample().invalidReason());
            if (r.valid()) {
                bars.append(r.bars());
                fit.append(r.barsFit());
                notes.append(r.notes());
                copy.append(r.longestCopy());
                from.append(r.copy().sourceTitle());
            } else {
                bars.appendMissing();
                fit.appendMissing();
                notes.appendMissing();
                copy.appendMissing();
                from.appendMissing();
            }
        }
        return Table.create("Samples", index, valid, reason, bars, fit, notes, copy, from, strict, errors, badBars, failure);
    }

    /**
     * Pitch-class, interval and note-length histograms of the corpus beside those of the valid
     * samples ({@link Charts#pitchClasses}, {@link Charts#intervals}, {@link Charts#durations}).
     */
    public List<Chart> charts() {
        Map<String, List<Tune>> groups = new LinkedHashMap<>();
        groups.put(corpusName.equals("samples") ? "corpus" : corpusName, corpus);
        groups.put("samples", tunes());
        return List.of(Charts.pitchClasses(groups), Charts.intervals(groups), Charts.durations(groups));
    }

    /** A few lines: validity, bar fit, lengths, distances and copying. */
    @Override
    public String toString() {
        return "SampleStats of " + count() + " samples against " + corpusName + " (" + corpus.size() + " tunes)\n" + summary();
    }

    /** The lines shared with {@link EvaluationReport#toString()}. */
    String summary() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "  valid:     %d of %d (%s); every bar fits: %d (%s of all, %s of valid; %s of %s)%n", validCount(),
                count(), pct(validFraction()), barsFitCount(), pct(barsFitFraction()), pct(barsFitFractionOfValid()),
                pct(corpusBarsFitFraction), corpusName));
        if (abc2midiChecked())
            b.append(String.format(Locale.ROOT, "  abc2midi:  passes %d of %d (%s); allowing two bars of the wrong length %d (%s)%n",
                    abc2midiStrictCount(), count(), pct(abc2midiStrictFraction()), abc2midiTwoBadBarsCount(), pct(abc2midiTwoBadBarsFraction())));
        else if (!abc2midi.equals("not checked")) b.append("  abc2midi:  ").append(abc2midi).append('\n');
        b.append(String.format(Locale.ROOT, "  length:    %s bars, %s notes a sample; %s bars, %s notes a tune of %s%n",
                num(meanBars(), 1), num(meanNotes(), 1), num(corpusMeanBars, 1), num(corpusMeanNotes, 1), corpusName));
        b.append(String.format(Locale.ROOT, "  distance:  pitch classes TV %s KL %s; intervals TV %s KL %s; note lengths TV %s KL %s%n",
                num(pitchClass.totalVariation(), 3), num(pitchClass.klDivergence(), 3), num(interval.totalVariation(), 3),
                num(interval.klDivergence(), 3), num(duration.totalVariation(), 3), num(duration.klDivergence(), 3)));
        b.append(String.format(Locale.ROOT, "  copying:   %d of %d valid (%s) copy %d+ bars; longest ", copiedCount(), validCount(),
                pct(copyFraction()), copyWindow));
        b.append(longestCopy().map(r -> "in sample " + r.index() + ", " + r.copy()).orElse("none"));
        return b.toString();
    }

    private static double share(int n, int of) { return of == 0 ? Double.NaN : (double) n / of; }

    static String pct(double f) { return Double.isNaN(f) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * f); }

    static String num(double v, int decimals) { return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", v); }
}
