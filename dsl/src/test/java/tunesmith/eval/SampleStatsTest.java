package tunesmith.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import tunesmith.notation.AbcReader;
import tunesmith.chart.Chart;
import tunesmith.corpus.Corpus;
import tunesmith.music.Tune;
import tunesmith.sample.Sample;

/** Sample statistics on hand-made samples, where every figure can be worked out by hand. */
class SampleStatsTest {

    static final double EXACT = 1e-12;

    // 8 bars: A part bars 1-4, B part bars 5-8
    static final Tune TRAIN = tune("Train", """
            |:GABc dedB|cBAG FGAB|GABc dedB|cBAG G4:|
            |:d2gf edcB|A2BA GABc|d2gf edcB|ABAF G4:|""");

    static final Corpus CORPUS = Corpus.of("train", List.of(TRAIN));

    // bar 1 new, bars 2-5 = training bars 5-8: copies 4 bars
    static final Tune COPIES_FOUR = tune("four", "E2E2 F2F2|d2gf edcB|A2BA GABc|d2gf edcB|ABAF G4|]");
    // bar 1 new, bars 2-4 = training bars 5-7, then a new bar: copies 3
    static final Tune COPIES_THREE = tune("three", "E2E2 F2F2|d2gf edcB|A2BA GABc|d2gf edcB|C8|]");
    // bar 2 is 7/8 in 4/4 and not a pickup or a repeat-end bar; bars 3-4 = training bars 3-4
    static final Tune BAD_BAR = tune("bad bar", "GABc dedB|cBA G4|GABc dedB|cBAG G4|]");

    static Tune tune(String title, String body) {
        return AbcReader.readTune("X:1\nT:" + title + "\nM:4/4\nL:1/8\nK:G\n" + body + "\n");
    }

    static Sample valid(int index, Tune t) { return Sample.valid(index, "", t, 0); }

    static List<Sample> handMade() {
        return List.of(valid(1, COPIES_FOUR), valid(2, COPIES_THREE), valid(3, BAD_BAR),
                Sample.invalid(4, "M:4/4 K:Gmaj | G A (3", "no end of tune within 600 tokens (raise maxLength)", 9));
    }

    @Test
    void exactFractions() {
        SampleStats s = SampleStats.of(handMade(), CORPUS);
        assertEquals(4, s.count());
        assertEquals(3, s.validCount());
        assertEquals(0.75, s.validFraction(), EXACT);
        assertEquals(2, s.barsFitCount());
        assertEquals(2 / 4.0, s.barsFitFraction(), EXACT);
        assertEquals(2 / 3.0, s.barsFitFractionOfValid(), EXACT);
        assertEquals(1.0, s.corpusBarsFitFraction(), EXACT);
        assertEquals(1, s.copiedCount());
        assertEquals(1 / 3.0, s.copyFraction(), EXACT);
        assertEquals((4 + 3 + 2) / 3.0, s.meanLongestCopy(), EXACT);
        assertEquals((5 + 5 + 4) / 3.0, s.meanBars(), EXACT);
        assertEquals(8, s.corpusMeanBars(), EXACT);
        // notes as performed: the training tune's repeats are played twice
        assertEquals(2 * (8 + 8 + 8 + 5) + 2 * (7 + 7 + 7 + 5), s.corpusMeanNotes(), EXACT);
        assertEquals((4 + 7 + 7 + 7 + 5 + 4 + 7 + 7 + 7 + 1 + 8 + 4 + 8 + 5) / 3.0, s.meanNotes(), EXACT);
    }

    @Test
    void copyingFourBarsIsFlaggedAndThreeIsNot() {
        SampleStats s = SampleStats.of(handMade(), CORPUS);
        SampleStats.Row four = s.rows().get(0), three = s.rows().get(1);
        assertEquals(new CopyIndex.Copy(4, 2, 0, "Train", 5), four.copy());
        assertTrue(four.copy().atLeast(s.copyWindow()));
        assertEquals(3, three.longestCopy());
        assertFalse(three.copy().atLeast(s.copyWindow()));
        assertEquals(2, s.rows().get(2).longestCopy());
        assertEquals(0, s.rows().get(3).longestCopy(), "an invalid sample copies nothing");
        assertEquals("4 bars: sample bars 2-5 = bars 5-8 of 'Train' (training tune 1)", four.copy().toString());
        assertEquals(four, s.longestCopy().orElseThrow());
        // a smaller window flags the 3-bar copy too
        assertEquals(2, SampleStats.of(handMade(), CORPUS, 3).copiedCount());
    }

    @Test
    void aBarOfTheWrongLengthFailsBarFit() {
        SampleStats.Row bad = SampleStats.of(handMade(), CORPUS).rows().get(2);
        assertTrue(bad.valid());
        assertFalse(bad.barsFit());
        assertEquals(List.of("voice 1 bar 2: 7/8 in 4/4 (expected 1)"), bad.barProblems());
    }

