package tunesmith.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;
import tunesmith.TestCorpora;

/**
 * The documentation stays true: every ```java block of README.md and docs/*.md runs in JShell, as a
 * user would paste it, without an error; the README stays a short front page; every relative link
 * points at a file that exists.
 */
class ReadmeTest {

    static final int README_MAX_LINES = 200;

    private static final Pattern JAVA = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern ZOO = Pattern.compile("```java zoo\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    static List<String> javaBlocks(Path markdown) throws Exception {
        return blocks(JAVA, markdown);
    }

    private static List<String> blocks(Pattern fence, Path markdown) throws Exception {
        Matcher m = fence.matcher(Files.readString(markdown));
        List<String> out = new ArrayList<>();
        while (m.find()) out.add(m.group(1));
        return out;
    }

    /** README.md, then every docs/*.md in name order. */
    static List<Path> pages() throws Exception {
        Path repo = TestCorpora.repo();
        List<Path> pages = new ArrayList<>();
        pages.add(repo.resolve("README.md"));
        try (Stream<Path> docs = Files.list(repo.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static String name(Path page) {
        return TestCorpora.repo().relativize(page).toString();
    }

    @Test
    void everyJavaSnippetRuns() throws Exception {
        assertFalse(javaBlocks(TestCorpora.repo().resolve("README.md")).isEmpty(), "the README has java snippets");
        int ran = 0;
        for (Path page : pages()) {
            List<String> blocks = javaBlocks(page);
            for (int i = 0; i < blocks.size(); i++) {
                runInJShell(blocks.get(i), name(page) + " java block " + (i + 1));
                ran++;
            }
        }
        assertTrue(ran > 0, "no java block found in README.md or docs/");
    }

    /**
     * The ```java zoo blocks load pretrained models: each runs once every model it names
     * ({@code pretrained("NAME")}) is in models/catalogue.json, and is skipped until then.
     */
    @Test
    void everyZooSnippetRunsOnceItsModelsAreInTheZoo() throws Exception {
        var zoo = tunesmith.zoo.Zoo.at(TestCorpora.repo().resolve("models"));
        int ran = 0;
        List<String> missing = new ArrayList<>();
        for (Path page : pages()) {
            List<String> blocks = blocks(ZOO, page);
            for (int i = 0; i < blocks.size(); i++) {
                List<String> names = new ArrayList<>();
                Matcher n = Pattern.compile("pretrained\\(\"([^\"]+)\"\\)").matcher(blocks.get(i));
                while (n.find()) names.add(n.group(1));
                List<String> absent = names.stream().filter(x -> zoo.find(x).isEmpty()).toList();
                if (absent.isEmpty()) { runInJShell(blocks.get(i), name(page) + " zoo block " + (i + 1)); ran++; }
                else missing.add(name(page) + " zoo block " + (i + 1) + " needs " + absent);
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(missing.isEmpty(), "not yet in models/: " + missing + " (ran " + ran + " zoo snippets)");
    }

    @Test
    void readmeIsAShortFrontPage() throws Exception {
        long lines = Files.readAllLines(TestCorpora.repo().resolve("README.md")).size();
        assertTrue(lines <= README_MAX_LINES,
                "README.md has " + lines + " lines, at most " + README_MAX_LINES + ": move the detail to a docs/ page");
    }

    /** Every relative Markdown link {@code ](path)} of README.md and docs/*.md names an existing file ({@code #anchor} aside). */
    @Test
    void everyRelativeLinkPointsAtAFile() throws Exception {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            for (String target : relativeLinks(Files.readString(page))) {
                String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                if (path.isEmpty()) continue;
                checked++;
                if (!Files.exists(page.getParent().resolve(path).normalize())) broken.add(name(page) + ": " + target);
            }
        }
        assertTrue(broken.isEmpty(), "links to files that do not exist: " + broken);
        assertTrue(checked > 0, "no relative link found in README.md or docs/");
    }

    @Test
    void readmeLinksEveryDocsPage() throws Exception {
        List<String> links = relativeLinks(Files.readString(TestCorpora.repo().resolve("README.md")));
        List<Path> pages = pages();
        for (Path page : pages.subList(1, pages.size())) {
            String target = "docs/" + page.getFileName();
            assertTrue(links.stream().anyMatch(l -> l.equals(target) || l.startsWith(target + "#")),
                    "README.md does not link " + target + " (section \"Where to go next\")");
        }
    }

    /** The link targets of a Markdown text that are neither web addresses nor inside code (fenced blocks, `spans`). */
    static List<String> relativeLinks(String markdown) {
        String prose = markdown.replaceAll("(?s)```.*?```", "").replaceAll("`[^`\\n]*`", "");
        Matcher m = LINK.matcher(prose);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            String target = m.group(1);
            if (!target.matches("(?i)(https?|mailto):.*")) out.add(target);
        }
        return out;
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
