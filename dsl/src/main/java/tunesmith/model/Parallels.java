package tunesmith.model;

import java.util.List;

/**
 * Parallel fifths and octaves, the voice-leading error every harmony student is taught to avoid:
 * two voices a perfect fifth (or an octave or unison) apart that move in the same direction to
 * the same interval again. Counted between successive chords (steps where all four voices sound
 * and some voice changes), for one voice against each of the others.
 */
final class Parallels {

    private Parallels() {}

    /** Parallels involving {@code voice} per 100 chord changes, over all the pieces ({@code steps[t][4]} MIDI, -1 silence). */
    static double per100(List<int[][]> pieces, int voice) {
        long parallels = 0, changes = 0;
        for (int[][] steps : pieces) {
            int[] prev = null;
            for (int[] now : steps) {
                if (!allSound(now)) { prev = null; continue; }
                if (prev != null && !java.util.Arrays.equals(prev, now)) {
                    changes++;
                    for (int other = 0; other < now.length; other++)
                        if (other != voice && parallel(prev[voice], prev[other], now[voice], now[other])) parallels++;
                }
                prev = now;
            }
        }
        return changes == 0 ? 0 : 100.0 * parallels / changes;
    }

    /** Both voices move, in the same direction, from a perfect fifth or octave (or unison) to the same again. */
    static boolean parallel(int a0, int b0, int a1, int b1) {
        if (a0 == a1 || b0 == b1) return false;
        if (Integer.signum(a1 - a0) != Integer.signum(b1 - b0)) return false;
        int i0 = Math.abs(a0 - b0) % 12, i1 = Math.abs(a1 - b1) % 12; // compound intervals count as their simple ones
        return i0 == i1 && (i0 == 0 || i0 == 7);
    }

    private static boolean allSound(int[] s) {
        for (int p : s) if (p < 0) return false;
        return true;
    }
}
