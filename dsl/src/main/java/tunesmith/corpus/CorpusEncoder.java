package tunesmith.corpus;

/**
 * Turns a whole corpus into some encoded form ({@code R}), e.g. token sequences for a network.
 * It lives here so that {@link Corpus#tokens} can take an encoding while {@code corpus} knows
 * nothing of the {@code encode} package that implements it (dependencies point downwards).
 */
@FunctionalInterface
public interface CorpusEncoder<R> {

    R encode(Corpus corpus);
}
