package tunesmith.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tunesmith.TestCorpora;

/** Every one-line script in scripts/examples runs after the JShell start-up script, as {@code tunesmith run} runs it. */
class ExamplesTest {

    @Test
    void everyExampleScriptRuns() throws Exception {
        Path scripts = TestCorpora.repo().resolve("scripts");
        String startup = Files.readString(scripts.resolve("tunesmith.jsh"));
        List<Path> examples;
        try (Stream<Path> s = Files.list(scripts.resolve("examples"))) {
            examples = s.filter(p -> p.toString().endsWith(".jsh")).sorted().toList();
        }
        assertFalse(examples.isEmpty(), "scripts/examples has .jsh scripts");
        for (Path example : examples) ReadmeTest.runInJShell(startup + "\n" + Files.readString(example), "example " + example.getFileName());
    }
}
