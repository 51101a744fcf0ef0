package tunesmith.eval;

import java.util.List;
import java.util.Optional;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tunesmith.chart.Chart;
import tunesmith.model.MelodyModel;
import tunesmith.sample.Samples;

/**
 * What {@link Evaluation#run()} found: likelihood on the test data, and how the samples compare
 * with the training tunes. Immutable. {@link #table()} has every figure as a row, {@link #samples()}
 * one row per sample, {@link #charts()} the melody histograms; {@code toString()} is a summary.
 */
public final class EvaluationReport {

    private final String model;
    private final String testName;
    private final MelodyModel.Metrics likelihood;
    private final Samples generated;
    private final SampleStats stats;

    EvaluationReport(String model, String testName, MelodyModel.Metrics likelihood, Samples generated, SampleStats stats) {
        this.model = model;
        this.testName = testName;
        this.likelihood = likelihood;
        this.generated = generated;
        this.stats = stats;
    }

    /** NLL (nats and bits per token), perplexity and accuracy on the test data; empty when none was given. */
    public Optional<MelodyModel.Metrics> likelihood() { return Optional.ofNullable(likelihood); }

    /** The sample-vs-corpus statistics. */
    public SampleStats stats() { return stats; }

    /** The samples that were generated and compared, valid or not. */
    public Samples generated() { return generated; }

    /**
     * Every figure as a row of {@code metric} and {@code value}: with test data first
     * {@code nll_nats}, {@code nll_bits}, {@code perplexity}, {@code accuracy}, {@code test_tokens}
     * (all per token of the test data), then the rows of {@link SampleStats#table()}.
     */
    public Table table() {
        Table t = Table.create("Evaluation", StringColumn.create("metric"), DoubleColumn.create("value"));
        if (likelihood != null) {
            SampleStats.add(t, "nll_nats", likelihood.nats());
            SampleStats.add(t, "nll_bits", likelihood.bits());
            SampleStats.add(t, "perplexity", likelihood.perplexity());
            SampleStats.add(t, "accuracy", likelihood.accuracy());
            SampleStats.add(t, "test_tokens", likelihood.tokens());
        }
        stats.addRows(t);
        return t;
    }

    /** One row per sample: index, valid, reason, bars, bars_fit, notes, longest_copy, copied_from (see {@link SampleStats#samples()}). */
    public Table samples() { return stats.samples(); }

    /** Pitch-class, interval and note-length histograms, training tunes beside valid samples. */
    public List<Chart> charts() { return stats.charts(); }

    /** The model, the likelihood figures and the sample statistics in a few lines. */
    @Override
    public String toString() {
        return "Evaluation of " + model + "\n"
                + "  test:      " + (likelihood == null ? "no test data (add .test(split.test()) for NLL and perplexity)" : testName + ": " + likelihood) + "\n"
                + "  samples:   " + stats.count() + " (" + generated.strategy() + ") against " + stats.corpusName()
                + " (" + stats.corpus().size() + " tunes)\n"
                + stats.summary();
    }
}
