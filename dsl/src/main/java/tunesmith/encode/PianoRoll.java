package tunesmith.encode;

import java.util.ArrayList;
import java.util.List;

/**
 * Polyphony as a piano roll: one row per time step, one column per piano key (MIDI
 * {@value #LOWEST}..{@value #HIGHEST}, 88 keys), true where the key sounds. The usual input of
 * polyphonic models on the JSB chorales (Boulanger-Lewandowski et al. 2012). Like that dataset it
 * does not tell a held note from a repeated one.
 */
public final class PianoRoll {

    /** MIDI number of the lowest piano key, A0. */
    public static final int LOWEST = 21;
    /** MIDI number of the highest piano key, C8. */
    public static final int HIGHEST = 108;
    /** Columns of a roll: the 88 keys. */
    public static final int KEYS = HIGHEST - LOWEST + 1;

    private PianoRoll() {}

    /**
     * The roll of time steps, each the MIDI pitches sounding (any order; an empty step is silence).
     *
     * @throws EncodingException naming the step and pitch when a pitch is not a piano key
     */
    public static boolean[][] encode(List<int[]> steps) {
        boolean[][] roll = new boolean[steps.size()][KEYS];
        for (int t = 0; t < steps.size(); t++) {
            int[] step = steps.get(t);
            if (step == null) throw new EncodingException("step " + t + " is null (expected the MIDI pitches sounding, or an empty array for silence)");
            for (int p : step) {
                if (p < LOWEST || p > HIGHEST)
                    throw new EncodingException("step " + t + " has pitch " + p + ", which is not a piano key (MIDI " + LOWEST + ".." + HIGHEST + ")");
                roll[t][p - LOWEST] = true;
            }
        }
        return roll;
    }

    /** The MIDI pitches sounding at each step of a roll, lowest first. */
    public static List<int[]> decode(boolean[][] roll) {
        List<int[]> out = new ArrayList<>(roll.length);
        for (int t = 0; t < roll.length; t++) {
            boolean[] row = roll[t];
            if (row == null || row.length != KEYS)
                throw new EncodingException("row " + t + " of the piano roll has " + (row == null ? 0 : row.length) + " keys, expected " + KEYS);
            int n = 0;
            for (boolean b : row) if (b) n++;
            int[] step = new int[n];
            int k = 0;
            for (int i = 0; i < KEYS; i++) if (row[i]) step[k++] = LOWEST + i;
            out.add(step);
        }
        return out;
    }
}
