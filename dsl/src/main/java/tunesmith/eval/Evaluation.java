package tunesmith.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tunesmith.corpus.Corpus;
import tunesmith.encode.AbcTokens;
import tunesmith.encode.EncodingException;
import tunesmith.encode.SplitSpec;
import tunesmith.encode.TokenSplit;
import tunesmith.encode.TokenCorpus;
import tunesmith.model.MelodyModel;
import tunesmith.model.Sampling;
import tunesmith.music.Tune;

/**
 * How to evaluate a melody model, in one call: {@code Evaluation.of(model, split).run()} (the DSL's
 * {@code evaluate(model, split)}), or step by step:
 * <pre>{@code
 * Evaluation.of(model).test(split.test()).samples(100).temperature(1.0).seed(1).against(split.train()).run()
 * }</pre>
 * gives an {@link EvaluationReport}: NLL, perplexity and accuracy on the test tokens beside the
 * unigram baseline, and {@link SampleStats} of two sets of fresh samples against the training tunes,
 * drawn alike but once with the model alone (no sampling rules) and once with the rules (the
 * default of {@code model.sample()}), each also checked by abc2midi when it is on PATH
 * ({@link Abc2Midi}). Immutable; each step returns a new value, and only {@link #run()} does any work.
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
    private final TokenCorpus trainingTokens; // null: encode the training tunes for the unigram baseline

    private Evaluation(MelodyModel model, TokenCorpus test, Sampling sampling, int samples, int copyWindow, Corpus training) {
        this(model, test, sampling, samples, copyWindow, training, null);
    }

    private Evaluation(MelodyModel model, TokenCorpus test, Sampling sampling, int samples, int copyWindow, Corpus training,
                       TokenCorpus trainingTokens) {
        this.trainingTokens = trainingTokens;
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
        return new Evaluation(model, data, sampling, samples, copyWindow, training, trainingTokens);
    }

    /** How many samples to generate (default {@value Defaults#SAMPLES}). */
    public Evaluation samples(int n) {
        if (n < 1) throw new IllegalArgumentException("samples(" + n + "): expected at least 1 sample (" + Defaults.SAMPLES + " is the default)");
        return new Evaluation(model, test, sampling, n, copyWindow, training, trainingTokens);
    }

    /**
     * Sampling temperature (default {@value Defaults#TEMPERATURE}: the model's own distribution), above 0:
     * a sampling's temperature 0 is greedy, and greedy samples from one prime are all the same tune.
     */
    public Evaluation temperature(double t) {
        if (!(t > 0) || Double.isInfinite(t))
            throw new IllegalArgumentException("temperature(" + t + "): expected a positive number, e.g. 1.0; greedy samples are all alike, "
                    + "so to evaluate them anyway give sampling(model.sample().greedy())");
        return new Evaluation(model, test, sampling.temperature(t), samples, copyWindow, training, trainingTokens);
    }

    /** Seed of the sampling (default {@value Defaults#SEED}): the same seed gives the same samples. */
    public Evaluation seed(long seed) { return new Evaluation(model, test, sampling.seed(seed), samples, copyWindow, training, trainingTokens); }

    /**
     * Samples drawn with these settings instead (top-k, top-p, a prime, a length limit, ...):
     * {@code sampling(model.sample().topK(5).prime("M:6/8"))}. Later {@link #temperature} and
     * {@link #seed} calls change it.
     */
    public Evaluation sampling(Sampling s) {
        Objects.requireNonNull(s, "sampling (e.g. model.sample().topK(5))");
        if (s.model() != model)
            throw new IllegalArgumentException("sampling(...) belongs to another model; make it from this one: model.sample()...");
        return new Evaluation(model, test, s, samples, copyWindow, training, trainingTokens);
    }

    /** Bars a copied run needs to count as a copy (default {@value Defaults#COPY_WINDOW}). */
    public Evaluation copyWindow(int bars) {
        if (bars < 1)
            throw new IllegalArgumentException("copyWindow(" + bars + "): a copy needs at least 1 bar; " + Defaults.COPY_WINDOW + " (a phrase) is the default");
        return new Evaluation(model, test, sampling, samples, bars, training, trainingTokens);
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
        Evaluation e = against(Corpus.of(train.name(), tunes));
        return new Evaluation(e.model, e.test, e.sampling, e.samples, e.copyWindow, e.training, train);
    }

    /**
     * The model against the split it was trained on: its test part (when it has one) for the
     * likelihood, its training part for the samples to be compared with. Refuses a split whose
     * training part is not the model's training data (the fingerprint saved with the model), as the
     * "held-out" tunes would then not be held out.
     */
    public static Evaluation of(MelodyModel model, TokenSplit split) {
        Objects.requireNonNull(split, "split (the TokenSplit the model was trained on)");
        return of(model, split, "the split given");
    }

    private static Evaluation of(MelodyModel model, TokenSplit split, String what) {
        requireTrainedOn(model, split, what);
        Evaluation e = of(model).against(split.train());
        return split.test().size() == 0 ? e : e.test(split.test());
    }

    /**
     * The model against the split {@code spec} gives when encoded with the model's encoding (see
     * {@link SplitSpec#split}); refused as in {@link #of(MelodyModel, TokenSplit)} when its training
     * part is not what the model was trained on.
     */
    public static Evaluation of(MelodyModel model, SplitSpec spec) {
        Objects.requireNonNull(model, "model (a trained MelodyModel)");
        Objects.requireNonNull(spec, "split spec, e.g. SplitSpec.of(\"oneills1850\")");
        return of(model, spec.split(model.encoding()), spec.toString());
    }

    /**
     * Throws when the training part of {@code split} is not the data {@code model} was trained on
     * (their fingerprints differ). A model saved before fingerprints were kept passes unchecked.
     */
    public static void requireTrainedOn(MelodyModel model, TokenSplit split, String what) {
        String saved = model.fingerprint();
        if (saved.isEmpty()) return;
        String rebuilt = split.train().fingerprint();
        if (!saved.equals(rebuilt))
            throw new IllegalArgumentException("The training part of " + what + " is not the data this model was trained on (fingerprint "
                    + rebuilt.substring(0, 12) + "… instead of the model's " + saved.substring(0, 12) + "…), so its test tunes may "
                    + "have been trained on. Give the corpus, test and validation shares and split seed the model was trained with "
                    + "(tunesmith train: --corpus, --test, --valid, and --seed for the split; defaults 0.05, 0.05, 42)");
    }

    /**
     * The unigram baseline: every next token of {@code test} predicted by its share of the next
     * tokens of {@code train} (the tokens a model predicts: all but each sequence's first {@code <s>}),
     * add-one smoothed over the vocabulary so a token unseen in training costs a finite amount. Its
     * accuracy is the share of the most frequent training token. A model that does not beat this has
     * learnt nothing about order.
     */
    public static MelodyModel.Metrics unigram(TokenCorpus train, TokenCorpus test) {
        Objects.requireNonNull(train, "training tokens");
        Objects.requireNonNull(test, "test tokens");
        if (!train.vocabulary().equals(test.vocabulary()))
            throw new IllegalArgumentException("unigram: " + train.name() + " and " + test.name() + " have different vocabularies; "
                    + "encode both with one encoding (e.g. model.encoding())");
        int v = train.vocabulary().size();
        long[] counts = new long[v];
        long total = 0;
        for (int[] s : train.sequences()) for (int i = 1; i < s.length; i++) { counts[s[i]]++; total++; }
        int best = 0;
        for (int i = 1; i < v; i++) if (counts[i] > counts[best]) best = i;
        double denominator = total + v;
        double nll = 0;
        long n = 0, hits = 0;
        for (int[] s : test.sequences()) {
            for (int i = 1; i < s.length; i++) {
                nll -= Math.log((counts[s[i]] + 1) / denominator);
                if (s[i] == best) hits++;
                n++;
            }
        }
        return new MelodyModel.Metrics(n == 0 ? Double.NaN : nll / n, n == 0 ? Double.NaN : (double) hits / n, n);
    }

    /**
     * Measures the test data (if given) and the unigram baseline on it, generates the two sample
     * sets (model alone, with rules), checks them with abc2midi when it is on PATH, and compares
     * them with the training tunes.
     */
    public EvaluationReport run() {
        if (training == null)
            throw new IllegalStateException("Evaluation needs the training tunes to compare samples with and find copies in: "
                    + "add .against(trainCorpus) or .against(split.train()) before run()");
        MelodyModel.Metrics likelihood = test == null ? null : model.evaluate(test);
        MelodyModel.Metrics baseline = null;
        if (test != null) baseline = unigram(trainingTokens != null ? trainingTokens : training.tokens(model.encoding()), test);
        Abc2Midi checker = null;
        String abc2midi;
        if (!(model.encoding() instanceof AbcTokens)) {
            abc2midi = "not checked: the samples of a " + model.encoding().spec().split("\\s+")[0] + " model are not ABC text";
        } else if (!Abc2Midi.available()) {
            abc2midi = "abc2midi is not on PATH, so the samples were not checked by it (install it: sudo apt-get install abcmidi)";
        } else {
            checker = Abc2Midi.checker();
            abc2midi = "abc2midi " + checker.version() + " -c (errors, and bars of the wrong length)";
        }
        Sampling alone = sampling.anySyntax();
        Sampling ruled = sampling.rules() != Sampling.Rules.NONE ? sampling
                : new Sampling(model, sampling.strategy(), sampling.seed(), sampling.prime(), sampling.maxLength(), Sampling.Rules.BARS, sampling.bars(), sampling.home());
        SampleStats a = SampleStats.of(alone.count(samples), training, copyWindow, checker, abc2midi);
        SampleStats r = SampleStats.of(ruled.count(samples), training, copyWindow, checker, abc2midi);
        return new EvaluationReport(model.toString(), describe(ruled), test == null ? "" : test.name(), likelihood, baseline, a, r, abc2midi);
    }

    public MelodyModel model() { return model; }

    public Sampling sampling() { return sampling; }

    private static String describe(Sampling s) {
        return s.strategy() + ", seed " + s.seed() + (s.prime().length > 1 ? ", prime of " + s.prime().length + " tokens" : "")
                + ", at most " + s.maxLength() + " tokens";
    }

    /** The number of samples of each set. */
    public int samples() { return samples; }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Evaluation of %s%n  test: %s%n  samples: %d, %s%n  against: %s%n  copy window: %d bars%n  (run() to evaluate)",
                model, test == null ? "none (test(split.test()) to measure NLL and perplexity)" : test.name() + ", " + test.size() + " tunes",
                samples, describe(sampling), training == null ? "not set (against(trainCorpus) is required)" : training.name() + ", " + training.size() + " tunes",
                copyWindow);
    }
}
