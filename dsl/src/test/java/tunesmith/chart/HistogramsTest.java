package tunesmith.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tunesmith.notation.AbcReader;
import tunesmith.corpus.Corpus;
import tunesmith.music.Tune;

class HistogramsTest {

    static Tune tune(String body) { return AbcReader.readTune("X:1\nT:t\nM:4/4\nL:1/4\nK:C\n" + body + "\n"); }

    static final Tune CDEC = tune("C D E C|");

    static double sum(double[] v) {
        double s = 0;
        for (double d : v) s += d;
        return s;
    }

    @Test
    void pitchClassCountsEveryMelodyNoteOnce() {
        Histogram h = Histograms.pitchClass(List.of(CDEC));
        assertEquals(Histograms.PITCH_CLASSES, h.bins());
        assertArrayEquals(new double[]{0.5, 0, 0.25, 0, 0.25, 0, 0, 0, 0, 0, 0, 0}, h.values(), 1e-12);
        assertEquals(4, h.count());
        assertEquals(1.0, sum(h.values()), 1e-12);
        assertEquals(0.5, h.value("C"));
        assertEquals("Histogram of pitch class (4 notes): C 0.500, D 0.250, E 0.250", h.toString());
    }

    @Test
    void pitchClassIgnoresOctaveAndSpellsWithSharps() {
        Histogram h = Histograms.pitchClass(List.of(tune("c ^F _G C,|")));
        assertEquals(0.5, h.value("C"));
        assertEquals(0.5, h.value("F#")); // ^F and _G are the same pitch class
    }

    @Test
    void repeatsAreUnfoldedAndTiesMerged() {
        // |: C D :| played twice; E2-E2 is one note of 4 quarters
        Histogram d = Histograms.duration(List.of(tune("|:C D:|E2-E2|")));
        assertEquals(5, d.count());
        assertEquals(0.8, d.value("1"), 1e-12);
        assertEquals(0.2, d.value("4"), 1e-12);
    }

    @Test
    void intervalsWithinEachTuneOnly() {
        Histogram h = Histograms.interval(List.of(CDEC, tune("G A|")));
        // C->D +2, D->E +2, E->C -4; G->A +2; never C (end of one tune) -> G (start of the next)
        assertEquals(4, h.count());
        assertEquals(0.75, h.value("+2"), 1e-12);
        assertEquals(0.25, h.value("-4"), 1e-12);
        assertEquals(1.0, sum(h.values()), 1e-12);
        assertEquals(25, h.bins().size());
        assertEquals("-12", h.bins().get(0));
        assertEquals("0", h.bins().get(12));
        assertEquals("+12", h.bins().get(24));
    }

    @Test
    void intervalsBeyondAnOctaveAreClipped() {
        Histogram h = Histograms.interval(List.of(tune("C, c' C,|"))); // +36 then -36
        assertEquals(0.5, h.value("+12"));
        assertEquals(0.5, h.value("-12"));
    }

    @Test
    void durationBinsInQuarters() {
        // L:1/4: C/2 = 1/2 quarter, C/4 = 1/4, C3/4 = 3/4 (dotted eighth), (3CCC = triplet eighths 1/3, C2 = 2, C5 = other
        Histogram h = Histograms.duration(List.of(tune("C/2 C/4 C3/4 (3C/2C/2C/2 C2 C5|")));
        assertEquals(List.of("1/4", "1/3", "1/2", "3/4", "1", "3/2", "2", "3", "4", "other"), h.bins());
        assertEquals(8, h.count());
        assertEquals(1 / 8.0, h.value("1/2"), 1e-12);
        assertEquals(1 / 8.0, h.value("1/4"), 1e-12);
        assertEquals(1 / 8.0, h.value("3/4"), 1e-12);
        assertEquals(3 / 8.0, h.value("1/3"), 1e-12);
        assertEquals(1 / 8.0, h.value("2"), 1e-12);
        assertEquals(1 / 8.0, h.value("other"), 1e-12);
        assertEquals(1.0, sum(h.values()), 1e-12);
    }

