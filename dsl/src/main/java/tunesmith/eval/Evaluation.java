package tunesmith.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tunesmith.corpus.Corpus;
import tunesmith.encode.EncodingException;
import tunesmith.encode.TokenCorpus;
import tunesmith.model.MelodyModel;
import tunesmith.model.Sampling;
import tunesmith.music.Tune;

/**
 * How to evaluate a melody model, in one call:
 * <pre>{@code
 * Evaluation.of(model).test(split.test()).samples(100).temperature(1.0).seed(1).against(trainCorpus).run()
 * }</pre>
 * gives an {@link EvaluationReport}: NLL, perplexity and accuracy on the test tokens, and
 * {@link SampleStats} of fresh samples against the training tunes. Immutable; each step returns
 * a new value, and only {@link #run()} does any work.
 *
 * <p>Defaults ({@link Defaults}): {@value Defaults#SAMPLES} samples at temperature
 * {@value Defaults#TEMPERATURE}, seed {@value Defaults#SEED}, the rest of {@code model.sample()}'s
 * settings; a copy is a run of {@value Defaults#COPY_WINDOW} bars; no test data (then the report
 * has no likelihood figures). The training tunes are required.
 */
public final class Evaluation {

    private final MelodyModel model;
    private final TokenCorpus test;
    private final Sampling sampling;
    private final int samples;
    private final int copyWindow;
    private final Corpus training;

    private Evaluation(MelodyModel model, TokenCorpus test, Sampling sampling, int samples, int copyWindow, Corpus training) {
        this.model = model;
        this.test = test;
        this.sampling = sampling;
        this.samples = samples;
        this.copyWindow = copyWindow;
        this.training = training;
    }

    /** An evaluation of {@code model} with the defaults; add {@link #against} (and usually {@link #test}), then {@link #run()}. */
    public static Evaluation of(MelodyModel model) {
        Objects.requireNonNull(model, "model (a trained MelodyModel)");
        Sampling s = model.sample().temperature(Defaults.TEMPERATURE).seed(Defaults.SEED);
        return new Evaluation(model, null, s, Defaults.SAMPLES, Defaults.COPY_WINDOW, null);
    }

    /** The held-out tunes to measure NLL, perplexity and accuracy on, encoded with the model's encoding (e.g. {@code split.test()}). */
    public Evaluation test(TokenCorpus data) {
        Objects.requireNonNull(data, "test data (e.g. split.test())");
        if (data.size() == 0)
            throw new IllegalArgumentException("test(" + data.name() + "): it holds no tunes, so there is nothing to measure; "
                    + "split with a test share, e.g. tokens.split(0.8, 0.1, seed), and pass split.test()");
        if (!data.vocabulary().equals(model.vocabulary()))
            throw new IllegalArgumentException("test(" + data.name() + "): it was encoded with another vocabulary (" + data.vocabulary().size()
                    + " tokens) than the model's (" + model.vocabulary().size() + "); encode it with the model's: corpus.tokens(model.encoding())");
        return new Evaluation(model, data, sampling, samples, copyWindow, training);
    }

    /** How many samples to generate (default {@value Defaults#SAMPLES}). */
    public Evaluation samples(int n) {
        if (n < 1) throw new IllegalArgumentException("samples(" + n + "): expected at least 1 sample (" + Defaults.SAMPLES + " is the default)");
        return new Evaluation(model, test, sampling, n, copyWindow, training);
    }

    /** Sampling temperature (default {@value Defaults#TEMPERATURE}: the model's own distribution). */
    public Evaluation temperature(double t) { return new Evaluation(model, test, sampling.temperature(t), samples, copyWindow, training); }

    /** Seed of the sampling (default {@value Defaults#SEED}): the same seed gives the same samples. */
    public Evaluation seed(long seed) { return new Evaluation(model, test, sampling.seed(seed), samples, copyWindow, training); }

