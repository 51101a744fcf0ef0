package tunesmith.counterpoint;

import java.util.Arrays;
import java.util.List;

/**
 * The voice-leading figures a harmony teacher marks, counted on four-voice settings on the 16th
 * grid ({@code steps[t] = {S, A, T, B}} as MIDI numbers, -1 silence). A <em>chord</em> is a run of
 * steps where all four voices sound the same pitches; counts are per 100 chords, so settings of
 * different lengths and Bach's own chorales compare.
 *
 * <ul>
 * <li>parallels: two voices a perfect fifth or octave (or unison) apart both move, in the same
 *     direction, to the same interval again (compound intervals as simple ones), any pair of voices;
 * <li>hidden octaves and fifths: soprano and bass move in the same direction into a perfect fifth or
 *     octave they were not in, the soprano by leap (more than a whole tone);
 * <li>crossings: a voice above the voice written above it (A over S, T over A, B over T), per chord;
 * <li>overlaps: a voice moves past where its neighbour just was (A above the soprano's previous
 *     pitch, S below the alto's previous pitch, and so on for each adjacent pair);
 * <li>complete chords: the pitch classes are exactly a major, minor, diminished or augmented triad,
 *     or a dominant, major, minor, half-diminished or diminished seventh chord.
 * </ul>
 */
public final class VoiceLeading {

    /** Figures over a set of settings; counts per 100 chords, ranges and holds per voice (S, A, T, B). */
    public record Figures(long chords, double parallels, double hiddenOctaves, double crossings, double overlaps, double complete,
                          int[] lowest, int[] highest, int[] longestHold) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%d chords: parallels %.2f, hidden octaves/fifths %.2f, crossings %.2f, overlaps %.2f per 100; complete %.1f%%",
                    chords, parallels, hiddenOctaves, crossings, overlaps, complete);
        }
    }

    private static final int[][] TRIADS = {{0, 4, 7}, {0, 3, 7}, {0, 3, 6}, {0, 4, 8}};
    private static final int[][] SEVENTHS = {{0, 4, 7, 10}, {0, 4, 7, 11}, {0, 3, 7, 10}, {0, 3, 6, 10}, {0, 3, 6, 9}};

    private VoiceLeading() {}

    public static Figures of(List<int[][]> settings) {
        long chords = 0, parallels = 0, hidden = 0, crossings = 0, overlaps = 0, complete = 0;
        int[] lo = new int[4], hi = new int[4], hold = new int[4];
        Arrays.fill(lo, Integer.MAX_VALUE);
        Arrays.fill(hi, Integer.MIN_VALUE);
        for (int[][] steps : settings) {
            int[] prev = null;
            int[] run = new int[4];
            for (int t = 0; t < steps.length; t++) {
                int[] now = steps[t];
                for (int v = 0; v < 4; v++) {
                    int p = now[v];
                    if (p >= 0) { lo[v] = Math.min(lo[v], p); hi[v] = Math.max(hi[v], p); }
                    run[v] = p >= 0 && t > 0 && steps[t - 1][v] == p ? run[v] + 1 : p >= 0 ? 1 : 0;
                    hold[v] = Math.max(hold[v], run[v]);
                }
                if (!allSound(now)) { prev = null; continue; }
                if (prev != null && Arrays.equals(prev, now)) continue;
                chords++;
                for (int v = 0; v < 3; v++) if (now[v + 1] > now[v]) crossings++;
                if (completeChord(now)) complete++;
                if (prev != null) {
                    for (int a = 0; a < 4; a++)
                        for (int b = a + 1; b < 4; b++) if (parallel(prev[a], prev[b], now[a], now[b])) parallels++;
                    if (hidden(prev[0], prev[3], now[0], now[3])) hidden++;
                    for (int v = 0; v < 3; v++) {
                        if (now[v + 1] != prev[v + 1] && now[v + 1] > prev[v]) overlaps++;
                        if (now[v] != prev[v] && now[v] < prev[v + 1]) overlaps++;
                    }
                }
                prev = now;
            }
        }
        double per100 = chords == 0 ? 0 : 100.0 / chords;
        for (int v = 0; v < 4; v++) if (lo[v] > hi[v]) { lo[v] = -1; hi[v] = -1; }
        return new Figures(chords, parallels * per100, hidden * per100, crossings * per100, overlaps * per100, complete * per100, lo, hi, hold);
    }

    /** Both voices move, in the same direction, from a perfect fifth or octave (or unison) to the same again. */
    static boolean parallel(int a0, int b0, int a1, int b1) {
        if (a0 == a1 || b0 == b1) return false;
        if (Integer.signum(a1 - a0) != Integer.signum(b1 - b0)) return false;
        int i0 = Math.abs(a0 - b0) % 12, i1 = Math.abs(a1 - b1) % 12;
        return i0 == i1 && (i0 == 0 || i0 == 7);
    }

    /** Outer voices in similar motion into a perfect fifth or octave, the soprano leaping; parallels are counted apart. */
    static boolean hidden(int s0, int b0, int s1, int b1) {
        if (s0 == s1 || b0 == b1 || Integer.signum(s1 - s0) != Integer.signum(b1 - b0)) return false;
        int i0 = Math.abs(s0 - b0) % 12, i1 = Math.abs(s1 - b1) % 12;
        return (i1 == 0 || i1 == 7) && i0 != i1 && Math.abs(s1 - s0) > 2;
    }

    static boolean completeChord(int[] pitches) {
        boolean[] pcs = new boolean[12];
        for (int p : pitches) pcs[Math.floorMod(p, 12)] = true;
        int n = 0;
        for (boolean b : pcs) if (b) n++;
        for (int root = 0; root < 12; root++) {
            if (pcs[root] && n == 3) for (int[] shape : TRIADS) if (matches(pcs, root, shape)) return true;
            if (pcs[root] && n == 4) for (int[] shape : SEVENTHS) if (matches(pcs, root, shape)) return true;
        }
        return false;
    }

    private static boolean matches(boolean[] pcs, int root, int[] shape) {
        for (int i : shape) if (!pcs[(root + i) % 12]) return false;
        return true;
    }

    private static boolean allSound(int[] s) {
        for (int p : s) if (p < 0) return false;
        return true;
    }
}
