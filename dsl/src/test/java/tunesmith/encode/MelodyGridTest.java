package tunesmith.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tunesmith.encode.MelodyGrid.grid;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tunesmith.TestCorpora;
import tunesmith.notation.AbcReader;
import tunesmith.notation.AbcWriter;
import tunesmith.corpus.Chorale;
import tunesmith.corpus.Chorales;
import tunesmith.corpus.Corpus;
import tunesmith.music.Key;
import tunesmith.music.Meter;
import tunesmith.music.Tune;

/** The 16th-note melody grid on worked examples, the starter and O'Neill's tunes, and the JSB soprano lines. */
class MelodyGridTest {

    @Test
    void aMelodyIsNoteOnsHoldsAndRests() {
        Tune t = AbcReader.readTune("X:1\nT:t\nM:2/4\nL:1/16\nK:G\nG4 A2 A2|z2 B6-|B2 {c}d3c [DG]2|\n");
        int g = 2 + 67 - 48, a = 2 + 69 - 48, b = 2 + 71 - 48, d = 2 + 74 - 48, c = 2 + 72 - 48;
        assertArrayEquals(new int[]{g, 1, 1, 1, a, 1, a, 1, 0, 0, b, 1, 1, 1, 1, 1, 1, 1, d, 1, 1, c, g, 1}, grid().encode(t));
        assertEquals(39, grid().classes());
        assertEquals("hold", grid().label(1));
        assertEquals("G4", grid().label(g));
        assertEquals("MelodyGrid(16th steps, 39 classes: rest, hold, note-on MIDI 48..84 (C3..C6), octave fold off)", grid().toString());
    }

    @Test
    void decodingWritesBarsTiesAndTheKeysSpelling() {
        int[] steps = grid().encode(AbcReader.readTune("X:1\nT:t\nM:2/4\nL:1/16\nK:D\nF6 =c2- c4 z4|f8-f8|\n"));
        Tune t = grid().decode(steps, Meter.parse("2/4"), Key.parse("D"));
        assertEquals("""
                X:1
                T:Sample
                M:2/4
                L:1/16
                K:D
                F6=c2-|c4 z4|f8-|f8|]
                """, AbcWriter.write(t));
        assertArrayEquals(steps, grid().encode(t));
    }

    @Test
    void whatIsNotOnTheGridIsRefusedSayingWhy() {
        Tune triplets = AbcReader.readTune("X:5\nT:Trip\nM:2/4\nL:1/8\nK:G\nG2 (3ABc|\n");
        EncodingException e = assertThrows(EncodingException.class, () -> grid().encode(triplets));
        assertEquals("tune X:5 'Trip' (<text>): the note A4 at onset 1/4 (1.0 quarters from the start) lasting 1/12 of a whole note is off the "
                + "16th-note grid (its length is not a whole number of 16ths, as in triplets); the melody grid holds only 16th-note rhythms, "
                + "so leave such tunes out or use the ABC tokens", e.getMessage());
        Tune low = AbcReader.readTune("X:6\nT:Low\nM:2/4\nL:1/8\nK:G\nG,,2 G2|\n");
        e = assertThrows(EncodingException.class, () -> grid().encode(low));
        assertEquals("tune X:6 'Low' (<text>): the note G2 (MIDI 43) at onset 0 (0.0 quarters from the start) is outside the grid's range "
                + "48..84 (C3..C6); use .octaveFold() to move such notes by octaves, or .range(lowest, highest) to widen it", e.getMessage());
        assertEquals(2 + 55 - 48, grid().octaveFold().encode(low)[0]);
        assertEquals(2 + 43 - 36, grid().range(36, 84).encode(low)[0]);
        assertEquals("decode: meter none has no bar length; give one such as 4/4 or 6/8",
                assertThrows(EncodingException.class, () -> grid().decode(new int[]{2}, Meter.FREE, Key.C_MAJOR)).getMessage());
    }

    @Test
    void aHoldWithNothingSoundingIsARest() {
        Tune t = grid().decode(new int[]{1, 1, 0, 1, 20, 1}, Meter.parse("3/8"), Key.C_MAJOR);
        assertArrayEquals(new int[]{0, 0, 0, 0, 20, 1}, grid().encode(t));
    }

    @Test
    void excerptsAreBarAlignedWindowsSlidingByABar() {
        Tune t = AbcReader.readTune("X:1\nT:t\nM:2/4\nL:1/8\nK:G\nB|:G2 A2|B4-|B2 c2|d4:|\n");
        List<int[]> two = grid().excerpts(t, 2);
        // the pickup starts no window; 8 full bars once unfolded, so 7 windows of 2 bars
        assertEquals(7, two.size());
        for (int[] w : two) assertEquals(16, w.length);
        int b = 2 + 71 - 48;
        int c = 2 + 72 - 48, d = 2 + 74 - 48;
        assertArrayEquals(new int[]{b, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, c, 1, 1, 1}, two.get(1));
        assertArrayEquals(new int[]{b, 1, 1, 1, c, 1, 1, 1, d, 1, 1, 1, 1, 1, 1, 1}, two.get(2)); // B held over the bar line starts as a note
    }

