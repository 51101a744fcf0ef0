package tunesmith.music;

import java.util.List;
import java.util.Locale;

/**
 * How often a melody sounds a tone of its chord on the strong beats ({@link Progression#strongBeats()}:
 * beats 1 and 3 of 4/4, 1 and 4 of 6/8, beat 1 of 3/4, 2/4 and 9/8): of the strong beats where a
 * chord sounds and a note sounds (struck on the beat or held over it), the share whose pitch class is
 * one of the chord's. A measure of how well a melody and its chords agree, the same for a tune of
 * a corpus and for a generated one.
 *
 * @param tones strong beats with a chord tone
 * @param beats strong beats with a chord and a note sounding
 */
public record ChordTones(long tones, long beats) {

    public static final ChordTones NONE = new ChordTones(0, 0);

    /** A tune's melody against its own chord symbols, both as performed. */
    public static ChordTones of(Tune tune) { return of(tune.melody(), Progression.of(tune)); }

    /** Summed over tunes (a tune without chords or meter adds nothing). */
    public static ChordTones of(Iterable<Tune> tunes) {
        ChordTones sum = NONE;
        for (Tune t : tunes) {
            if (t.meter().isFree()) continue;
            sum = sum.plus(of(t));
        }
        return sum;
    }

    /** A melody (onsets from the progression's start) against a progression. */
    public static ChordTones of(List<NoteEvent> melody, Progression progression) {
        long tones = 0, beats = 0;
        int i = 0;
        for (Duration beat : progression.strongBeats()) {
            var chord = progression.chordAt(beat);
            if (chord.isEmpty()) continue;
            while (i < melody.size() && !melody.get(i).onset().plus(melody.get(i).duration()).isLongerThan(beat)) i++;
            if (i == melody.size()) break;
            NoteEvent n = melody.get(i);
            if (n.onset().isLongerThan(beat)) continue; // a rest sounds on this beat
            beats++;
            if (chord.get().contains(n.pitch().pitchClass())) tones++;
        }
        return new ChordTones(tones, beats);
    }

    public ChordTones plus(ChordTones o) { return new ChordTones(tones + o.tones, beats + o.beats); }

    /** The share of chord tones, NaN when no beat was counted. */
    public double share() { return beats == 0 ? Double.NaN : (double) tones / beats; }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "chord tones on strong beats: %.1f%% (%,d of %,d)", 100 * share(), tones, beats);
    }
}
