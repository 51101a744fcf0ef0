package tunesmith.music;

/** A note as performed: pitch, when it starts and how long it lasts (from the start of the tune). */
public record NoteEvent(Pitch pitch, Duration onset, Duration duration) {

    public int midi() { return pitch.midi(); }

    public double onsetQuarters() { return onset.quarters(); }

    public double durationQuarters() { return duration.quarters(); }
}
