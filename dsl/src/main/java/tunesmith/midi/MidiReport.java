package tunesmith.midi;

import java.util.Locale;
import tunesmith.music.Duration;
import tunesmith.music.Key;
import tunesmith.music.Meter;

/**
 * How a MIDI file became a tune: where the melody was taken from, what was left out, where meter,
 * key and tempo came from, and how far the grid moved the notes. Errors are in the file's ticks;
 * {@code ...Quarters()} gives them in quarter notes (a beat of 4/4).
 *
 * @param melody          where the melody came from ("every note", "track 2 \"Flute\"", "channel 1")
 * @param notesChosen     notes of that track, channel or file
 * @param notesInLine     of those, the notes of the highest voice (the rest were chord notes or lay under a held higher note)
 * @param ornaments       notes of the line folded into the note they lead to: grace notes, the notes of a trill (see {@link MidiIn#ORNAMENT_SHARE})
 * @param notesLost       notes the grid left out, two onsets landing on one point (a flam, a fast run on too coarse a grid)
 * @param notesRead       notes of the tune: the line less those folded and lost
 * @param meterFrom       "time signature", "estimated" or "given"
 * @param pickup          the length of the pickup bar, zero for none
 * @param keyFrom         "key signature", "key signature, tonic from the last note", "estimated", "estimated, tonic from the last note" or "given"
 * @param tempo           quarter notes a minute from the first set-tempo event, 0 when the file sets none (players then take 120)
 * @param swing           the long share of a swung beat that was straightened (e.g. 0.67), 0 when none was found
 * @param onGrid          whether the onsets were on a grid already (a file made from notation, taken at its word) rather than played
 * @param triplets        triplets written (groups of three in the time of two)
 * @param resolution      ticks per quarter note of the file
 */
public record MidiReport(String source, int format, int tracks, String melody, int notesChosen, int notesInLine, int ornaments, int notesLost,
                         int notesRead, Meter meter, String meterFrom, Duration pickup, Key key, String keyFrom, int tempo,
                         double swing, boolean onGrid, int triplets, int resolution, double meanOnsetTicks, double maxOnsetTicks,
                         double meanLengthTicks, double maxLengthTicks) {

    /** Mean distance an onset moved to the grid, in quarter notes. */
    public double meanOnsetQuarters() { return meanOnsetTicks / resolution; }

    /** Largest distance an onset moved to the grid, in quarter notes. */
    public double maxOnsetQuarters() { return maxOnsetTicks / resolution; }

    /** Mean change of a note's length, in quarter notes. */
    public double meanLengthQuarters() { return meanLengthTicks / resolution; }

    /** Largest change of a note's length, in quarter notes. */
    public double maxLengthQuarters() { return maxLengthTicks / resolution; }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("MIDI ").append(source).append(" (type ").append(format).append(", ").append(tracks)
                .append(tracks == 1 ? " track" : " tracks").append(", ").append(resolution).append(" ticks a quarter)\n");
        b.append("  melody: highest voice of ").append(melody).append(": ").append(notesRead).append(" notes of ").append(notesChosen);
        if (notesChosen > notesInLine) b.append(" (").append(notesChosen - notesInLine).append(" under a higher note)");
        if (ornaments > 0) b.append(", ").append(ornaments).append(ornaments == 1 ? " ornament" : " ornaments").append(" folded into their notes");
        if (notesLost > 0) b.append(", ").append(notesLost).append(" lost to the grid");
        b.append('\n');
        b.append("  meter ").append(meter).append(" (").append(meterFrom).append(")");
        if (pickup.isPositive()) b.append(", pickup ").append(pickup);
        b.append("; key ").append(key.describe()).append(" (").append(keyFrom).append(")");
        b.append("; tempo ").append(tempo > 0 ? "1/4=" + tempo : "not set").append('\n');
        b.append(onGrid ? "  onsets on a grid already" : "  played").append(String.format(Locale.ROOT, "; grid: onsets moved %.1f ticks on average (%.3f of a quarter), at most %.0f (%.3f); lengths changed %.1f on average, at most %.0f",
                meanOnsetTicks, meanOnsetQuarters(), maxOnsetTicks, maxOnsetQuarters(), meanLengthTicks, maxLengthTicks));
        b.append("; ").append(triplets).append(triplets == 1 ? " triplet" : " triplets");
        if (swing > 0) b.append(String.format(Locale.ROOT, "; swing %.2f straightened", swing));
        return b.toString();
    }
}
