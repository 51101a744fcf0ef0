package tunesmith.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import tunesmith.music.Pitch;

/**
 * A vertical axis of MIDI numbers labelled with pitch names. NumberAxis can only tick at equal
 * steps, which for pitch means every semitone (too crowded for a melody's two octaves at 400 px)
 * or every octave (two labels); this one names every semitone when the rows are tall enough,
 * else C, E and G (a chord a reader finds by eye), else only the Cs. C4 is middle C.
 */
final class PitchAxis extends NumberAxis {

    private static final int[] EVERY = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    private static final int[] TRIAD = {0, 4, 7};
    private static final int[] OCTAVE = {0};

    PitchAxis(String label) {
        super(label);
    }

    /** "C4" for 60; "" outside MIDI's 0..127. */
    static String name(int midi) {
        return midi < 0 || midi > 127 ? "" : Pitch.fromMidi(midi, false).name();
    }

    @Override
    protected List refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        double lo = getLowerBound(), hi = getUpperBound();
        double rowPixels = dataArea.getHeight() / Math.max(hi - lo, 1e-9);
        double labelPixels = getTickLabelFont().getSize2D() * 1.25; // line height with a little air
        int[] shown = rowPixels >= labelPixels ? EVERY : 3 * rowPixels >= labelPixels ? TRIAD : OCTAVE;
        TextAnchor anchor = edge == RectangleEdge.RIGHT ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT;
        List<NumberTick> ticks = new ArrayList<>();
        for (int m = (int) Math.ceil(lo); m <= Math.floor(hi); m++) {
            int pc = Math.floorMod(m, 12);
            for (int s : shown) if (s == pc) { ticks.add(new NumberTick(m, name(m), anchor, TextAnchor.CENTER, 0.0)); break; }
        }
        return ticks;
    }
}
