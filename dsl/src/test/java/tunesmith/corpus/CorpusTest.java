package tunesmith.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tunesmith.corpus.Filters.bars;
import static tunesmith.corpus.Filters.key;
import static tunesmith.corpus.Filters.meter;
import static tunesmith.corpus.Filters.mode;
import static tunesmith.corpus.Filters.rhythm;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import tunesmith.TestCorpora;
import tunesmith.music.Mode;
import tunesmith.music.NoteEvent;
import tunesmith.music.Tune;

class CorpusTest {

    static Corpus oneills;

    @BeforeAll
    static void load() {
        oneills = Corpus.load(TestCorpora.folder("oneills1850"));
    }

    @Test
    void readsOneillsByNameFromTheCorporaFolder() {
        Corpus byName = Corpus.load("oneills", new CorpusResolver(Catalogue.standard(),
                java.util.Map.of(CorpusResolver.PROP_CORPORA, TestCorpora.root().toString(), CorpusResolver.PROP_OFFLINE, "true")));
        assertEquals(oneills.size(), byName.size());
        assertEquals("oneills", byName.name());
        int catalogued = Catalogue.standard().entry("oneills").tunes();
        assertEquals(catalogued, byName.report().read() + byName.report().skipped(), "every X: is read or reported");
        assertTrue(byName.size() >= 0.99 * catalogued);
    }

    @Test
    void joinsCorporaNamedWithPlusInOrder() {
        var resolver = new CorpusResolver(Catalogue.standard(),
                java.util.Map.of(CorpusResolver.PROP_CORPORA, TestCorpora.root().toString(), CorpusResolver.PROP_OFFLINE, "true"));
        Corpus starter = Corpus.load("starter", resolver);
        Corpus joined = Corpus.load("oneills+starter", resolver);
        assertEquals(oneills.size() + starter.size(), joined.size());
        assertEquals(oneills.get(0).title(), joined.get(0).title(), "the first named corpus comes first");
        assertEquals(starter.get(0).title(), joined.get(oneills.size()).title());
        var e = assertThrows(IllegalArgumentException.class, () -> Corpus.load("oneills++starter", resolver));
        assertTrue(e.getMessage().contains("empty part"), e.getMessage());
    }

    @Test
    void filtersByRhythmMeterKeyModeAndLength() {
        Corpus reels = oneills.where(rhythm("reel"));
        assertTrue(reels.size() > 100, "O'Neill's has hundreds of reels: " + reels.size());
        reels.forEach(t -> assertEquals("reel", Rhythms.of(t)));
        Corpus jigs = oneills.where(rhythm("jig", "double jig"));
        assertTrue(jigs.size() > 100);
        Corpus sixEight = oneills.where(meter("6/8"));
        sixEight.forEach(t -> assertEquals("6/8", t.meter().text()));
        Corpus dorian = oneills.where(mode("dorian"));
        assertFalse(dorian.tunes().isEmpty());
        dorian.forEach(t -> assertEquals(Mode.DORIAN, t.key().mode()));
        Corpus inD = oneills.where(key("D"));
        inD.forEach(t -> assertEquals("D major", t.key().describe()));
        Corpus shortOnes = oneills.where(bars(8, 16));
        shortOnes.forEach(t -> assertTrue(t.barCount() >= 8 && t.barCount() <= 16));
        assertTrue(reels.where(mode("major")).size() + reels.where(mode("minor", "dorian", "mixolydian", "phrygian", "lydian", "locrian")).size()
                <= reels.size());
        assertThrows(IllegalArgumentException.class, () -> bars(10, 5));
    }

    @Test
    void transposeMovesEveryMelodyNote() {
        Corpus some = oneills.head(40);
        Corpus up = some.transpose(3);
        for (int i = 0; i < some.size(); i++) {
            List<NoteEvent> a = some.get(i).melody(), b = up.get(i).melody();
            assertEquals(a.size(), b.size());
            for (int k = 0; k < a.size(); k++) assertEquals(a.get(k).midi() + 3, b.get(k).midi());
        }
        Corpus onC = some.transposeTo("C");
        onC.forEach(t -> assertEquals('C', t.key().tonic(), t.title()));
        onC.forEach(t -> assertEquals(0, t.key().tonicAlter()));
    }

    @Test
    void splitIsSeededDisjointAndComplete() {
        Corpus.Split a = oneills.split(0.9, 0.05, 7), b = oneills.split(0.9, 0.05, 7), c = oneills.split(0.9, 0.05, 8);
        assertEquals(oneills.size(), a.train().size() + a.valid().size() + a.test().size());
        assertEquals(a.train().tunes(), b.train().tunes(), "same seed, same split");
        assertNotEquals(a.test().tunes(), c.test().tunes(), "another seed, another split");
        Set<Tune> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        seen.addAll(a.train().tunes());
        seen.addAll(a.valid().tunes());
        seen.addAll(a.test().tunes());
        assertEquals(oneills.size(), seen.size(), "no tune in two parts, none lost");
        assertEquals(Math.round(oneills.size() * 0.9), a.train().size());
        assertThrows(IllegalArgumentException.class, () -> oneills.split(0.9, 0.2, 1));
    }

    @Test
    void tableHasOneRowPerTuneWithTheDocumentedColumns() {
        Table t = oneills.table();
        assertEquals(oneills.size(), t.rowCount());
        assertEquals(List.of("source", "X", "title", "rhythm", "meter", "key", "mode", "bars", "notes", "lowest", "highest"), t.columnNames());
        Tune first = oneills.get(0);
        assertEquals(first.title(), t.stringColumn("title").get(0));
        assertEquals(first.x(), t.intColumn("X").get(0));
        assertEquals(first.lowest().orElseThrow().midi(), t.intColumn("lowest").get(0));
        assertTrue(t.stringColumn("source").get(0).startsWith("oneills1850/0001-0050.abc"));
        assertTrue(oneills.toString().startsWith("Corpus oneills1850: " + oneills.size() + " tunes"));
    }

    @Test
    void plusJoinsCorporaAndTuneFindsByTitle() {
        Corpus both = oneills.head(3).plus(oneills.head(2));
        assertEquals(5, both.size());
        assertEquals(oneills.get(0), oneills.tune(oneills.get(0).title().toUpperCase()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> oneills.tune("no such tune anywhere"));
        assertTrue(e.getMessage().contains("No tune titled like"));
    }

    @Test
    void missingPathIsAClearError() {
        CorpusException e = assertThrows(CorpusException.class, () -> Corpus.load(java.nio.file.Path.of("/nonexistent/tunes.abc")));
        assertTrue(e.getMessage().contains("No such file or folder"), e.getMessage());
    }
}
