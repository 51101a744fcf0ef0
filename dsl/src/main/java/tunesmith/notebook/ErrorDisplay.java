package tunesmith.notebook;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * An exception as a notebook shows it: what failed and why in one line, what to do when we can
 * tell, and the full stack trace collapsed below, there when wanted but never a wall of frames
 * first. Tunesmith's own messages already say what to do, so they stand alone.
 */
final class ErrorDisplay {

    private ErrorDisplay() { }

    static MimeBundle of(Throwable e) {
        String headline = headline(e);
        Throwable root = rootCause(e);
        String cause = root == e ? null : "caused by " + describe(root);
        String hint = hint(e, root);
        StringBuilder text = new StringBuilder(headline);
        if (cause != null) text.append("\n  ").append(cause);
        if (hint != null) text.append("\n  What to do: ").append(hint);
        StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        if (at != null) text.append("\n  (at ").append(at.getFileName() == null ? at.getClassName() : at.getFileName() + ":" + at.getLineNumber())
                .append("; the full stack trace is in the notebook's rich output)");

        StringBuilder html = new StringBuilder("<div class=\"tunesmith-error\" style=\"border-left:4px solid #c0392b;padding:4px 10px;\">\n")
                .append("<p style=\"white-space:pre-wrap;margin:4px 0;\"><b>").append(Html.escape(e.getClass().getSimpleName()))
                .append("</b> in <code>").append(Html.escape(where(e))).append("</code>: ").append(Html.escape(message(e))).append("</p>\n");
        if (cause != null) html.append("<p style=\"white-space:pre-wrap;margin:4px 0;\">").append(Html.escape(cause)).append("</p>\n");
        if (hint != null) html.append("<p style=\"margin:4px 0;\"><b>What to do:</b> ").append(Html.escape(hint)).append("</p>\n");
        html.append("<details><summary>Stack trace</summary>\n<pre style=\"font-size:85%;\">")
                .append(Html.escape(trace(e))).append("</pre>\n</details>\n</div>\n");
        return MimeBundle.text(text.toString()).with(MimeBundle.HTML, html.toString());
    }

    /** "IllegalArgumentException in Midi.program: MIDI program must be 0..127 ..." */
    static String headline(Throwable e) {
        return e.getClass().getSimpleName() + " in " + where(e) + ": " + message(e);
    }

    private static String describe(Throwable t) { return t.getClass().getSimpleName() + ": " + message(t); }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? "(no message)" : m.strip();
    }

    /** The Tunesmith method that threw, else the cell itself, else whatever threw. */
    static String where(Throwable e) {
        StackTraceElement[] frames = e.getStackTrace();
        for (StackTraceElement f : frames) {
            if (f.getClassName().startsWith("tunesmith.") && !f.getClassName().startsWith("tunesmith.notebook.")) return name(f);
            if (isCell(f)) break;
        }
        if (frames.length == 0) return "(unknown place)";
        return isCell(frames[0]) ? "this cell" : name(frames[0]);
    }

    private static boolean isCell(StackTraceElement f) {
        return f.getClassName().startsWith("REPL.") || f.getClassName().contains("$JShell$");
    }

    private static String name(StackTraceElement f) {
        String c = f.getClassName();
        c = c.substring(c.lastIndexOf('.') + 1).replace('$', '.');
        return c + "." + f.getMethodName();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t.getCause() != null && t.getCause() != t && depth < 20; depth++) t = t.getCause();
        return t;
    }

    /** What to do, where the type of failure tells; null where the message must speak for itself. */
    private static String hint(Throwable e, Throwable root) {
        if (root instanceof OutOfMemoryError)
            return "Java ran out of memory: use a smaller model, batch or corpus, or restart the kernel with a larger heap (-Xmx).";
        if (root instanceof StackOverflowError)
            return "A method called itself without end (or far too deep); look at the recursion in the code this cell runs.";
        if (root instanceof InterruptedException || e instanceof InterruptedException)
            return "The cell was interrupted; run it again to start over.";
        if (e instanceof NullPointerException && !e.getClass().getName().startsWith("tunesmith."))
            return "A value was null. Check that every variable this cell uses has been given a value (the message names which one).";
        if (e instanceof ClassCastException)
            return "A value is not of the type the code expects; check what the previous cell returned.";
        return null;
    }

    static String trace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