    @Test
    void identicalSetsAreAtDistanceZero() {
        Tune other = tune("Other", "|:FGAB cdef|g2f2 e2d2|c2B2 A2G2|F2A2 d4:|");
        Corpus corpus = Corpus.of("two", List.of(TRAIN, other));
        SampleStats s = SampleStats.of(List.of(valid(1, TRAIN), valid(2, other)), corpus);
        for (SampleStats.Distance d : List.of(s.pitchClass(), s.interval(), s.duration())) {
            assertEquals(0, d.totalVariation(), EXACT, d.toString());
            assertEquals(0, d.klDivergence(), EXACT, d.toString());
        }
        assertEquals(1.0, s.copyFraction(), EXACT, "a training tune copies itself");
        assertEquals(8, s.rows().get(0).longestCopy());
        assertEquals(s.corpusMeanNotes(), s.meanNotes(), EXACT);
    }

    @Test
    void differentSetsAreApart() {
        Tune blackKeys = tune("Black keys", "^C8|^D8|^G8|^A8|]"); // no pitch class of TRAIN (G major)
        SampleStats s = SampleStats.of(List.of(valid(1, blackKeys)), CORPUS);
        assertEquals(1.0, s.pitchClass().totalVariation(), 1e-9, s.pitchClass().toString());
        assertTrue(s.pitchClass().klDivergence() > 5);
        assertTrue(Double.isFinite(s.pitchClass().klDivergence()), "epsilon keeps KL finite where the samples miss a bin");
    }

    @Test
    void nothingValidGivesNaNNotZero() {
        SampleStats s = SampleStats.of(List.of(Sample.invalid(1, "x", "not ABC", 1)), CORPUS);
        assertEquals(0.0, s.validFraction());
        assertEquals(0.0, s.barsFitFraction());
        assertTrue(Double.isNaN(s.barsFitFractionOfValid()));
        assertTrue(Double.isNaN(s.copyFraction()));
        assertTrue(Double.isNaN(s.pitchClass().totalVariation()));
        assertTrue(Double.isNaN(s.meanBars()));
        assertTrue(s.toString().contains("n/a"), s.toString());
        assertEquals(3, s.charts().size(), "charts still draw: the samples' bars are empty");
    }

    @Test
    void tablesHaveTheDocumentedColumns() {
        SampleStats s = SampleStats.of(handMade(), CORPUS);
        Table rows = s.samples();
        assertEquals(List.of("index", "valid", "reason", "bars", "bars_fit", "notes", "longest_copy", "copied_from",
                "abc2midi_passes", "abc2midi_errors", "abc2midi_bad_bars", "abc2midi_failure"), rows.columnNames());
        assertEquals(4, rows.rowCount());
        assertEquals(4, rows.intColumn("longest_copy").getInt(0));
        assertEquals("Train", rows.stringColumn("copied_from").get(0));
        assertEquals(false, rows.booleanColumn("bars_fit").get(2));
        assertTrue(rows.intColumn("bars").isMissing(3), "an invalid sample has no bars");
        assertTrue(rows.stringColumn("reason").get(3).startsWith("no end of tune"));

        Table t = s.table();
        assertEquals(List.of("metric", "value"), t.columnNames());
        assertEquals(List.of("samples", "valid_fraction", "abc2midi_strict_fraction", "abc2midi_two_bad_bars_fraction", "bars_fit_fraction", "bars_fit_fraction_of_valid", "corpus_bars_fit_fraction", "pitch_class_tv",
                "pitch_class_kl", "interval_tv", "interval_kl", "duration_tv", "duration_kl", "mean_bars", "corpus_mean_bars",
                "mean_notes", "corpus_mean_notes", "copy_window", "copy_fraction", "mean_longest_copy", "max_longest_copy"),
                t.stringColumn("metric").asList());
        assertEquals(0.75, t.doubleColumn("value").get(1), EXACT);
        assertEquals(4.0, t.doubleColumn("value").get(20), EXACT);
        assertTrue(t.doubleColumn("value").isMissing(2), "abc2midi did not check these samples: no share, not 0");
    }

    @Test
    void chartsCompareCorpusAndSamples() {
        List<Chart> charts = SampleStats.of(handMade(), CORPUS).charts();
        assertEquals(List.of("Pitch classes", "Melodic intervals", "Note lengths"), charts.stream().map(Chart::title).toList());
        for (Chart c : charts) assertEquals(2, c.seriesCount());
        assertTrue(charts.get(0).png().length > 1000);
    }

    @Test
    void toStringSummarises() {
        String s = SampleStats.of(handMade(), CORPUS).toString();
        assertTrue(s.startsWith("SampleStats of 4 samples against train (1 tunes)"), s);
        assertTrue(s.contains("valid:     3 of 4 (75%); every bar fits: 2 (50% of all, 67% of valid; 100% of train)"), s);
        assertTrue(s.contains("copying:   1 of 3 valid (33%) copy 4+ bars; longest in sample 1, 4 bars"), s);
    }

    @Test
    void clearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SampleStats.of(List.of(), CORPUS));
        assertTrue(e.getMessage().contains("model.sample().count(100)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SampleStats.of(handMade(), Corpus.of("none", List.of())));
        assertTrue(e.getMessage().contains("'none' has no tunes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SampleStats.of(handMade(), CORPUS, 0));
        assertTrue(e.getMessage().startsWith("copyWindow(0)"), e.getMessage());
    }
}
