package tunesmith.encode;

import java.util.List;
import java.util.Optional;
import tunesmith.music.ChordSymbol;
import tunesmith.music.Duration;
import tunesmith.music.Progression;

/**
 * The chord a melody is played over, as input columns beside its tokens (as Magenta's ImprovRNN
 * conditions on chords): at every 16th step the pitch classes of the chord sounding (12 columns,
 * absolute: C = 0, as the grid's pitches are absolute), a no-chord flag, and a flag on the first
 * step of every bar (so the model hears the meter, which the grid's tokens do not carry). Each
 * step's columns are one {@code int} bit set: bit {@code pc} for a chord tone,
 * {@link #NO_CHORD} and {@link #BAR_START}.
 */
public final class ChordInput {

    private ChordInput() {}

    /** Columns: 12 pitch classes, no chord, bar start. */
    public static final int WIDTH = 14;
    public static final int NO_CHORD = 1 << 12;
    public static final int BAR_START = 1 << 13;

    /** The columns of every 16th step of a progression, {@code steps} of them (no chord past its end). */
    public static int[] steps(Progression p, int steps) {
        int[] out = new int[steps];
        List<Progression.Timed> changes = p.timeline();
        int next = 0;
        int chord = NO_CHORD;
        java.util.Set<Long> barStarts = new java.util.HashSet<>();
        for (Duration d : p.barStarts()) {
            Duration s = d.dividedBy(Duration.SIXTEENTH);
            if (s.denominator() == 1) barStarts.add(s.numerator());
        }
        Duration end = p.length();
        for (int k = 0; k < steps; k++) {
            Duration t = Duration.SIXTEENTH.times(k);
            while (next < changes.size() && !changes.get(next).time().isLongerThan(t)) chord = changes.get(next++).chord().pitchClasses();
            out[k] = (t.compareTo(end) >= 0 ? NO_CHORD : chord) | (barStarts.contains((long) k) ? BAR_START : 0);
        }
        return out;
    }

    /** One step's columns for a chord (or none) and whether a bar starts there. */
    public static int of(Optional<ChordSymbol> chord, boolean barStart) {
        return chord.map(ChordSymbol::pitchClasses).orElse(NO_CHORD) | (barStart ? BAR_START : 0);
    }

    /** The chord tones of a step's columns as a 12-bit set (0 when no chord sounds). */
    public static int chordTones(int columns) { return columns & 0xFFF; }
}
