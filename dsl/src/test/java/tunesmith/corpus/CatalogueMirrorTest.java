package tunesmith.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tunesmith.corpus.CatalogueEntry.CorpusFile;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The catalogue's truth test: every catalogued file must exist in the corpora mirror named by
 * {@code $TUNESMITH_CORPORA} with exactly the catalogued size and SHA-256, every data file of
 * the mirror must be catalogued, and the tune counts must be the mirror's. Skipped when the
 * variable is unset.
 */
class CatalogueMirrorTest {

    private static Path mirror;
    private final Catalogue catalogue = Catalogue.standard();

    @BeforeAll
    static void findMirror() {
        String dir = System.getenv(CorpusResolver.ENV_CORPORA);
        assumeTrue(dir != null && !dir.isBlank(), "TUNESMITH_CORPORA is not set; skipping the mirror check");
        mirror = Path.of(dir);
        assumeTrue(Files.isDirectory(mirror), "TUNESMITH_CORPORA is not a folder: " + dir);
    }

    @TestFactory
    Stream<DynamicTest> everyCataloguedFileMatchesTheMirror() {
        return downloadable().flatMap(e -> e.files().stream().map(f -> DynamicTest.dynamicTest(
                e.name() + "/" + f.path(), () -> {
                    Path p = mirror.resolve(e.folder()).resolve(f.path());
                    assertTrue(Files.isRegularFile(p), "missing in mirror: " + p);
                    assertEquals(f.bytes(), Files.size(p), "size of " + p);
                    assertEquals(f.sha256(), CorpusResolver.sha256(p), "sha256 of " + p);
                })));
    }

    @Test
    void everyMirrorDataFileIsCatalogued() throws IOException {
        for (CatalogueEntry e : downloadable().toList()) {
            String ext = e.format().equals("abc") ? ".abc" : ".json";
            Set<String> onDisk;
            try (Stream<Path> files = Files.list(mirror.resolve(e.folder()))) {
                onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(ext))
                        .collect(Collectors.toCollection(TreeSet::new));
            }
            Set<String> catalogued = e.files().stream().map(CorpusFile::path).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(onDisk, catalogued, e.name());
        }
    }

    @Test
    void abcTuneCountsAreTheNumberOfXHeaders() throws IOException {
        Map<String, Integer> expected = new LinkedHashMap<>();
        Map<String, Integer> actual = new LinkedHashMap<>();
        for (CatalogueEntry e : downloadable().filter(e -> e.format().equals("abc")).toList()) {
            int count = 0;
            for (CorpusFile f : e.files()) {
                try (BufferedReader r = Files.newBufferedReader(mirror.resolve(e.folder()).resolve(f.path()),
                        StandardCharsets.ISO_8859_1)) { // byte-transparent: only the "X:" prefix matters
                    count += (int) r.lines().filter(l -> l.startsWith("X:")).count();
                }
            }
            expected.put(e.name(), e.tunes());
            actual.put(e.name(), count);
        }
        assertEquals(expected, actual);
    }

    @Test
    void jsbSplitsAreTheMirrorsInEveryFile() throws IOException {
        CatalogueEntry jsb = catalogue.entry("jsb");
        ObjectMapper mapper = new ObjectMapper();
        for (CorpusFile f : jsb.files()) {
            JsonNode root = mapper.readTree(mirror.resolve(jsb.folder()).resolve(f.path()).toFile());
            Map<String, Integer> sizes = new HashMap<>();
            root.properties().forEach(field -> sizes.put(field.getKey(), field.getValue().size()));
            assertEquals(jsb.splits(), sizes, f.path());
        }
    }

    @Test
    void resolverFindsEveryCorpusInTheMirror() {
        Map<String, String> settings = Map.of(CorpusResolver.ENV_CORPORA, mirror.toString(),
                CorpusResolver.PROP_OFFLINE, "true", "user.home", "/nonexistent-home");
        CorpusResolver resolver = new CorpusResolver(catalogue, settings);
        for (CatalogueEntry e : downloadable().toList()) {
            assertEquals(mirror.resolve(e.folder()), resolver.resolve(e.name()), e.name());
            for (String alias : e.aliases()) {
                assertEquals(mirror.resolve(e.folder()), resolver.resolve(alias), alias);
            }
        }
    }

    private Stream<CatalogueEntry> downloadable() {
        return catalogue.entries().stream().filter(e -> !e.builtin());
    }
}
