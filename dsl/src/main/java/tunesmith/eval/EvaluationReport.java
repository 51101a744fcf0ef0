package tunesmith.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import tech.tablesaw.io.csv.CsvWriteOptions;
import tunesmith.chart.Chart;
import tunesmith.chart.Charts;
import tunesmith.io.AtomicFiles;
import tunesmith.model.MelodyModel;
import tunesmith.music.Tune;

/**
 * What {@link Evaluation#run()} found, side by side for the model alone (the headline: samples
 * drawn with no rule, {@code model.sample().anySyntax()}) and with the sampling rules (the product
 * default, {@code model.sample()}): likelihood on the held-out test tunes beside the unigram baseline,
 * and the same samples' validity by our reader and by abc2midi, melody distances to the training
 * tunes and copies of them. Immutable.
 *
 * <p>{@link #table()} has every figure as a row, {@link #samples()} one row per sample,
 * {@link #charts()} the melody histograms, {@link #write(Path)} saves them; {@code toString()} is a
 * summary.
 *
 * @param model        the model, as its {@code toString()}
 * @param sampling     how the samples were drawn (strategy, seed, length limit), both sets alike
 * @param test         name of the held-out tunes ("" when none were given)
 * @param nll          NLL, perplexity and accuracy of the model on the test tunes (null without test tunes)
 * @param unigram      the same figures for the unigram baseline: every token predicted by its share of
 *                     the training tokens (add-one smoothed; null without test tunes)
 * @param modelAlone   samples drawn with no rule: what the model itself has learnt
 * @param withRules    samples drawn with the sampling rules (syntax and bar lengths kept)
 * @param abc2midi     "abc2midi 4.84" when it checked the samples, else why it did not
 */
