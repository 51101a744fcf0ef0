package tunesmith.corpus;

/** A corpus could not be found, fetched or verified; the message says what to do about it. */
public class CorpusException extends RuntimeException {

    public CorpusException(String message) {
        super(message);
    }

    public CorpusException(String message, Throwable cause) {
        super(message, cause);
    }
}
