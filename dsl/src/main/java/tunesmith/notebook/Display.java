package tunesmith.notebook;

/**
 * How the DSL's values show themselves in a notebook. Which to use:
 * <ul>
 * <li>a kernel holds one {@link NotebookDisplay} per session and asks it for every cell result and
 *     every {@code display(x)}: abcjs (for sheet music) then travels once per session;
 * <li>{@link #bundle} is stateless, for a one-off page or a test: every output that draws music
 *     carries its own copy of abcjs (half a megabyte), so it stands alone.
 * </ul>
 */
public final class Display {

    private Display() { }

    /** The MIME bundle for a value, self-contained (see {@link NotebookDisplay} for what each kind of value shows). */
    public static MimeBundle bundle(Object value) {
        return NotebookDisplay.standalone().bundle(value);
    }
}