    @Test
    void acceptsACorpus() {
        Corpus c = Corpus.of("two", List.of(CDEC, CDEC));
        assertEquals(Histograms.pitchClass(List.of(CDEC)).asMap(), Histograms.pitchClass(c).asMap());
        assertEquals(8, Histograms.pitchClass(c).count());
    }

    @Test
    void emptyTunesGiveAnEmptyHistogramThatCannotBeCompared() {
        Histogram empty = Histograms.pitchClass(List.of());
        assertTrue(empty.isEmpty());
        assertEquals(0.0, sum(empty.values()));
        var e = assertThrows(IllegalArgumentException.class, () -> Histograms.totalVariation(empty, Histograms.pitchClass(List.of(CDEC))));
        assertTrue(e.getMessage().contains("counted nothing"), e.getMessage());
    }

    @Test
    void totalVariationOfIdenticalIsZeroAndOfDisjointIsOne() {
        Histogram a = Histograms.pitchClass(List.of(CDEC));
        assertEquals(0.0, Histograms.totalVariation(a, Histograms.pitchClass(List.of(CDEC))));
        Histogram b = Histograms.pitchClass(List.of(tune("F G A B|")));
        assertEquals(1.0, Histograms.totalVariation(a, b), 1e-12);
        assertEquals(Histograms.totalVariation(b, a), Histograms.totalVariation(a, b));
        // half-overlapping: {C:.5, D:.25, E:.25} vs {C:1} -> 0.5
        assertEquals(0.5, Histograms.totalVariation(a, Histograms.pitchClass(List.of(tune("C C|")))), 1e-12);
    }

    @Test
    void klDivergence() {
        Histogram a = Histograms.pitchClass(List.of(CDEC));
        assertEquals(0.0, Histograms.klDivergence(a, a, 1e-6), 1e-12);
        double[] p = {0.5, 0.5}, q = {0.25, 0.75};
        double exact = 0.5 * Math.log(0.5 / 0.25) + 0.5 * Math.log(0.5 / 0.75);
        assertEquals(exact, Histograms.klDivergence(p, q, 0), 1e-12);
        assertEquals(exact, Histograms.klDivergence(p, q, 1e-9), 1e-6);
        assertEquals(Double.POSITIVE_INFINITY, Histograms.klDivergence(new double[]{1, 0}, new double[]{0, 1}, 0));
        double smoothed = Histograms.klDivergence(new double[]{1, 0}, new double[]{0, 1}, 1e-6);
        assertTrue(Double.isFinite(smoothed) && smoothed > 10, "smoothed KL of disjoint " + smoothed);
        assertEquals(Math.log(2), Histograms.klDivergence(new double[]{0, 1}, new double[]{0.5, 0.5}, 0), 1e-12);
    }

    @Test
    void distancesRefuseMismatchedInputs() {
        Histogram pc = Histograms.pitchClass(List.of(CDEC));
        Histogram iv = Histograms.interval(List.of(CDEC));
        var e = assertThrows(IllegalArgumentException.class, () -> Histograms.totalVariation(pc, iv));
        assertTrue(e.getMessage().contains("bins differ"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Histograms.totalVariation(new double[]{1, 1}, new double[]{0.5, 0.5}));
        assertTrue(e.getMessage().contains("sums to 2.0, not 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Histograms.totalVariation(new double[]{1}, new double[]{0.5, 0.5}));
        e = assertThrows(IllegalArgumentException.class, () -> Histograms.klDivergence(pc, pc, -1));
        assertTrue(e.getMessage().contains("epsilon"), e.getMessage());
    }

    @Test
    void valuesAreACopy() {
        Histogram h = Histograms.pitchClass(List.of(CDEC));
        h.values()[0] = 42;
        assertEquals(0.5, h.value("C"));
    }
}
