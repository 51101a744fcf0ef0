package tunesmith.music;

/**
 * A sounding note: spelled pitch, the accidental written before it (null when the key or
 * an earlier accidental in the bar decides), its performed length (tuplets and broken
 * rhythm already applied) and whether it is tied to the next note.
 */
public record Note(Pitch pitch, Accidental written, Duration duration, boolean tied) implements Element {

    public Note {
        if (pitch == null) throw new IllegalArgumentException("A note needs a pitch");
        if (duration == null || duration.numerator() < 0) throw new IllegalArgumentException("A note needs a length >= 0, was " + duration);
    }

    public static Note of(Pitch pitch, Duration duration) { return new Note(pitch, null, duration, false); }

    public Note withPitch(Pitch p, Accidental w) { return new Note(p, w, duration, tied); }

    public Note withDuration(Duration d) { return new Note(pitch, written, d, tied); }

    public Note withTie(boolean t) { return new Note(pitch, written, duration, t); }

    public Note withWritten(Accidental w) { return new Note(pitch, w, duration, tied); }

    public int midi() { return pitch.midi(); }

    @Override
    public String toString() { return pitch + "/" + duration + (tied ? "-" : ""); }
}
