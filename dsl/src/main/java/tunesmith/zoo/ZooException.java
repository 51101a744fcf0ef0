package tunesmith.zoo;

/** A pretrained model that cannot be had: which, why, and what to do, in the message. */
public final class ZooException extends RuntimeException {
    public ZooException(String message) { super(message); }
}
