package tunesmith.notebook;

/**
 * How the DSL's values show themselves in a notebook. The kernel asks {@link #bundle} for every
 * cell result and for every explicit display call.
 */
public final class Display {

    private Display() { }

    /** The MIME bundle for a value; anything unknown is shown by its {@code toString()}. */
    public static MimeBundle bundle(Object value) {
        return MimeBundle.text(String.valueOf(value));
    }
}
