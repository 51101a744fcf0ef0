package tunesmith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house's rules on dependencies, read from the sources: packages form no cycle, the music
 * model depends on nothing, Deeplearning4j stays in the model packages and JFreeChart in chart, the models know nothing
 * of notebooks or the command line, and the README's package map names the packages there are.
 */
class ArchitectureTest {

    static final Path SOURCES = TestCorpora.repo().resolve("dsl/src/main/java");

    /** Package → the packages (of ours) it names, and → the foreign roots it imports (org.deeplearning4j, ...). */
    static Map<String, Set<String>> dependencies(boolean foreign) {
        Map<String, Set<String>> deps = new TreeMap<>();
        Pattern ours = Pattern.compile("\\b(tunesmith(?:\\.[a-z]+)*)\\.[A-Z*]"), imports = Pattern.compile("(?m)^import (?:static )?([a-z]+\\.[a-z0-9]+)\\.");
        try (Stream<Path> files = Files.walk(SOURCES.resolve("tunesmith"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(f.getParent()).toString().replace('/', '.');
                String text = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                Set<String> into = deps.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = (foreign ? imports : ours).matcher(text);
                while (m.find()) {
                    String d = m.group(1);
                    if (foreign ? !d.startsWith("java.") && !d.startsWith("tunesmith.") : !d.equals(pkg) && Files.isDirectory(SOURCES.resolve(d.replace('.', '/'))))
                        into.add(d);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deps;
    }

    @Test
    void packagesFormNoCycle() {
        Map<String, Set<String>> deps = dependencies(false);
        assertTrue(deps.size() > 10, "read the packages: " + deps.keySet());
        for (String start : deps.keySet()) {
            List<String> path = cycleFrom(start, start, deps, new ArrayList<>(List.of(start)), new TreeSet<>());
            assertTrue(path == null, "a package cycle: " + path);
        }
    }

    private static List<String> cycleFrom(String start, String at, Map<String, Set<String>> deps, List<String> path, Set<String> seen) {
        for (String next : deps.getOrDefault(at, Set.of())) {
            if (next.equals(start)) { path.add(next); return path; }
            if (!seen.add(next)) continue;
            path.add(next);
            List<String> found = cycleFrom(start, next, deps, path, seen);
            if (found != null) return found;
            path.remove(path.size() - 1);
        }
        return null;
    }

    @Test
    void dependenciesPointOneWay() {
        Map<String, Set<String>> deps = dependencies(false);
        assertEquals(Set.of(), deps.get("tunesmith.music"), "the music model stands alone");
        for (String model : List.of("tunesmith.model", "tunesmith.counterpoint", "tunesmith.vae", "tunesmith.train", "tunesmith.sample", "tunesmith.encode", "tunesmith.latent"))
            for (String ui : List.of("tunesmith.notebook", "tunesmith.cli", "tunesmith.zoo"))
                assertTrue(!deps.get(model).contains(ui), model + " knows nothing of " + ui + ": " + deps.get(model));
    }

    @Test
    void deeplearning4jAndJFreeChartStayInTheirPackages() {
        Map<String, Set<String>> imports = dependencies(true);
        // networks in the model packages; ND4J's arrays there and in the latent space's linear algebra (PCA)
        Set<String> networks = Set.of("tunesmith.model", "tunesmith.model.fused", "tunesmith.counterpoint", "tunesmith.vae", "tunesmith.kernel");
        Set<String> arrays = Set.of("tunesmith.model", "tunesmith.model.fused", "tunesmith.counterpoint", "tunesmith.vae", "tunesmith.kernel", "tunesmith.latent");
        imports.forEach((pkg, roots) -> {
            if (!networks.contains(pkg)) assertTrue(roots.stream().noneMatch(r -> r.startsWith("org.deeplearning4j")), pkg + " imports Deeplearning4j: " + roots);
            if (!arrays.contains(pkg)) assertTrue(roots.stream().noneMatch(r -> r.startsWith("org.nd4j")), pkg + " imports ND4J: " + roots);
            if (!pkg.equals("tunesmith.chart")) assertTrue(roots.stream().noneMatch(r -> r.startsWith("org.jfree")), pkg + " imports JFreeChart: " + roots);
        });
        assertTrue(imports.get("tunesmith.model").stream().anyMatch(r -> r.startsWith("org.deeplearning4j")), "the check reads imports");
        assertTrue(imports.get("tunesmith.chart").stream().anyMatch(r -> r.startsWith("org.jfree")), "the check reads imports");
    }

    @Test
    void theReadmePackageMapNamesThePackagesThereAre() throws IOException {
        String readme = Files.readString(TestCorpora.repo().resolve("README.md"));
        Set<String> mapped = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `([a-z.]+)` \\|").matcher(readme);
        while (m.find()) mapped.add("tunesmith." + m.group(1));
        Set<String> packages = new TreeSet<>(dependencies(false).keySet());
        packages.remove("tunesmith");
        assertEquals(packages, mapped, "README's package map against dsl/src/main/java/tunesmith");
    }

    @Test
    void theShellNeedsTheFacadeAndTablesawOnly() throws IOException {
        List<String> imports = Files.readAllLines(TestCorpora.repo().resolve("scripts/tunesmith.jsh")).stream()
                .filter(l -> l.startsWith("import ")).toList();
        assertEquals(List.of("import static tunesmith.Tunesmith.*;", "import tech.tablesaw.api.*;"), imports,
                "the facade is the one import; what a session needs is reachable from Tunesmith");
    }
}
