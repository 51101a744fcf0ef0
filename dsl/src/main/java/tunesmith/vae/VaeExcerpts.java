package tunesmith.vae;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import tunesmith.encode.Excerpts;
import tunesmith.encode.MelodyGrid;
import tunesmith.music.Duration;
import tunesmith.music.Meter;
import tunesmith.music.NoteEvent;
import tunesmith.music.Tune;

/**
 * The VAE's excerpts of a tune: its performed melody (repeats unfolded) cut into excerpts of
 * {@code bars} consecutive full bars, sliding by one bar as MusicVAE does, in the windows
 * {@link Excerpts} finds. Unlike {@link MelodyGrid#excerpts}, which refuses a tune with a single triplet, only the windows that hold something off the grid are left out, so a reel
 * with one triplet still gives its other bars. Every window left out is counted with its reason:
 * never silently. An excerpt whose notes lie outside the grid's range is moved by whole octaves
 * into it when its span fits (counted as moved); a window that starts inside a held note starts
 * that note there. Identical excerpts of one tune (a repeated part played again) are kept once.
 */
final class VaeExcerpts {

    static final String OFF_GRID = "off the 16th-note grid (triplets or other tuplets)";
    static final String TOO_WIDE = "pitch span wider than the grid's range";
    static final String ONLY_RESTS = "only rests";
    static final String METER = "meter not among " + Meters.names();
    static final String MIXED = "meter changes inside the window";
    static final String MOVED = "moved by octaves into the range (kept)";
    static final String UNREADABLE = "melody cannot be performed (unfolding failed)";

    private VaeExcerpts() {}

    /** The excerpts of one tune and the count of windows left out (or moved), by reason. */
    record Result(List<Excerpt> excerpts, Map<String, Integer> counts) {
        Result {
            excerpts = List.copyOf(excerpts);
            counts = Map.copyOf(counts);
        }
    }

    static Result cut(Tune tune, int bars, MelodyGrid grid) { return cut(tune, bars, grid, Integer.MAX_VALUE); }

    /** At most {@code limit} excerpts, from the start of the tune. */
    static Result cut(Tune tune, int bars, MelodyGrid grid, int limit) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<NoteEvent> events;
        List<Excerpts.PlayedBar> played;
        try {
            events = tune.melody();
            played = Excerpts.bars(tune);
        } catch (RuntimeException e) {
            counts.put(UNREADABLE, 1);
            return new Result(List.of(), counts);
        }
        Duration total = played.isEmpty() ? Duration.ZERO : played.get(played.size() - 1).end();
        for (NoteEvent e : events) if (e.onset().plus(e.duration()).isLongerThan(total)) total = e.onset().plus(e.duration());
        int n = (int) Math.ceil(total.dividedBy(MelodyGrid.STEP).toDouble() - 1e-9);
        int[] midi = new int[n];
        boolean[] onset = new boolean[n], bad = new boolean[n];
        Arrays.fill(midi, -1);
        for (NoteEvent e : events) {
            Duration s = e.onset().dividedBy(MelodyGrid.STEP), l = e.duration().dividedBy(MelodyGrid.STEP);
            if (s.denominator() != 1 || l.denominator() != 1) {
                int from = (int) Math.floor(s.toDouble()), to = (int) Math.ceil(s.plus(l).toDouble() - 1e-9);
                for (int t = Math.max(0, from); t < Math.min(n, Math.max(to, from + 1)); t++) bad[t] = true;
                continue;
            }
            int from = (int) s.numerator();
            for (int t = from; t < from + l.numerator() && t < n; t++) { midi[t] = e.midi(); onset[t] = t == from; }
        }
        LinkedHashSet<Excerpt> out = new LinkedHashSet<>();
        for (Excerpts.Window w : Excerpts.windows(played, bars, n)) {
            if (out.size() >= limit) break;
            int cls = Meters.classOf(w.meters().get(0));
            boolean mixed = false, noClass = false;
            for (Meter m : w.meters()) {
                int c = Meters.classOf(m);
                if (c == -1) noClass = true;
                else if (c != cls) mixed = true;
            }
            if (noClass) { counts.merge(METER, 1, Integer::sum); continue; }
            if (mixed) { counts.merge(MIXED, 1, Integer::sum); continue; }
            Excerpt s = window(midi, onset, bad, w.from(), w.to(), cls, grid, counts);
            if (s != null) out.add(s);
        }
        return new Result(new ArrayList<>(out), counts);
    }

    private static Excerpt window(int[] midi, boolean[] onset, boolean[] bad, int from, int to, int cls, MelodyGrid grid, Map<String, Integer> counts) {
        int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
        for (int t = from; t < to; t++) {
            if (bad[t]) { counts.merge(OFF_GRID, 1, Integer::sum); return null; }
            if (midi[t] >= 0) { lo = Math.min(lo, midi[t]); hi = Math.max(hi, midi[t]); }
        }
        if (lo == Integer.MAX_VALUE) { counts.merge(ONLY_RESTS, 1, Integer::sum); return null; }
        if (hi - lo > grid.highest() - grid.lowest()) { counts.merge(TOO_WIDE, 1, Integer::sum); return null; }
        int shift = 0;
        while (lo + shift < grid.lowest()) shift += 12;
        while (hi + shift > grid.highest()) shift -= 12;
        if (lo + shift < grid.lowest()) { counts.merge(TOO_WIDE, 1, Integer::sum); return null; } // fits the span, not by octaves
        if (shift != 0) counts.merge(MOVED, 1, Integer::sum);
        int[] steps = new int[to - from];
        for (int t = from; t < to; t++) {
            int p = midi[t];
            steps[t - from] = p < 0 ? MelodyGrid.REST : onset[t] || t == from || midi[t - 1] != p ? MelodyGrid.FIRST_NOTE + p + shift - grid.lowest() : MelodyGrid.HOLD;
        }
        return new Excerpt(cls, steps);
    }
}