    /**
     * Samples drawn with these settings instead (top-k, top-p, a prime, a length limit, ...):
     * {@code sampling(model.sample().topK(5).prime("M:6/8"))}. Later {@link #temperature} and
     * {@link #seed} calls change it.
     */
    public Evaluation sampling(Sampling s) {
        Objects.requireNonNull(s, "sampling (e.g. model.sample().topK(5))");
        if (s.model() != model)
            throw new IllegalArgumentException("sampling(...) belongs to another model; make it from this one: model.sample()...");
        return new Evaluation(model, test, s, samples, copyWindow, training);
    }

    /** Bars a copied run needs to count as a copy (default {@value Defaults#COPY_WINDOW}). */
    public Evaluation copyWindow(int bars) {
        if (bars < 1)
            throw new IllegalArgumentException("copyWindow(" + bars + "): a copy needs at least 1 bar; " + Defaults.COPY_WINDOW + " (a phrase) is the default");
        return new Evaluation(model, test, sampling, samples, bars, training);
    }

    /** The tunes the model was trained on, to compare samples with and to find copies in. */
    public Evaluation against(Corpus train) {
        Objects.requireNonNull(train, "training corpus");
        if (train.size() == 0)
            throw new IllegalArgumentException("against(" + train.name() + "): the corpus has no tunes; pass the tunes the model was trained on");
        return new Evaluation(model, test, sampling, samples, copyWindow, train);
    }

    /**
     * The training tunes as the model saw them: the training part of a token split, decoded
     * ({@code against(split.train())}). Tunes are in the encoding's canonical form (melody only,
     * chords as top notes), which changes neither histograms nor copies; augmented (transposed)
     * copies are included, as the model learnt from them too.
     */
    public Evaluation against(TokenCorpus train) {
        Objects.requireNonNull(train, "training tokens (e.g. split.train())");
        List<Tune> tunes = new ArrayList<>();
        List<TokenCorpus.Sequence> entries = train.entries();
        for (int i = 0; i < train.size(); i++) {
            try {
                TokenCorpus.Sequence e = entries.get(i);
                String title = e.title() + (e.transposition() == 0 ? "" : String.format(Locale.ROOT, " (transposed %+d)", e.transposition()));
                tunes.add(train.encoding().decode(train.sequence(i)).withTitle(title));
            } catch (EncodingException e) {
                // the encoder wrote these tokens, so this is a bug; name the tune rather than fail somewhere later
                throw new IllegalStateException("against(" + train.name() + "): sequence " + i + " (" + entries.get(i)
                        + ") does not decode: " + e.getMessage() + ". Pass the training Corpus instead: against(corpus)", e);
            }
        }
        return against(Corpus.of(train.name(), tunes));
    }

    /** Measures the test data (if given), generates the samples and compares them with the training tunes. */
    public EvaluationReport run() {
        if (training == null)
            throw new IllegalStateException("Evaluation needs the training tunes to compare samples with and find copies in: "
                    + "add .against(trainCorpus) or .against(split.train()) before run()");
        MelodyModel.Metrics likelihood = test == null ? null : model.evaluate(test);
        var generated = sampling.count(samples);
        SampleStats stats = SampleStats.of(generated, training, copyWindow);
        return new EvaluationReport(model.toString(), test == null ? null : test.name(), likelihood, generated, stats);
    }

    public MelodyModel model() { return model; }

    public Sampling sampling() { return sampling; }

    private static String describe(Sampling s) {
        return s.strategy() + ", seed " + s.seed() + (s.prime().length > 1 ? ", prime of " + s.prime().length + " tokens" : "")
                + ", at most " + s.maxLength() + " tokens";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Evaluation of %s%n  test: %s%n  samples: %d, %s%n  against: %s%n  copy window: %d bars%n  (run() to evaluate)",
                model, test == null ? "none (test(split.test()) to measure NLL and perplexity)" : test.name() + ", " + test.size() + " tunes",
                samples, describe(sampling), training == null ? "not set (against(trainCorpus) is required)" : training.name() + ", " + training.size() + " tunes",
                copyWindow);
    }
}
