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

    /**
     * The ```java zoo blocks load pretrained models: each runs once every model it names
     * ({@code pretrained("NAME")}) is in models/catalogue.json, and is skipped until then.
     */
    @Test
    void everyZooSnippetRunsOnceItsModelsAreInTheZoo() throws Exception {
        Matcher m = Pattern.compile("```java zoo\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(TestCorpora.repo().resolve("README.md")));
        var zoo = tunesmith.zoo.Zoo.at(TestCorpora.repo().resolve("models"));
        int ran = 0;
        List<String> missing = new ArrayList<>();
        while (m.find()) {
            List<String> names = new ArrayList<>();
            Matcher n = Pattern.compile("pretrained\\(\"([^\"]+)\"\\)").matcher(m.group(1));
            while (n.find()) names.add(n.group(1));
            List<String> absent = names.stream().filter(x -> zoo.find(x).isEmpty()).toList();
            if (absent.isEmpty()) { runInJShell(m.group(1), "README zoo snippet"); ran++; }
            else missing.addAll(absent);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(missing.isEmpty(), "not yet in models/: " + missing + " (ran " + ran + " zoo snippets)");
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
