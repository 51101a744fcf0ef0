package tunesmith.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tunesmith.notebook.CellEvaluator;
import tunesmith.notebook.CellException;

/**
 * {@code run FILE.jsh}: a JShell script, snippet by snippet, in this JVM with the DSL imported as in
 * {@code tunesmith shell}. Unlike the jshell tool, which reports a failing snippet and goes on (and
 * exits 0), the script stops at the first snippet that does not compile or throws: the error is
 * printed with the script's name and line, without JShell's stack, and the exit code is 2. A line
 * {@code /exit [N]} ends the script with code N; other JShell commands are refused by name.
 */
final class RunCommand {

    /** JShell's PRINTING start-up, which {@code tunesmith shell} loads too: print, println and printf without System.out. */
    static final String PRINTING = """
            void print(Object o) { System.out.print(o); }
            void println(Object o) { System.out.println(o); }
            void println() { System.out.println(); }
            void printf(String format, Object... args) { System.out.printf(format, args); }
            """;

    /** A JShell command on a line of its own: /exit, /open, /vars, ... (not a // or /* comment). */
    private static final Pattern COMMAND = Pattern.compile("^\\s*/([a-z!?]+|-?[0-9]+)(\\s+(.*?))?\\s*$");

    private RunCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 1) throw new Main.UsageException("run needs one FILE.jsh (got " + args + ")");
        Path script = Path.of(args.get(0));
        if (!Files.isRegularFile(script))
            throw new Main.Failure(script.toAbsolutePath() + (Files.isDirectory(script) ? " is a folder" : " does not exist") + ": give run a .jsh script");
        List<String> lines;
        try {
            lines = Files.readAllLines(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Main.Failure("Cannot read " + script + ": " + OutputFolder.reason(e));
        }
        try (CellEvaluator shell = new CellEvaluator()) {
            shell.eval(PRINTING);
            StringBuilder code = new StringBuilder();
            int codeStart = 1; // the script line the pending code starts on
            for (int i = 0; i < lines.size(); i++) {
                Matcher command = COMMAND.matcher(lines.get(i));
                // a line such as "/exit" is a command only between snippets, not inside a text block or an open brace
                if (command.matches() && (code.toString().isBlank() || shell.isComplete(code.toString()).equals("complete"))) {
                    int failed = evaluate(shell, code, codeStart, script, err);
                    if (failed != 0) return failed;
                    code.setLength(0);
                    codeStart = i + 2;
                    if (!command.group(1).equals("exit"))
                        throw new Main.Failure(script + ": line " + (i + 1) + ": the JShell command /" + command.group(1)
                                + " is not run by `tunesmith run` (only /exit [CODE]); write it as Java, or use it in `tunesmith shell`");
                    return exitCode(command.group(3), script, i + 1);
                }
                code.append(lines.get(i)).append('\n');
            }
            return evaluate(shell, code, codeStart, script, err);
        }
    }

    /** Runs pending code; 0, or 2 after printing where and why it failed. */
    private static int evaluate(CellEvaluator shell, StringBuilder code, int firstLine, Path script, PrintStream err) {
        if (code.toString().isBlank()) return 0;
        // blank lines in front, so the evaluator's "line N" is the line of the script
        String cell = "\n".repeat(firstLine - 1) + code;
        try {
            shell.eval(cell);
            return 0;
        } catch (CellException e) {
            err.println("tunesmith run: " + script + ": " + e.getMessage().replace("run the cell again", "run the script again")
                    + "\nthe script stopped there; the lines after it did not run");
            return 2;
        }
    }

    private static int exitCode(String value, Path script, int line) {
        if (value == null || value.isBlank()) return 0;
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new Main.Failure(script + ": line " + line + ": /exit " + value + ": expected a whole number, the exit code");
        }
    }
}
