package tunesmith.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tunesmith.TestCorpora;

/**
 * The notebooks as committed: nbformat 4.5 for the Tunesmith kernel, outputs cleared, a unique id
 * per cell, no line that JShell would cut off from its statement, and a solution for every answer
 * cell of an exercise notebook. (Running them is {@code scripts/notebook run}, minutes each.)
 */
class NotebooksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> EXPECTED = List.of("01-corpora", "02-folk-lstm", "03-bach-soprano", "04-sampling",
            "05-evaluation", "classroom-01");

    private static Path folder() { return TestCorpora.repo().resolve("notebooks"); }

    private static List<Path> notebooks() throws Exception {
        try (Stream<Path> s = Files.list(folder())) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    private static String source(JsonNode cell) {
        JsonNode s = cell.get("source");
        if (s.isTextual()) return s.asText();
        StringBuilder b = new StringBuilder();
        s.forEach(line -> b.append(line.asText()));
        return b.toString();
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.length() - ".ipynb".length());
    }

    @Test
    void theIssuesNotebooksAreAllThere() throws Exception {
        List<String> names = notebooks().stream().map(NotebooksTest::stem).toList();
        for (String e : EXPECTED) assertTrue(names.contains(e), "notebooks/" + e + ".ipynb exists; found " + names);
    }

    @Test
    void everyNotebookIsCommittedCleanForTheTunesmithKernel() throws Exception {
        for (Path p : notebooks()) {
            JsonNode nb = JSON.readTree(p.toFile());
            String where = p.getFileName().toString();
            assertEquals(4, nb.path("nbformat").asInt(), where + ": nbformat");
            assertTrue(nb.path("nbformat_minor").asInt() >= 5, where + ": nbformat_minor >= 5 (cell ids)");
            assertEquals("tunesmith", nb.path("metadata").path("kernelspec").path("name").asText(), where + ": kernelspec");
            assertEquals("java", nb.path("metadata").path("language_info").path("name").asText(), where + ": language_info");
            Set<String> ids = new HashSet<>();
            int code = 0;
            for (JsonNode cell : nb.get("cells")) {
                String id = cell.path("id").asText("");
                assertFalse(id.isEmpty(), where + ": every cell has an id");
                assertTrue(ids.add(id), where + ": cell id " + id + " is unique");
                if (!cell.path("cell_type").asText().equals("code")) continue;
                code++;
                assertEquals(0, cell.path("outputs").size(), where + " " + id + ": outputs cleared");
                assertTrue(cell.path("execution_count").isNull(), where + " " + id + ": execution_count null");
                for (String line : source(cell).split("\n")) {
                    String t = line.strip();
                    assertFalse(t.startsWith(".") || t.startsWith("+") || t.startsWith("&&") || t.startsWith("||") || t.startsWith("?") || (t.startsWith(":") && !t.startsWith("::")),
                            where + " " + id + ": '" + t + "' starts with an operator; JShell ends the statement on the line before");
                }
            }
            assertTrue(code > 0, where + " has code cells");
        }
    }

    @Test
    void everyAnswerCellHasASolutionAndEverySolutionAnAnswerCell() throws Exception {
        int withAnswers = 0;
        for (Path p : notebooks()) {
            JsonNode nb = JSON.readTree(p.toFile());
            Set<String> answers = new TreeSet<>();
            List<String> checks = new ArrayList<>();
            for (JsonNode cell : nb.get("cells")) {
                for (JsonNode tag : cell.path("metadata").path("tags")) if (tag.asText().equals("answer")) answers.add(cell.get("id").asText());
                if (source(cell).contains("check(\"")) checks.add(cell.get("id").asText());
            }
            if (answers.isEmpty()) continue;
            withAnswers++;
            Path solutions = folder().resolve("solutions").resolve(stem(p) + ".json");
            assertTrue(Files.exists(solutions), "solutions for " + p.getFileName() + " at " + solutions);
            JsonNode sol = JSON.readTree(solutions.toFile());
            Set<String> solved = new TreeSet<>();
            sol.fieldNames().forEachRemaining(solved::add);
            assertEquals(answers, solved, p.getFileName() + ": answer cells and solutions match");
            sol.fields().forEachRemaining(e -> assertFalse(e.getValue().asText().isBlank(), "solution " + e.getKey() + " has code"));
            assertTrue(checks.size() >= answers.size(), p.getFileName() + ": a check cell for every answer cell");
        }
        assertTrue(withAnswers >= 1, "classroom-01 has answer cells");
    }
}
