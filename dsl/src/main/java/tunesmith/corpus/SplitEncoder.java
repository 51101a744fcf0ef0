package tunesmith.corpus;

/**
 * Turns a train/validation/test split into some encoded form with one shared vocabulary; like
 * {@link CorpusEncoder} it lives here so {@link Corpus.Split#tokens} needs nothing from {@code encode}.
 */
@FunctionalInterface
public interface SplitEncoder<R> {

    R encode(Corpus.Split split);
}
