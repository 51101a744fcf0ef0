package tunesmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tunesmith.cli.MainTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tunesmith run FILE.jsh}: the script stops at its first failing snippet, names the line, and exits non-zero. */
class RunCommandTest {

    private static String path(Path p) { return p.toString().replace("\\", "\\\\"); }

    @Test
    void aScriptStopsAtItsFirstFailingLine(@TempDir Path dir) throws Exception {
        Path before = dir.resolve("before.txt"), after = dir.resolve("after.txt");
        Path script = Files.writeString(dir.resolve("mistake.jsh"), """
                // a script with a mistake on line 4
                var t = tune("X:1\\nT:t\\nM:2/4\\nL:1/8\\nK:G\\nGA Bc|d4|]\\n");
                java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), t.title());
                t.transposeTo("H");
                java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "should not run");
                """.formatted(path(before), path(after)));
        MainTest.Run r = run("run", script.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("tunesmith run: " + script + ": line 4 threw java.lang.IllegalArgumentException: Key 'H': H is the German name of B; write B"), r.err());
        assertTrue(r.err().contains("the script stopped there; the lines after it did not run"), r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("at (#"), "no JShell stack: " + r.err());
        assertEquals("t", Files.readString(before), "the lines before ran");
        assertFalse(Files.exists(after), "the lines after did not");
    }

    @Test
    void aLineThatDoesNotCompileIsNamed(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("typo.jsh"), "int x = 1;\n\nvar m = load(java.nio.file.Path.of(\"m.tsm\"));\nprintln(x);\n");
        MainTest.Run r = run("run", script.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("tunesmith run: " + script + ": line 3: "), r.err());
        assertTrue(r.err().contains("var m = load("), r.err());
        assertTrue(r.err().contains("run the script again"), r.err());
    }

    @Test
    void aGoodScriptRunsWithPrintingAndExitCodes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        Path good = Files.writeString(dir.resolve("good.jsh"), """
                var t = tune(\"""
                        X:1
                        T:Text block
                        M:2/4
                        L:1/8
                        K:G
                        GA Bc|d4|]
                        \""");
                println(t.title());
                java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), t.transposeTo("A").key().toString());
                """.formatted(path(out)));
        MainTest.Run r = run("run", good.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("A", Files.readString(out));
        Path exits = Files.writeString(dir.resolve("exit.jsh"), "int code = 4;\n/exit 4\nSystem.exit(9);\n");
        assertEquals(4, run("run", exits.toString()).code());
        Path command = Files.writeString(dir.resolve("vars.jsh"), "int a = 1;\n/vars\n");
        MainTest.Run v = run("run", command.toString());
        assertEquals(2, v.code());
        assertTrue(v.err().contains("line 2: the JShell command /vars is not run by `tunesmith run` (only /exit [CODE])"), v.err());
        MainTest.Run missing = run("run", dir.resolve("none.jsh").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("none.jsh does not exist"), missing.err());
    }
}