    @Test
    void theCutterFindsFullBarsAcrossMeterChangesAndSkipsPickupsAndShortEndings() {
        // pickup (1/8), two bars of 2/4, a change to 3/4 for two bars, a short last bar
        Tune t = AbcReader.readTune("X:1\nT:t\nM:2/4\nL:1/8\nK:G\nB|G2 A2|B4|[M:3/4]c2 d2 e2|d6|G2|]\n");
        List<Excerpts.PlayedBar> bars = Excerpts.bars(t);
        assertEquals(6, bars.size());
        assertEquals(List.of(false, true, true, true, true, false), bars.stream().map(Excerpts.PlayedBar::full).toList());
        assertEquals(2, Excerpts.firstFullBar(bars), "after the 1/8 pickup");
        List<Excerpts.Window> two = Excerpts.windows(bars, 2, Integer.MAX_VALUE);
        assertEquals(3, two.size(), "bars 1-2, 2-3 (across the change), 3-4");
        assertEquals(List.of(Meter.parse("2/4"), Meter.parse("3/4")), two.get(1).meters());
        assertEquals(2 + 8 + 8 + 12 + 12, two.get(2).to());
        assertEquals(2, Excerpts.windows(bars, 2, 2 + 8 + 8 + 12 + 12 - 1).size(), "a window past the steps given is left out");
        assertArrayEquals(new int[]{5, 0, 5}, Excerpts.cut(new int[]{5, 1, 1, 0, 5}, 2, 5), "a window inside a held note starts it");
    }

    @Test
    void specsSaveTheSettings() {
        assertEquals("melody-grid v1 step=1/16 lowest=48 highest=84 fold=off", grid().spec());
        assertEquals(grid().range(40, 90).octaveFold(), MelodyGrid.fromSpec("melody-grid v1 step=1/16 lowest=40 highest=90 fold=on"));
        assertEquals("Melody grid spec 'melody-grid v1 step=1/8': step=1/8 is not supported (the grid is in 1/16 steps)",
                assertThrows(IllegalArgumentException.class, () -> MelodyGrid.fromSpec("melody-grid v1 step=1/8")).getMessage());
    }

    @Test
    void starterTunesOnTheGridRoundTrip() {
        report(EncodeTestSupport.starter(), grid());
    }

    @Test
    void oneillsTunesOnTheGridRoundTrip() {
        Corpus oneills = EncodeTestSupport.corpus("oneills1850");
        int ok = report(oneills, grid());
        assertTrue(ok > oneills.size() / 2, "most of O'Neill's tunes are on the 16th grid");
        report(oneills, grid().octaveFold());
    }

    /** Encodes every tune that fits the grid, checks its round trip, prints how many fit; returns that number. */
    static int report(Corpus corpus, MelodyGrid g) {
        int ok = 0, offGrid = 0, outOfRange = 0;
        List<String> failures = new ArrayList<>();
        for (Tune t : corpus) {
            int[] steps;
            try {
                steps = g.encode(t);
            } catch (EncodingException e) {
                if (e.getMessage().contains("off the 16th-note grid")) offGrid++; else outOfRange++;
                continue;
            }
            if (steps.length == 0) continue;
            ok++;
            Tune back = g.decode(steps, t.meter().isFree() ? Meter.parse("4/4") : t.meter(), t.key().isTonal() ? t.key() : Key.C_MAJOR);
            if (!g.folds() && !EncodeTestSupport.sounding(back.melody()).equals(EncodeTestSupport.sounding(t.melody())))
                failures.add(AbcTokens.describe(t) + ": the decoded melody differs");
            if (!java.util.Arrays.equals(steps, g.encode(back))) failures.add(AbcTokens.describe(t) + ": the decoded tune encodes differently");
        }
        System.out.printf("[grid] %s (%s): %d of %d tunes on the grid (%.1f%%); %d off the 16th grid, %d out of range%n",
                corpus.name(), g.folds() ? "octave fold" : "no fold", ok, corpus.size(), 100.0 * ok / corpus.size(), offGrid, outOfRange);
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())));
        return ok;
    }

    @Test
    void jsbSopranoLinesEncodeAndDecodeExactly() {
        Chorales chorales = Chorales.read(TestCorpora.folder("jsb-chorales").resolve("Jsb16thSeparated.json"));
        int n = 0, steps = 0;
        for (String split : Chorales.SPLITS) {
            for (Chorale c : chorales.split(split)) {
                int[] line = c.voice(0);
                int[] s = grid().encode(line);
                assertArrayEquals(line, grid().pitches(s), c.title());
                Tune t = grid().decode(s, Meter.parse("4/4"), Key.C_MAJOR);
                assertArrayEquals(s, grid().encode(t), c.title());
                // the soprano of the chorale's own tune sounds the same as the decoded line
                assertEquals(EncodeTestSupport.sounding(c.soprano().melody()), EncodeTestSupport.sounding(t.melody()), c.title());
                n++;
                steps += s.length;
            }
        }
        System.out.printf("[grid] JSB soprano: %d chorales, %d steps, all exact%n", n, steps);
        assertEquals(229 + 76 + 77, n);
    }
}
