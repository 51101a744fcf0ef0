package tunesmith.notebook;

import java.util.Objects;

/**
 * A cell that did not run to its end: it did not compile, its code threw, or it was interrupted.
 * The message says which line and what to do; the user's own exception, when there is one, is the
 * cause. Carries no stack trace of its own: the kernel's trace is noise to a notebook user.
 */
public final class CellException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the cell stopped. */
    public enum Kind { COMPILE_ERROR, THREW, INTERRUPTED }

    private final Kind kind;
    private final int line;

    CellException(Kind kind, int line, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.line = line;
    }

    public Kind kind() { return kind; }

    /** The cell line (from 1) of the snippet that failed. */
    public int line() { return line; }

    /** The exception the cell's code threw, for {@link Kind#THREW}; else null. */
    public Throwable thrown() { return kind == Kind.THREW ? getCause() : null; }

    @Override
    public String toString() { return kind + " at cell line " + line + ": " + getMessage(); }
}
