package tunesmith.encode;

/**
 * A tune that an encoding cannot represent, or a sequence that does not decode to a tune.
 * The message says what was wrong and where, in words fit to show a user (a sampler keeps it
 * as the reason a sample is invalid).
 */
public final class EncodingException extends IllegalArgumentException {

    public EncodingException(String message) {
        super(message);
    }

    public EncodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
