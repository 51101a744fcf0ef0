package tunesmith.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tunesmith.TestCorpora;
import tunesmith.corpus.Corpus;
import tunesmith.notation.AbcReader;
import tunesmith.notation.AbcWriter;

/** Chord symbols read as harmony, progressions in time, chord tones on strong beats. */
class ProgressionTest {

    private static int pcs(int... pcs) {
        int m = 0;
        for (int p : pcs) m |= 1 << p;
        return m;
    }

    @Test
    void chordSymbolsOfCommonAndNottinghamSpellings() {
        assertEquals(pcs(7, 11, 2), ChordSymbol.parse("G").pitchClasses());
        assertEquals(pcs(2, 6, 9, 0), ChordSymbol.parse("D7").pitchClasses());
        assertEquals(pcs(4, 7, 11), ChordSymbol.parse("Em").pitchClasses());
        assertEquals(pcs(10, 2, 5), ChordSymbol.parse("Bb").pitchClasses());
        assertEquals(pcs(6, 9, 1), ChordSymbol.parse("F#m").pitchClasses());
        ChordSymbol slash = ChordSymbol.parse("D/f+");
        assertEquals(2, slash.root());
        assertEquals(6, slash.bass(), "Nottingham writes the bass in lower case, + for sharp");
        assertEquals(10, ChordSymbol.parse("Gm/bb").bass(), "bb is B flat");
        assertEquals(ChordSymbol.Quality.DIMINISHED, ChordSymbol.parse("Gd").quality());
        assertEquals(ChordSymbol.Quality.AUGMENTED, ChordSymbol.parse("Ea").quality());
        assertEquals(ChordSymbol.Quality.DOMINANT_7, ChordSymbol.parse("(E7)").quality(), "an optional chord is still the chord");
        assertEquals("(E7)", ChordSymbol.parse("(E7)").text(), "the text stays as written");
        assertEquals(ChordSymbol.parse("D9").simple(), ChordSymbol.parse("D7").simple());
        assertFalse(ChordSymbol.read("From Ashover").isPresent());
        assertFalse(ChordSymbol.read("H7").isPresent());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChordSymbol.parse("Gxyz"));
        assertTrue(e.getMessage().contains("'Gxyz'") && e.getMessage().contains("e.g."), e.getMessage());
        assertEquals("A7/C#", ChordSymbol.parse("G7/B").transpose(2).text());
    }

    @Test
    void everyChordSymbolOfNottinghamReadsBackAsTheSameChord() {
        Corpus notts = Corpus.load(TestCorpora.folder("nottingham"));
        Map<String, Integer> unread = new TreeMap<>();
        int read = 0;
        for (Tune t : notts) for (Bar b : t.bars()) for (Element e : b.elements()) {
            if (!(e instanceof Annotation a) || !a.isChordSymbol()) continue;
            Optional<ChordSymbol> c = ChordSymbol.read(a.text());
            if (c.isEmpty()) { unread.merge(a.text(), 1, Integer::sum); continue; }
            read++;
            // the symbol's own spelling of the same chord reads back as it
            ChordSymbol again = ChordSymbol.parse(ChordSymbol.of(c.get().root(), c.get().quality()).text());
            assertEquals(c.get().root(), again.root(), a.text());
            assertEquals(c.get().quality(), again.quality(), a.text());
        }
        assertTrue(read > 25_000, "Nottingham has some 27,000 chord symbols: " + read);
        int missed = unread.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(missed < read / 1000, "almost every symbol names a chord; not: " + unread);
    }

    @Test
    void progressionsFromTextShareBarsAndRepeatToALength() {
        Progression p = Progression.parse("G D7 G C | G D7 G");
        assertEquals(2, p.bars());
        assertEquals(Duration.of(2, 1), p.length());
        assertEquals("C", p.chordAt(Duration.of(3, 4)).orElseThrow().text(), "four chords, a beat each");
        assertEquals("G", p.chordAt(Duration.of(5, 4).plus(Duration.of(1, 8))).orElseThrow().text(), "three chords in 4/4: 2 + 1 + 1 beats");
        assertEquals("D7", p.chordAt(Duration.of(3, 2)).orElseThrow().text());
        assertEquals("G", p.chordAt(Duration.of(7, 4)).orElseThrow().text());
        assertThrows(IllegalArgumentException.class, () -> Progression.parse("C D E F G A B C D E F G A", "3/4"), "13 chords in twelve 16ths");
        Progression jig = Progression.parse("G D7 | G |", "6/8");
        assertEquals("D7", jig.chordAt(Duration.of(3, 8)).orElseThrow().text(), "beat 4 of 6/8");
        assertEquals("G", jig.chordAt(Duration.of(3, 4)).orElseThrow().text());
        Progression eight = jig.bars(8);
        assertEquals(8, eight.bars());
        assertEquals("D7", eight.chordAt(Duration.of(3, 4).times(2).plus(Duration.of(3, 8))).orElseThrow().text(), "played round again");
        Progression held = Progression.parse("G | | D").bars(6);
        assertEquals("G", held.chordAt(Duration.of(3, 1)).orElseThrow().text(), "the second round starts with the first bar's chord");
        assertEquals("G", held.chordAt(Duration.of(4, 1)).orElseThrow().text(), "the empty bar holds it");
        assertEquals(List.of(Duration.ZERO, Duration.of(1, 2)), Progression.parse("C").strongBeats(), "beats 1 and 3 of 4/4");
        assertEquals(List.of(Duration.ZERO), Progression.parse("C", "3/4").strongBeats(), "beat 1 of 3/4");
        assertEquals("Bb", Progression.parse("C").transpose(-2).chordAt(Duration.ZERO).orElseThrow().text());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Progression.parse("G | Q7"));
        assertTrue(e.getMessage().contains("bar 2") && e.getMessage().contains("'Q7'"), e.getMessage());
    }

    @Test
    void aTunesChordsAsPerformedAndWrittenIntoAnotherMelody() {
        Tune t = AbcReader.readTune("X:1\nT:t\nM:4/4\nL:1/8\nK:G\nD2|:\"G\"G4 \"D7\"A4|\"G\"B8:|\n");
        Progression p = Progression.of(t);
        assertEquals(5, p.bars(), "pickup, then two bars played twice");
        assertEquals(Optional.empty(), p.chordAt(Duration.ZERO), "the pickup has no chord");
        assertEquals("G", p.chordAt(Duration.of(1, 4)).orElseThrow().text());
        assertEquals("D7", p.chordAt(Duration.of(11, 4)).orElseThrow().text(), "the repeat is played");
        Progression full = p.withoutPickup();
        assertEquals(4, full.bars());
        assertEquals(new ChordTones(8, 8), ChordTones.of(t), "G on G, A on D7, B on G twice, played twice: 8 strong beats, all chord tones");
        Tune off = AbcReader.readTune("X:1\nT:t\nM:4/4\nL:1/8\nK:G\n\"G\"A4 z4|\"C\"c8|]\n");
        assertEquals(new ChordTones(2, 3), ChordTones.of(off), "A over G is no chord tone, a rest is no beat, c over C is, held over beat 3 too");
    }

    @Test
    void annotatingSplitsANoteWhereAChordStartsAndReadsBackTheSameChords() {
        Tune melody = AbcReader.readTune("X:1\nT:m\nM:4/4\nL:1/8\nK:G\nG8|A4 B4|]\n");
        Progression p = Progression.parse("G D7 | C D");
        Tune withChords = p.annotate(melody);
        String abc = AbcWriter.write(withChords);
        assertTrue(abc.contains("\"G\"") && abc.contains("\"D7\"") && abc.contains("\"C\""), abc);
        Tune back = AbcReader.readTune(abc);
        assertEquals(p, Progression.of(back), "the chords read back from the ABC: " + abc);
        assertEquals(melody.melody(), back.melody(), "the melody sounds the same, the split note tied");
        List<String> symbols = new ArrayList<>();
        for (Bar b : back.bars()) for (Element e : b.elements()) if (e instanceof Annotation a) symbols.add(a.text());
        assertEquals(List.of("G", "D7", "C", "D"), symbols);
    }
}
