package tunesmith.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;
import tunesmith.TestCorpora;

/** Every ```java block of the README runs in JShell, as a user would paste it, without an error. */
class ReadmeTest {

    static List<String> javaBlocks(Path markdown) throws Exception {
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(markdown));
        List<String> out = new ArrayList<>();
        while (m.find()) out.add(m.group(1));
        return out;
    }

    @Test
    void everyJavaSnippetRuns() throws Exception {
        List<String> blocks = javaBlocks(TestCorpora.repo().resolve("README.md"));
        assertFalse(blocks.isEmpty(), "the README has java snippets");
        for (String block : blocks) runInJShell(block, "README snippet");
    }

    /** Runs source as JShell would (snippet by snippet, in this JVM with the test class path); fails on any error. */
    static void runInJShell(String source, String what) {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) shell.addToClasspath(entry);
            String rest = source;
            while (!rest.isBlank()) {
                SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(rest);
                String snippet = info.source() == null ? rest : info.source();
                for (SnippetEvent e : shell.eval(snippet)) {
                    if (e.exception() != null) fail(what + " failed: " + snippet.strip() + "\n" + e.exception());
                    if (e.status() == Snippet.Status.REJECTED) {
                        fail(what + " does not compile: " + snippet.strip() + "\n"
                                + shell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
                    }
                }
                rest = info.remaining();
            }
            assertEquals(0, shell.snippets().filter(s -> shell.status(s) == Snippet.Status.REJECTED).count());
        }
    }
}