public record EvaluationReport(String model, String sampling, String test, MelodyModel.Metrics nll, MelodyModel.Metrics unigram,
                               SampleStats modelAlone, SampleStats withRules, String abc2midi) {

    public EvaluationReport {
        Objects.requireNonNull(modelAlone, "modelAlone");
        Objects.requireNonNull(withRules, "withRules");
    }

    /** NLL (nats and bits per token), perplexity and accuracy on the test tunes; empty when none were given. */
    public Optional<MelodyModel.Metrics> likelihood() { return Optional.ofNullable(nll); }

    /** The unigram baseline's figures on the same test tokens; empty when no test tunes were given. */
    public Optional<MelodyModel.Metrics> baseline() { return Optional.ofNullable(unigram); }

    /**
     * Every figure as a row: {@code metric}, {@code model_alone}, {@code with_rules}, {@code reference}
     * and what the reference is ({@code reference_is}: the unigram baseline for the likelihood rows,
     * the training tunes for bar fit and lengths). With test tunes first {@code nll_nats},
     * {@code nll_bits}, {@code perplexity}, {@code accuracy}, {@code test_tokens} (likelihood is the
     * model's, so {@code with_rules} is missing there), then the rows of {@link SampleStats#table()}
     * for each sample set. Shares are fractions in [0, 1]; a figure over nothing is missing.
     */
    public Table table() {
        StringColumn metric = StringColumn.create("metric");
        DoubleColumn alone = DoubleColumn.create("model_alone"), rules = DoubleColumn.create("with_rules"),
                reference = DoubleColumn.create("reference");
        StringColumn referenceIs = StringColumn.create("reference_is");
        Table t = Table.create("Evaluation", metric, alone, rules, reference, referenceIs);
        if (nll != null) {
            String u = "unigram baseline";
            row(t, "nll_nats", nll.nats(), Double.NaN, unigram.nats(), u);
            row(t, "nll_bits", nll.bits(), Double.NaN, unigram.bits(), u);
            row(t, "perplexity", nll.perplexity(), Double.NaN, unigram.perplexity(), u);
            row(t, "accuracy", nll.accuracy(), Double.NaN, unigram.accuracy(), u);
            row(t, "test_tokens", nll.tokens(), Double.NaN, unigram.tokens(), u);
        }
        Table a = modelAlone.table(), r = withRules.table();
        Map<String, String> referenceOf = new LinkedHashMap<>();
        referenceOf.put("bars_fit_fraction", "corpus_bars_fit_fraction");
        referenceOf.put("bars_fit_fraction_of_valid", "corpus_bars_fit_fraction");
        referenceOf.put("mean_bars", "corpus_mean_bars");
        referenceOf.put("mean_notes", "corpus_mean_notes");
        for (int i = 0; i < a.rowCount(); i++) {
            String m = a.stringColumn("metric").get(i);
            if (m.startsWith("corpus_")) continue;
            String ref = referenceOf.get(m);
            double refValue = ref == null ? Double.NaN : value(a, ref);
            row(t, m, a.doubleColumn("value").getDouble(i), value(r, m), refValue, ref == null ? "" : "training tunes");
        }
        for (String c : List.of("model_alone", "with_rules", "reference")) t.doubleColumn(c).setPrintFormatter(FORMAT);
        return t;
    }

    private static final NumberColumnFormatter FORMAT =
            new NumberColumnFormatter(new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(Locale.ROOT)), "");

    private static void row(Table t, String metric, double alone, double rules, double reference, String referenceIs) {
        t.stringColumn("metric").append(metric);
        t.doubleColumn("model_alone").append(alone);
        t.doubleColumn("with_rules").append(rules);
        t.doubleColumn("reference").append(reference);
        t.stringColumn("reference_is").append(referenceIs);
    }

    private static double value(Table metricValue, String metric) {
        int i = metricValue.stringColumn("metric").indexOf(metric);
        return i < 0 ? Double.NaN : metricValue.doubleColumn("value").getDouble(i);
    }

    /**
     * One row per sample of both sets: {@code sampling} ("model alone" or "with rules"), then the
     * columns of {@link SampleStats#samples()}.
     */
    public Table samples() {
        Table a = modelAlone.samples(), r = withRules.samples();
        StringColumn which = StringColumn.create("sampling");
        for (int i = 0; i < a.rowCount(); i++) which.append("model alone");
        for (int i = 0; i < r.rowCount(); i++) which.append("with rules");
        Table both = a.copy().append(r);
        both.insertColumn(0, which);
        return both.setName("Samples");
    }

    /** Pitch-class, interval and note-length histograms: training tunes, samples of the model alone, samples with rules. */
    public List<Chart> charts() {
        Map<String, List<Tune>> groups = new LinkedHashMap<>();
        groups.put("training tunes", modelAlone.corpus());
        groups.put("model alone", modelAlone.tunes());
        groups.put("with rules", withRules.tunes());
        return List.of(Charts.pitchClasses(groups), Charts.intervals(groups), Charts.durations(groups));
    }

    /**
     * Writes {@code evaluation.json} (the figures, with what was evaluated and how), {@code evaluation.csv}
     * ({@link #table()}) and {@code samples.csv} ({@link #samples()}) into {@code dir}; returns {@code dir}.
     */
    public Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(dir.resolve("evaluation.json"), (json().toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(dir.resolve("evaluation.csv"), csv(table()));
            AtomicFiles.write(dir.resolve("samples.csv"), csv(samples()));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the evaluation to " + dir + ": " + e.getMessage()
                    + "; check that the folder is writable, or give another --out", e);
        }
    }

    private static byte[] csv(Table t) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        t.write().csv(CsvWriteOptions.builder(out).build());
        return out.toByteArray();
    }

    /** The figures as JSON: what was evaluated, then one object per metric (missing figures as null). */
    public ObjectNode json() {
        ObjectNode j = new ObjectMapper().createObjectNode();
        j.put("model", model);
        j.put("sampling", sampling);
        j.put("test", test);
        j.put("training", modelAlone.corpusName());
        j.put("abc2midi", abc2midi);
        ArrayNode rows = j.putArray("metrics");
        Table t = table();
        for (int i = 0; i < t.rowCount(); i++) {
            ObjectNode r = rows.addObject();
            r.put("metric", t.stringColumn("metric").get(i));
            for (String c : List.of("model_alone", "with_rules", "reference")) {
                double v = t.doubleColumn(c).getDouble(i);
                if (Double.isFinite(v)) r.put(c, v); else r.putNull(c);
            }
            r.put("reference_is", t.stringColumn("reference_is").get(i));
        }
        return j;
    }

    /** The model, the likelihood beside the baseline, and the two sample sets side by side. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Evaluation of ").append(model).append('\n');
        if (nll == null) {
            b.append("  test: no test tunes (evaluate(model, split) with a split that has a test part, for NLL and perplexity)\n");
        } else {
            b.append(String.format(Locale.ROOT, "  test (%s, %,d tokens):%n", test, nll.tokens()));
            b.append(String.format(Locale.ROOT, "    model    %s%n", metrics(nll)));
            b.append(String.format(Locale.ROOT, "    unigram  %s  (every token by its share of the training tokens)%n", metrics(unigram)));
        }
        b.append(String.format(Locale.ROOT, "  %d samples each (%s) against %s (%,d tunes):%n", modelAlone.count(), sampling,
                modelAlone.corpusName(), modelAlone.corpus().size()));
        String f = "    %-36s %-18s %s%n";
        b.append(String.format(Locale.ROOT, f, "", "model alone", "with rules"));
        line(b, f, "valid (our reader)", SampleStats::validCount, SampleStats::validFraction);
        if (modelAlone.abc2midiChecked()) {
            line(b, f, "abc2midi passes", SampleStats::abc2midiStrictCount, SampleStats::abc2midiStrictFraction);
            line(b, f, "abc2midi passes, <= 2 bad bars", SampleStats::abc2midiTwoBadBarsCount, SampleStats::abc2midiTwoBadBarsFraction);
        }
        line(b, f, "every bar fits its meter", SampleStats::barsFitCount, SampleStats::barsFitFraction);
        b.append(String.format(Locale.ROOT, f, "pitch classes, TV distance", SampleStats.num(modelAlone.pitchClass().totalVariation(), 3),
                SampleStats.num(withRules.pitchClass().totalVariation(), 3)));
        b.append(String.format(Locale.ROOT, f, "intervals, TV distance", SampleStats.num(modelAlone.interval().totalVariation(), 3),
                SampleStats.num(withRules.interval().totalVariation(), 3)));
        b.append(String.format(Locale.ROOT, f, "note lengths, TV distance", SampleStats.num(modelAlone.duration().totalVariation(), 3),
                SampleStats.num(withRules.duration().totalVariation(), 3)));
        b.append(String.format(Locale.ROOT, f, "copy " + modelAlone.copyWindow() + "+ bars (of valid)",
                copies(modelAlone), copies(withRules)));
        b.append(String.format(Locale.ROOT, f, "mean bars (training tunes " + SampleStats.num(modelAlone.corpusMeanBars(), 1) + ")",
                SampleStats.num(modelAlone.meanBars(), 1), SampleStats.num(withRules.meanBars(), 1)));
        b.append("  abc2midi: ").append(abc2midi);
        return b.toString();
    }

    private void line(StringBuilder b, String f, String label, java.util.function.ToIntFunction<SampleStats> count,
                      java.util.function.ToDoubleFunction<SampleStats> share) {
        b.append(String.format(Locale.ROOT, f, label, countAndShare(count.applyAsInt(modelAlone), share.applyAsDouble(modelAlone)),
                countAndShare(count.applyAsInt(withRules), share.applyAsDouble(withRules))));
    }

    private static String countAndShare(int n, double share) { return n + " (" + SampleStats.pct(share) + ")"; }

    private static String copies(SampleStats s) { return s.copiedCount() + " (" + SampleStats.pct(s.copyFraction()) + ")"; }

    private static String metrics(MelodyModel.Metrics m) {
        return String.format(Locale.ROOT, "NLL %.3f nats/token (%.3f bits), perplexity %.2f, accuracy %.1f%%", m.nats(), m.bits(),
                m.perplexity(), 100 * m.accuracy());
    }
}
