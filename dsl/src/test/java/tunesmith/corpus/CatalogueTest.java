package tunesmith.corpus;

import org.junit.jupiter.api.Test;
import tunesmith.corpus.CatalogueEntry.CorpusFile;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogueTest {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    // raw.githubusercontent.com/<owner>/<repo>/<40-hex commit or master>/<path>
    private static final Pattern RAW_URL =
            Pattern.compile("https://raw\\.githubusercontent\\.com/[^/]+/[^/]+/([0-9a-f]{40}|master)/.+");

    private final Catalogue catalogue = Catalogue.standard();

    @Test
    void standardCatalogueListsTheSixCorpora() {
        List<String> names = catalogue.entries().stream().map(CatalogueEntry::name).toList();
        assertEquals(List.of("oneills", "ryans", "essen", "nottingham", "jsb", "starter"), names);
        assertSame(catalogue, Catalogue.standard(), "loaded once");
    }

    @Test
    void everyDownloadableEntryHasPinnedHttpsFilesWithChecksums() {
        for (CatalogueEntry e : catalogue.entries()) {
            assertTrue(Set.of("abc", "jsb-json").contains(e.format()), e.name() + " format " + e.format());
            assertFalse(e.title().isBlank(), e.name());
            assertFalse(e.licence().isBlank(), e.name());
            if (e.builtin()) {
                continue;
            }
            assertTrue(e.tunes() > 0, e.name() + " tunes");
            assertFalse(e.files().isEmpty(), e.name() + " has files");
            Set<String> paths = new HashSet<>();
            for (CorpusFile f : e.files()) {
                assertTrue(SHA256.matcher(f.sha256()).matches(), f.path() + " sha256 " + f.sha256());
                assertEquals("https", f.url().getScheme(), f.path() + " " + f.url());
                assertTrue(RAW_URL.matcher(f.url().toString()).matches(), "pinned raw URL: " + f.url());
                assertTrue(f.bytes() > 0, f.path());
                assertTrue(f.path().endsWith(e.format().equals("abc") ? ".abc" : ".json"), f.path());
                assertTrue(paths.add(f.path()), "duplicate path " + f.path());
            }
        }
    }

    @Test
    void namesAndAliasesMatchIgnoringCase() {
        assertEquals("oneills", catalogue.entry("ONEILLS1850").name());
        assertEquals("ryans", catalogue.entry("ryansMammoth").name());
        assertEquals("essen", catalogue.entry("EssenFolksong").name());
        assertEquals("nottingham", catalogue.entry("nottingham-dataset").name());
        assertEquals("jsb", catalogue.entry("JSB-Chorales").name());
        assertEquals("starter", catalogue.entry(" Starter ").name());
    }

    @Test
    void unknownNameListsKnownCorpora() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> catalogue.entry("x"));
        assertTrue(e.getMessage().startsWith("Unknown corpus 'x'. Known corpora: "), e.getMessage());
        for (String name : List.of("oneills", "ryans", "essen", "nottingham", "jsb", "starter")) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertTrue(e.getMessage().endsWith("; or pass a Path to an .abc file or folder"), e.getMessage());
    }

    @Test
    void jsbRecordsTheBoulangerLewandowskiSplit() {
        CatalogueEntry jsb = catalogue.entry("jsb");
        assertEquals(Map.of("train", 229, "valid", 76, "test", 77), jsb.splits());
        assertEquals(382, jsb.tunes());
    }

    @Test
    void starterIsBuiltinWithoutDownloads() {
        CatalogueEntry starter = catalogue.entry("starter");
        assertTrue(starter.builtin());
        assertTrue(starter.files().isEmpty());
    }

    @Test
    void rejectsAnAliasUsedTwice() {
        CatalogueEntry a = new CatalogueEntry("a", List.of("shared"), "A", "", "abc", 0, null, "x", null, null, true, null);
        CatalogueEntry b = new CatalogueEntry("b", List.of("SHARED"), "B", "", "abc", 0, null, "x", null, null, true, null);
        assertThrows(IllegalArgumentException.class, () -> new Catalogue(List.of(a, b)));
    }

    @Test
    void rejectsPathsThatLeaveTheFolder() {
        String sha = "0".repeat(64);
        assertThrows(IllegalArgumentException.class,
                () -> new CorpusFile("../x.abc", java.net.URI.create("https://h/x"), sha, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new CorpusFile("x.abc", java.net.URI.create("https://h/x"), "ABC", 1));
    }

    @Test
    void aMistypedNameSuggestsTheNearest() {
        assertEquals(List.of("oneills"), catalogue.nearest("onells"));
        assertEquals(List.of("starter"), catalogue.nearest("Startr"));
        assertEquals(List.of(), catalogue.nearest("symphonies"), "nothing near: no suggestion");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> catalogue.entry("onells"));
        assertTrue(e.getMessage().startsWith("Unknown corpus 'onells'. Did you mean oneills? Known corpora: "), e.getMessage());
        assertEquals(0, Catalogue.editDistance("jsb", "jsb"));
        assertEquals(1, Catalogue.editDistance("onells", "oneills"));
        assertEquals(3, Catalogue.editDistance("", "abc"));
    }
}
