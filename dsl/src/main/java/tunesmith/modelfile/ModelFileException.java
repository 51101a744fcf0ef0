package tunesmith.modelfile;

/** A model file that cannot be loaded, with the reason and what to do. */
public final class ModelFileException extends RuntimeException {
    public ModelFileException(String message) { super(message); }
}
