package tunesmith.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import tunesmith.notation.AbcReader;
import tunesmith.music.Tune;

/** Bar identity and the longest copied run. */
class CopyIndexTest {

    static Tune tune(String header, String body) {
        return AbcReader.readTune("X:1\nT:t\nM:4/4\n" + header + "\n" + body + "\n");
    }

    static String firstBar(String header, String body) { return CopyIndex.barKey(tune(header, body).bars().get(0)); }

    @Test
    void barKeyIsPitchAndLength() {
        assertEquals("67:1/8 69:1/8 71:1/4 z:1/4 74:1/4", firstBar("L:1/8\nK:G", "GA B2 z2 d2|"));
        // the same bar written with another unit length, spelling, grace notes, decorations, a chord symbol and a slur
        assertEquals(firstBar("L:1/8\nK:G", "GA B2 z2 d2|"), firstBar("L:1/16\nK:C", "\"G\"G2A2 {c}(~B4) x4 [Gd]4|"));
        assertEquals("66:1/4", firstBar("L:1/4\nK:C", "^F|"));
        assertEquals(firstBar("L:1/4\nK:C", "^F|"), firstBar("L:1/4\nK:C", "_G|"));
        assertEquals("60:1/12 62:1/12 64:1/12", firstBar("L:1/8\nK:C", "(3CDE|"), "tuplets as performed");
        assertEquals(firstBar("L:1/8\nK:C", "C2-|C2|"), firstBar("L:1/8\nK:C", "C2|C2|"), "ties do not matter");
        assertNotEquals(firstBar("L:1/8\nK:C", "CD|"), firstBar("L:1/8\nK:C", "DC|"));
        assertNotEquals(firstBar("L:1/8\nK:C", "C3D|"), firstBar("L:1/8\nK:C", "C>D|"), "rhythm matters");
    }

    @Test
    void longestRunIsFoundAndTranspositionIsNoCopy() {
        Tune a = tune("L:1/8\nK:D", "|:DEFG ABcd|e2d2 c2B2|A2F2 D4|FGAB cdef|g8:|");
        Tune b = tune("L:1/8\nK:D", "C8|D8|E8|F8|");
        CopyIndex index = CopyIndex.of(List.of(b, a));
        assertEquals(2, index.tunes());
        assertEquals(9, index.bars());
        Tune sample = tune("L:1/8\nK:D", "D8|E8|e2d2 c2B2|A2F2 D4|FGAB cdef|z8|");
        CopyIndex.Copy c = index.longestCopy(sample);
        assertEquals(new CopyIndex.Copy(3, 3, 1, "t", 2), c);
        assertEquals(new CopyIndex.Copy(2, 1, 0, "t", 2), index.longestCopy(tune("L:1/8\nK:D", "D8|E8|G8|")));
        assertEquals(CopyIndex.Copy.NONE, index.longestCopy(a.transpose(2)));
        assertEquals(5, index.longestCopy(a).bars());
    }
}
