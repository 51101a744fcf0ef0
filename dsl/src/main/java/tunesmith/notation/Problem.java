package tunesmith.notation;

/**
 * Something the reader met in a tunebook: an error that made it skip a tune, or a warning
 * about something it kept or ignored. Says where (file, tune, line, column) and what.
 */
public record Problem(Severity severity, String file, int x, String title, int line, int column, String message) {

    public enum Severity { ERROR, WARNING }

    public boolean isError() { return severity == Severity.ERROR; }

    /** A problem of a whole file, in no tune (e.g. a file with no tune in it). */
    public static Problem ofFile(Severity severity, String file, String message) {
        return new Problem(severity, file, 0, null, 0, 0, message);
    }

    /** True for a problem of the whole file rather than of one tune. */
    public boolean isFileProblem() { return line == 0 && x == 0 && title == null; }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(file == null ? "<text>" : file);
        if (isFileProblem()) return b.append(": ").append(severity == Severity.ERROR ? "error" : "warning").append(": ").append(message).toString();
        b.append(':').append(line);
        if (column > 0) b.append(':').append(column);
        b.append(": ").append(severity == Severity.ERROR ? "error" : "warning");
        b.append(" in tune X:").append(x);
        if (title != null && !title.isEmpty()) b.append(" \"").append(title).append('"');
        return b.append(": ").append(message).toString();
    }
}
