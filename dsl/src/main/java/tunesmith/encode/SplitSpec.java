package tunesmith.encode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import tunesmith.corpus.Chorales;
import tunesmith.corpus.Corpus;
import tunesmith.corpus.CorpusResolver;
import tunesmith.music.BarCheck;
import tunesmith.music.Tune;

/**
 * Which tunes, split how: the corpus (a catalogue name, a path, or names joined by {@code +}), the
 * test and validation shares and the split's seed. {@link #split(TuneEncoding)} rebuilds the
 * {@link TokenSplit} a model was trained on, to find its held-out tunes again. Immutable, and small
 * on purpose: a model file, the CLI or a catalogue entry of trained models only needs to give these
 * four values.
 *
 * <p>The defaults are {@code tunesmith train}'s: 5% test, 5% validation, seed 42. The corpus
 * {@value #JSB_SOPRANO} is the Bach chorales' soprano lines in their standard split
 * (Boulanger-Lewandowski et al. 2012); shares and seed do not apply to it.
 *
 * <p>{@code regularTraining}: training keeps only the tunes whose bars abc2midi would accept in the
 * form the encoding gives them ({@link BarCheck#strictProblems}), so a model does not learn a
 * transcriber's miscounted bars; validation and test keep every held-out tune.
 */
public record SplitSpec(String corpus, double test, double valid, long seed, boolean regularTraining) {

    /** The JSB soprano lines in their standard split. */
    public static final String JSB_SOPRANO = "jsb-soprano";

    /** 5% of the tunes held out for the test, as {@code tunesmith train} does by default. */
    public static final double DEFAULT_TEST = 0.05;

    /** 5% for validation (early stopping, best epoch), as {@code tunesmith train} does by default. */
    public static final double DEFAULT_VALID = 0.05;

    /** {@code tunesmith train}'s default split seed. */
    public static final long DEFAULT_SEED = 42;

    public SplitSpec(String corpus, double test, double valid, long seed) { this(corpus, test, valid, seed, false); }

    public SplitSpec {
        Objects.requireNonNull(corpus, "corpus (a catalogue name such as \"oneills1850\", a path, or names joined by +)");
        if (corpus.isBlank()) throw new IllegalArgumentException("SplitSpec: the corpus name is empty; give a catalogue name, a path, or names joined by +");
        if (test < 0 || valid < 0 || test + valid >= 1)
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "SplitSpec(%s): test %s and valid %s must be >= 0 and leave some tunes for training (add up to less than 1), e.g. 0.05 and 0.05",
                    corpus, test, valid));
    }

    /** The corpus split with the defaults (5% test, 5% validation, seed 42). */
    public static SplitSpec of(String corpus) { return new SplitSpec(corpus, DEFAULT_TEST, DEFAULT_VALID, DEFAULT_SEED); }

    public SplitSpec test(double share) { return new SplitSpec(corpus, share, valid, seed, regularTraining); }

    public SplitSpec valid(double share) { return new SplitSpec(corpus, test, share, seed, regularTraining); }

    public SplitSpec seed(long s) { return new SplitSpec(corpus, test, valid, s, regularTraining); }

    /** Training on the tunes with regular bars only (see the class comment); held-out tunes all kept. */
    public SplitSpec regularTraining(boolean on) { return new SplitSpec(corpus, test, valid, seed, on); }

    /** Share of the tunes for training: what test and validation leave. */
    public double train() { return 1 - test - valid; }

    /** The tunes: one corpus, a folder or file, or several joined by {@code +} (not for {@value #JSB_SOPRANO}). */
    public Corpus load() {
        if (corpus.equals(JSB_SOPRANO))
            throw new IllegalArgumentException(JSB_SOPRANO + " is a split of the chorales, not one corpus; use split(encoding)");
        Corpus c = null;
        for (String part : corpus.split("\\+")) {
            Path p = Path.of(part);
            Corpus next = Files.exists(p) ? Corpus.load(p) : Corpus.load(part);
            c = c == null ? next : c.plus(next);
        }
        return c;
    }

    /** The tunes encoded with {@code encoding} and split as specified; the same spec and encoding give the same split anywhere. */
    public TokenSplit split(TuneEncoding encoding) {
        Objects.requireNonNull(encoding, "encoding (e.g. model.encoding(), AbcTokens.abc())");
        if (corpus.equals(JSB_SOPRANO))
            return Chorales.read(new CorpusResolver().resolve("jsb").resolve("Jsb16thSeparated.json")).sopranos().tokens(encoding);
        return split(load(), encoding);
    }

    /**
     * {@code tunes}, already loaded from this spec's corpus (the command line reads its files one by one to
     * name those without a tune), encoded and split as {@link #split(TuneEncoding)} does.
     */
    public TokenSplit split(Corpus tunes, TuneEncoding encoding) {
        Objects.requireNonNull(encoding, "encoding (e.g. model.encoding(), AbcTokens.abc())");
        TokenSplit split = tunes.tokens(encoding).split(train(), valid, seed);
        if (!regularTraining) return split;
        boolean[] regular = new boolean[tunes.size()];
        for (int i = 0; i < regular.length; i++) {
            try {
                Tune t = encoding instanceof AbcTokens abc ? abc.canonical(tunes.get(i)) : tunes.get(i);
                regular[i] = BarCheck.strictProblems(t).isEmpty();
            } catch (RuntimeException e) {
                regular[i] = false; // not encodable: the encoder has already left it out
            }
        }
        return new TokenSplit(split.train().onlyTunes(i -> regular[i]), split.valid(), split.test());
    }

    /** {@code "oneills1850, test 5%, valid 5%, seed 42"}. */
    @Override
    public String toString() {
        if (corpus.equals(JSB_SOPRANO)) return corpus + " (standard split)";
        return String.format(Locale.ROOT, "%s, test %s, valid %s, seed %d", corpus, share(test), share(valid), seed)
                + (regularTraining ? ", training on regular bars" : "");
    }

    private static String share(double f) {
        double pct = 100 * f;
        return (Math.abs(pct - Math.rint(pct)) < 1e-9 ? String.format(Locale.ROOT, "%.0f", pct) : String.format(Locale.ROOT, "%.2f", pct)) + "%";
    }
}
