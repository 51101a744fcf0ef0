package tunesmith.notebook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Evaluates notebook cells with JShell in this JVM, with the DSL imported as in
 * {@code scripts/tunesmith.jsh}. A cell is split into snippets; the value of the last expression is
 * the cell's value, as the real object. Compile errors and exceptions become a {@link CellException}
 * naming the cell line. One cell at a time; {@link #interrupt()} may come from any thread.
 */
public final class CellEvaluator implements AutoCloseable {

    /** JShell's DEFAULT start-up imports (the {@code jshell} tool adds them; the API does not). */
    private static final String JSHELL_DEFAULT_IMPORTS = """
            import java.io.*;
            import java.math.*;
            import java.net.*;
            import java.nio.file.*;
            import java.util.*;
            import java.util.concurrent.*;
            import java.util.function.*;
            import java.util.prefs.*;
            import java.util.regex.*;
            import java.util.stream.*;
            """;

    /** The DSL's start-up script, shared with {@code tunesmith shell} (packaged from scripts/). */
    static final String STARTUP_RESOURCE = "/tunesmith/notebook/tunesmith.jsh";

    /** Cell-only helpers: {@code display(x)} shows a value now and returns nothing. */
    private static final String NOTEBOOK_IMPORTS = "import static tunesmith.notebook.Notebook.display;\n";

    private static final long REPEAT_INTERRUPT_MILLIS = 200;

    private final JShell jshell;
    private final SourceCodeAnalysis analysis;
    private final CellExecutionControl control = new CellExecutionControl();
    private final long hardStopMillis;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tunesmith-interrupt-watchdog");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong cellNumber = new AtomicLong();
    private volatile long interruptedCell = -1;

    /** The replies to a completion request: replace {@code [start, end)} of the cell by one of {@code matches}. */
    public record Completion(int start, int end, List<String> matches) {
        public Completion { matches = List.copyOf(matches); }
    }

    /**
     * Starts JShell with the DSL imported.
     *
     * @param hardStopMillis how long an interrupted cell may take to stop by itself before it is
     *                       stopped hard (Thread.stop); a training checks between batches
     */
    public CellEvaluator(long hardStopMillis) {
        this.hardStopMillis = hardStopMillis;
        initialiseTablesaw();
        ExecutionControlProvider provider = new ExecutionControlProvider() {
            @Override public String name() { return "tunesmith-local"; }
            @Override public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) { return control; }
        };
        jshell = JShell.builder().executionEngine(provider, Map.of()).build();
        // the compiler needs the DSL's classes; the snippets load them through the application class loader
        jshell.addToClasspath(System.getProperty("java.class.path"));
        analysis = jshell.sourceCodeAnalysis();
        eval(JSHELL_DEFAULT_IMPORTS);
        eval(declarationsOf(startupScript()));
        eval(NOTEBOOK_IMPORTS);
    }

    /**
     * Tablesaw's Table scans the class path (ClassGraph, on threads it waits for) when its class
     * initialises. Done first inside an interrupted cell, say by a training's progress display, the
     * scan fails and the class is unusable until the kernel restarts; so it happens here, at start-up.
     */
    private static void initialiseTablesaw() {
        try {
            Class.forName("tech.tablesaw.api.Table", true, CellEvaluator.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Tablesaw is not on the kernel's class path: " + e.getMessage(), e);
        }
    }

    /** With a 5 s grace before a hard stop: longer than a training batch on the default model. */
    public CellEvaluator() { this(5_000); }

    private static String startupScript() {
        try (InputStream in = CellEvaluator.class.getResourceAsStream(STARTUP_RESOURCE)) {
            if (in == null) throw new IllegalStateException("the JShell start-up script " + STARTUP_RESOURCE
                    + " is not on the class path; rebuild the jar (mvn -pl dsl package), it is copied from scripts/tunesmith.jsh");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The imports and declarations of a start-up script, without its statements: those greet a
     * terminal user ("/exit to leave") and would print into the first cell's output.
     */
    private String declarationsOf(String script) {
        StringBuilder kept = new StringBuilder();
        String rest = script;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.source() == null) break;
            boolean runsCode = analysis.sourceToSnippets(info.source()).stream()
                    .anyMatch(s -> s.kind() == Snippet.Kind.STATEMENT || s.kind() == Snippet.Kind.EXPRESSION);
            if (!runsCode) kept.append(info.source()).append('\n');
            rest = info.remaining();
        }
        return kept.toString();
    }

    /**
     * Runs a cell, snippet by snippet.
     *
     * @return the value of the cell's last expression (empty when it ends in a declaration or
     *         statement, or the value is null)
     * @throws CellException when a snippet does not compile, throws, or the cell is interrupted;
     *         the snippets after it are not run
     */
    public Optional<Object> eval(String cell) {
        long number = cellNumber.incrementAndGet();
        Optional<Object> result = Optional.empty();
        String rest = cell;
        int offset = 0;
        while (!rest.isBlank()) {
            if (interruptedCell == number) throw interrupted(cell, offset);
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            String source = info.source();
            String remaining = info.remaining();
            if (source == null || info.completeness() == Completeness.DEFINITELY_INCOMPLETE
                    || info.completeness() == Completeness.UNKNOWN || remaining.length() >= rest.length()) {
                source = rest;              // let the compiler say what is wrong with it
                remaining = "";
            }
            int start = offset + (rest.length() - rest.stripLeading().length());
            result = evalSnippet(source, cell, start, number);
            offset += rest.length() - remaining.length();
            rest = remaining;
        }
        if (interruptedCell == number) throw interrupted(cell, offset);
        return result;
    }

    private Optional<Object> evalSnippet(String source, String cell, int start, long number) {
        control.clearLast();
        List<SnippetEvent> events = jshell.eval(source);
        Optional<Object> value = Optional.empty();
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) continue;   // a dependent snippet updated, not this one
            Snippet snippet = event.snippet();
            CellExecutionControl.Outcome outcome = control.last();
            if (outcome.stopped()) throw interrupted(cell, start);
            if (event.status() == Snippet.Status.REJECTED) throw compileError(snippet, cell, start);
            // an exception after an interrupt (InterruptedException, or one it caused) is the interrupt
            if (event.exception() != null && interruptedCell == number) throw interrupted(cell, start);
            if (event.exception() != null) throw threw(event.exception(), outcome.thrown(), snippet, cell, start);
            if (showsValue(snippet)) value = Optional.ofNullable(outcome.value());
        }
        return value;
    }

    /** An expression's value is the cell's output; a declaration's or an assignment's is not (as in IPython). */
    private static boolean showsValue(Snippet snippet) {
        return switch (snippet.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND -> true;
            default -> false;
        };
    }

    private CellException compileError(Snippet snippet, String cell, int start) {
        List<Diag> errors = jshell.diagnostics(snippet).filter(Diag::isError).toList();
        if (errors.isEmpty()) {
            int line = lineOf(cell, start);
            return new CellException(CellException.Kind.COMPILE_ERROR, line,
                    "line " + line + " was not accepted by JShell: " + firstLine(snippet.source()), null);
        }
        Diag first = errors.get(0);
        int at = start + (int) Math.max(0, first.getStartPosition());
        int line = lineOf(cell, Math.min(at, cell.length()));
        String message = errors.stream()
                .map(d -> "line " + lineOf(cell, Math.min(start + (int) Math.max(0, d.getStartPosition()), cell.length()))
                        + ": " + d.getMessage(Locale.ROOT))
                .collect(Collectors.joining("\n"));
        return new CellException(CellException.Kind.COMPILE_ERROR, line,
                message + "\n    " + lineText(cell, line).strip() + "\nfix the line and run the cell again", null);
    }

    private CellException threw(JShellException reported, Throwable real, Snippet snippet, String cell, int start) {
        int line = lineOf(cell, start);
        if (reported instanceof UnresolvedReferenceException unresolved) {
            String missing = jshell.unresolvedDependencies(unresolved.getSnippet()).collect(Collectors.joining(", "));
            return new CellException(CellException.Kind.THREW, line, "line " + line + " uses " + unresolved.getSnippet()
                    .source().strip() + ", which needs " + missing + " declared first: declare it and run the cell again", null);
        }
        Throwable cause = real != null ? real : reported;
        String name = real != null ? real.getClass().getName()
                : reported instanceof EvalException e ? e.getExceptionClassName() : reported.getClass().getName();
        return new CellException(CellException.Kind.THREW, line,
                "line " + line + " threw " + name + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    }

    private CellException interrupted(String cell, int at) {
        int line = lineOf(cell, Math.min(at, cell.length()));
        return new CellException(CellException.Kind.INTERRUPTED, line, "interrupted at line " + line
                + "; the lines after it did not run (a training keeps its best weights: its model is the value of the line)", null);
    }

    /**
     * Stops the running cell: the snippet's thread is interrupted (a training ends after its batch),
     * the cell's remaining snippets are skipped, and code that has not stopped after the grace period
     * is stopped hard. Safe from any thread; a no-op when no cell runs.
     */
    public void interrupt() {
        long number = cellNumber.get();
        interruptedCell = number;
        control.interruptRunning();
        // Interrupt again until the snippet ends: library code (DL4J's fit among them) may catch
        // and clear one interrupt, and the trainer checks the flag only between batches.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(hardStopMillis);
        Runnable[] check = new Runnable[1];
        check[0] = () -> {
            if (cellNumber.get() != number || !control.isRunning()) return;
            if (System.nanoTime() >= deadline) {
                jshell.stop();
            } else {
                control.interruptRunning();
                watchdog.schedule(check[0], REPEAT_INTERRUPT_MILLIS, TimeUnit.MILLISECONDS);
            }
        };
        watchdog.schedule(check[0], Math.min(REPEAT_INTERRUPT_MILLIS, hardStopMillis), TimeUnit.MILLISECONDS);
    }

    /** Completions at the cursor, from JShell's source analysis. */
    public Completion complete(String cell, int cursor) {
        int start = snippetStart(cell, cursor);
        int[] anchor = new int[1];
        List<String> matches = analysis.completionSuggestions(cell.substring(start, cursor), cursor - start, anchor)
                .stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .toList();
        return new Completion(start + anchor[0], cursor, matches);
    }

    /**
     * What is known of the name at the cursor: a variable's type and value, or the signatures
     * (and Javadoc, when the JDK has its sources) of a method or class.
     */
    /** Our types by their simple names ({@code tunesmith.music.Tune} as {@code Tune}): the facade imports no types, the reader knows them. */
    static String simpleTypes(String type) { return type.replaceAll("\\btunesmith(?:\\.[a-z][a-z0-9]*)+\\.(?=[A-Z])", ""); }

    public Optional<String> inspect(String cell, int cursor) {
        int start = snippetStart(cell, cursor);
        String code = cell.substring(start);
        int at = cursor - start;
        String word = identifierAt(cell, cursor);
        if (!word.isEmpty()) {
            Optional<VarSnippet> variable = jshell.variables().filter(v -> v.name().equals(word)).reduce((a, b) -> b);
            if (variable.isPresent()) {
                VarSnippet v = variable.get();
                String value;
                try {
                    value = jshell.varValue(v);
                } catch (RuntimeException e) {
                    value = "(not available: " + e.getMessage() + ")";
                }
                return Optional.of(simpleTypes(v.typeName()) + " " + v.name() + " = " + value);
            }
        }
        int end = identifierEnd(code, at);
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(code.substring(0, end), end, true);
        if (docs.isEmpty()) {
            // JShell documents a method from inside its call: "Math.max" -> "Math.max("
            String call = code.substring(0, end) + "(";
            docs = analysis.documentation(call, call.length(), true);
        }
        if (!docs.isEmpty()) {
            return Optional.of(docs.stream()
                    .map(d -> d.signature() + (d.javadoc() == null ? "" : "\n\n" + d.javadoc()))
                    .collect(Collectors.joining("\n\n")));
        }
        String type = end > 0 ? analysis.analyzeType(code.substring(0, end), end) : null;
        return type == null ? Optional.empty() : Optional.of(code.substring(0, end).strip() + " : " + simpleTypes(type));
    }

    /**
     * Whether the cell can run as it is: {@code "complete"}, {@code "incomplete"} (more lines
     * expected, as after an open brace) or {@code "invalid"}.
     */
    public String isComplete(String cell) {
        String rest = cell;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE: return "incomplete";
                case UNKNOWN: return "invalid";
                default: break;
            }
            if (info.remaining().length() >= rest.length()) break;
            rest = info.remaining();
        }
        return "complete";
    }

    /** Start of the snippet that holds the cursor (JShell's analysis reads one snippet at a time). */
    private int snippetStart(String cell, int cursor) {
        int offset = 0;
        String rest = cell;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            int consumed = info.source() == null ? rest.length() : rest.length() - info.remaining().length();
            if (consumed <= 0 || offset + consumed >= cursor) break;
            offset += consumed;
            rest = info.remaining();
        }
        return Math.min(offset, cursor);
    }

    private static String identifierAt(String text, int cursor) {
        int from = Math.min(cursor, text.length());
        int to = from;
        while (from > 0 && Character.isJavaIdentifierPart(text.charAt(from - 1))) from--;
        while (to < text.length() && Character.isJavaIdentifierPart(text.charAt(to))) to++;
        // a member after a dot (kesh.title) is not a variable of the session
        if (from > 0 && text.charAt(from - 1) == '.') return "";
        return text.substring(from, to);
    }

    private static int identifierEnd(String text, int at) {
        int to = Math.min(at, text.length());
        while (to < text.length() && Character.isJavaIdentifierPart(text.charAt(to))) to++;
        return to;
    }

    private static int lineOf(String cell, int position) {
        int line = 1;
        for (int i = 0; i < position && i < cell.length(); i++) if (cell.charAt(i) == '\n') line++;
        return line;
    }

    private static String lineText(String cell, int line) {
        String[] lines = cell.split("\n", -1);
        return line - 1 < lines.length ? lines[line - 1] : "";
    }

    private static String firstLine(String text) {
        String s = text.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " ...";
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        jshell.close();
    }
}
