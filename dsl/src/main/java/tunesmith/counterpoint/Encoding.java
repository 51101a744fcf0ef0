package tunesmith.counterpoint;

import tunesmith.encode.MelodyGrid;

/**
 * What the encoder-decoder reads and writes at each 16th step. The soprano (the encoder's input):
 * its grid class (rest, hold, note-on), the pitch it sounds, the position in the bar. Each lower
 * voice (the decoder's output): its grid class; what the decoder reads of a voice it has written is
 * the voice's <em>state</em>: silent or not, whether the note started at that step, the pitch it
 * sounds (a hold alone would not say which pitch is held), and how long it has been held.
 */
final class Encoding {

    private Encoding() {}

    /** The soprano, folded by octaves into the range Bach's sopranos use with room to transpose. */
    static final MelodyGrid SOPRANO = MelodyGrid.grid().range(55, 84).octaveFold();

    /**
     * The lower voices' grids (alto, tenor, bass): Bach's ranges in the JSB data (alto 52-74, tenor
     * 46-69, bass 36-66) widened by a few semitones, so transposed chorales still fit.
     */
    static final MelodyGrid[] VOICES = {MelodyGrid.grid().range(48, 77), MelodyGrid.grid().range(41, 72), MelodyGrid.grid().range(31, 67)};

    /** Position-in-bar classes: the 16 sixteenths of a 4/4 bar (longer bars wrap). */
    static final int POSITIONS = 16;

    /** Held-length buckets (steps held so far): 1, 2, 3-4, 5-8, 9-16, 17-32, 33 or more. */
    static final int HOLD_BUCKETS = 7;

    static final int SOPRANO_WIDTH = SOPRANO.classes() + 1 + (SOPRANO.highest() - SOPRANO.lowest() + 1) + POSITIONS;

    /** A voice state's width equals the voice's classes: [silent, onset, one-hot pitch over the range]. */
    static int stateWidth(int v) { return VOICES[v].classes(); }

    /** The decoder's input from the step before: the three states, their held-length buckets, and a flag for the first step. */
    static final int PREVIOUS_WIDTH = stateWidth(0) + stateWidth(1) + stateWidth(2) + 3 * HOLD_BUCKETS + 1;

    static int bucket(int held) {
        if (held <= 2) return Math.max(0, held - 1);
        if (held <= 4) return 2;
        if (held <= 8) return 3;
        if (held <= 16) return 4;
        if (held <= 32) return 5;
        return 6;
    }

    /** Writes the soprano features of step t into {@code row} at {@code at} (row zeroed by the caller). */
    static void soprano(int[] classes, int[] pitches, int t, int barSteps, float[] row, int at) {
        row[at + classes[t]] = 1;
        int o = at + SOPRANO.classes();
        int p = pitches[t];
        if (p < 0) row[o] = 1;
        else row[o + 1 + fold(p)] = 1;
        row[at + SOPRANO.classes() + 1 + (SOPRANO.highest() - SOPRANO.lowest() + 1) + (t % barSteps) % POSITIONS] = 1;
    }

    private static int fold(int p) {
        while (p < SOPRANO.lowest()) p += 12;
        while (p > SOPRANO.highest()) p -= 12;
        return p - SOPRANO.lowest();
    }

    /** Writes voice v's state (its class and sounding pitch at a step) into {@code row} at {@code at}. */
    static void state(int v, int cls, int pitch, float[] row, int at) {
        if (pitch < 0) { row[at] = 1; return; }
        if (cls >= MelodyGrid.FIRST_NOTE) row[at + 1] = 1;
        row[at + MelodyGrid.FIRST_NOTE + pitch - VOICES[v].lowest()] = 1;
    }

    /**
     * The decoder's input at step t: the three voices' states at step t-1 (zeros and the first-step
     * flag at t = 0). {@code classes[v]}/{@code pitches[v]} per lower voice, {@code held[v]} the steps
     * voice v's note had sounded by step t-1.
     */
    static void previous(int[][] classes, int[][] pitches, int[] held, int t, float[] row, int at) {
        if (t == 0) { row[at + PREVIOUS_WIDTH - 1] = 1; return; }
        int o = at;
        for (int v = 0; v < 3; v++) {
            state(v, classes[v][t - 1], pitches[v][t - 1], row, o);
            o += stateWidth(v);
        }
        for (int v = 0; v < 3; v++) if (pitches[v][t - 1] >= 0) row[o + v * HOLD_BUCKETS + bucket(held[v])] = 1;
    }
}
