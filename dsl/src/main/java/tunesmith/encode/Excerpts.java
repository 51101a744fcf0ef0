package tunesmith.encode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tunesmith.music.Bar;
import tunesmith.music.Duration;
import tunesmith.music.Element;
import tunesmith.music.InlineField;
import tunesmith.music.Meter;
import tunesmith.music.Tune;

/**
 * Where a tune's excerpts are: its performed bars (repeats unfolded) on the 16th-note grid, and the
 * windows of consecutive full bars that excerpts are cut from, sliding by one bar as MusicVAE does.
 * The one excerpt cutter: {@link MelodyGrid#excerpts} cuts a whole tune's grid steps with it, the
 * VAE its excerpts (each window on its own, so one triplet costs only the windows that hold it),
 * the latent models their openings (from the first full bar). Pickups and bars shorter than their
 * meter (an ending) start no window and no window runs over them.
 */
public final class Excerpts {

    private Excerpts() {}

    /**
     * A performed bar: its start and length in grid steps, its meter (inline {@code [M:...]}
     * changes included), whether it is a full bar of that meter on the grid, and where it ends
     * from the start of the tune; start and length are -1 for a bar off the grid.
     */
    public record PlayedBar(int start, int length, Meter meter, boolean full, Duration end) {}

    /** A window of full bars: grid steps {@code from} (inclusive) to {@code to}, the meter of each of its bars. */
    public record Window(int from, int to, List<Meter> meters) {
        public Window {
            meters = List.copyOf(meters);
        }

        public int length() { return to - from; }
    }

    /** The bars of the performed melody that have a length. */
    public static List<PlayedBar> bars(Tune tune) {
        List<PlayedBar> out = new ArrayList<>();
        Duration at = Duration.ZERO;
        Meter meter = tune.meter();
        for (Bar b : tune.unfold().melodyVoice().bars()) {
            for (Element e : b.elements()) if (e instanceof InlineField f && f.name() == 'M') meter = Meter.parse(f.value());
            Duration len = b.duration();
            if (len.isPositive()) {
                Duration s = at.dividedBy(MelodyGrid.STEP), l = len.dividedBy(MelodyGrid.STEP);
                boolean onGrid = s.denominator() == 1 && l.denominator() == 1;
                boolean full = onGrid && !meter.isFree() && len.equals(meter.barLength());
                out.add(new PlayedBar(onGrid ? (int) s.numerator() : -1, onGrid ? (int) l.numerator() : -1, meter, full, at.plus(len)));
            }
            at = at.plus(len);
        }
        return out;
    }

    /**
     * Every window of {@code bars} consecutive full bars that ends within {@code steps} grid steps,
     * from the start of the tune.
     */
    public static List<Window> windows(List<PlayedBar> played, int bars, int steps) {
        if (bars < 1) throw new IllegalArgumentException("an excerpt of " + bars + " bars: an excerpt needs at least one bar");
        List<Window> out = new ArrayList<>();
        for (int i = 0; i + bars <= played.size(); i++) {
            List<Meter> meters = new ArrayList<>();
            for (int k = i; k < i + bars && played.get(k).full(); k++) meters.add(played.get(k).meter());
            if (meters.size() < bars) continue;
            PlayedBar last = played.get(i + bars - 1);
            int to = last.start() + last.length();
            if (to <= steps) out.add(new Window(played.get(i).start(), to, meters));
        }
        return out;
    }

    /** The grid step where the first full bar starts (after a pickup); 0 when no bar is full. */
    public static int firstFullBar(List<PlayedBar> played) {
        for (PlayedBar b : played) if (b.full()) return b.start();
        return 0;
    }

    /**
     * Grid steps {@code from} to {@code to} as an excerpt: one that starts inside a held note
     * starts that note (a note-on, not a hold), so that every excerpt is a melody by itself.
     */
    public static int[] cut(int[] steps, int from, int to) {
        int[] w = Arrays.copyOfRange(steps, from, to);
        if (w.length > 0 && w[0] == MelodyGrid.HOLD) {
            int t = from;
            while (t > 0 && steps[t] == MelodyGrid.HOLD) t--;
            w[0] = steps[t];
        }
        return w;
    }

    /** Whether some step sounds (is not a rest). */
    public static boolean sounds(int[] steps) {
        for (int c : steps) if (c != MelodyGrid.REST) return true;
        return false;
    }
}
