package tunesmith.encode;

import java.util.Optional;
import tunesmith.corpus.Corpus;
import tunesmith.corpus.CorpusEncoder;
import tunesmith.corpus.SplitEncoder;
import tunesmith.music.Tune;

/**
 * A way to turn tunes into token sequences for a next-step model and back: folk-rnn's ABC tokens
 * ({@link AbcTokens}) or a 16th-note melody grid ({@link GridTokens}). Every sequence starts with
 * {@code <s>} and ends with {@code </s>}; {@link #spec()} and the vocabulary are saved with a model
 * so it can encode primes and decode samples after loading.
 */
public interface TuneEncoding extends CorpusEncoder<TokenCorpus>, SplitEncoder<TokenSplit> {

    /** The settings as one line; {@link #fromSpec} rebuilds the encoding (add the vocabulary). */
    String spec();

    /** The vocabulary, once there is one (a corpus encoded, or one given). */
    Optional<Vocabulary> vocabulary();

    /** This encoding with a fixed vocabulary (tokens outside it become {@code <unk>} where the encoding allows). */
    TuneEncoding withVocabulary(Vocabulary v);

    /** One tune as token indices, {@code <s>} first and {@code </s>} last. */
    int[] encode(Tune tune);

    /**
     * Input columns a model hears beside each token (0: tokens alone); their values for a corpus are
     * {@link TokenCorpus#conditions()}. The chord-conditioned grid has {@link ChordInput#WIDTH}.
     */
    default int conditionWidth() { return 0; }

    /** Tokens as readable text (what a sample looks like before it is read as a tune). */
    String text(int[] tokens);

    /** Tokens back to a tune; {@link EncodingException} with the reason when they do not make one. */
    Tune decode(int[] tokens);

    /**
     * Which token may follow which ({@code [previous][next]}), for sampling that keeps to the
     * encoding's syntax; empty when any order decodes (the melody grid). Needs the vocabulary.
     */
    default Optional<boolean[][]> grammar() { return Optional.empty(); }

    /**
     * The rule sampling keeps to: the {@link #grammar()}, and with {@code bars} also the length of
     * every bar, where the encoding knows meters (ABC tokens); empty when any sequence decodes.
     */
    default Optional<TokenConstraint> constraint(boolean bars) { return grammar().map(TokenConstraint::follows); }

    /**
     * A split corpus encoded with one vocabulary: the training part's (built from it unless this
     * encoding has one), applied to validation and test.
     */
    @Override
    default TokenSplit encode(Corpus.Split split) {
        TokenCorpus train = encode(split.train());
        TuneEncoding fixed = train.encoding();
        return new TokenSplit(train, fixed.encode(split.valid()), fixed.encode(split.test()));
    }

    /** Rebuilds an encoding from its {@link #spec()}, whichever kind it is. */
    static TuneEncoding fromSpec(String spec) {
        String s = spec == null ? "" : spec.strip();
        if (s.startsWith(GridTokens.SPEC_NAME + " ")) return GridTokens.fromSpec(s);
        if (s.startsWith(AbcTokens.SPEC_NAME + " ")) return AbcTokens.fromSpec(s);
        throw new IllegalArgumentException("Unknown encoding spec '" + s + "': expected one starting with '"
                + AbcTokens.SPEC_NAME + "' or '" + GridTokens.SPEC_NAME + "' (was the model saved by a newer Tunesmith?)");
    }
}
