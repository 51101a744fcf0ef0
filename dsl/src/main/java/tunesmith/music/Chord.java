package tunesmith.music;

import java.util.Comparator;
import java.util.List;

/** Notes sounding together ({@code [CEG]}); the melody is its top note. */
public record Chord(List<Note> notes, Duration duration, boolean tied) implements Element {

    public Chord {
        notes = List.copyOf(notes);
        if (notes.isEmpty()) throw new IllegalArgumentException("A chord needs at least one note");
        if (duration == null || duration.numerator() < 0) throw new IllegalArgumentException("A chord needs a length >= 0");
    }

    /** The highest note, which a melody line takes from the chord. */
    public Note top() { return notes.stream().max(Comparator.comparing(Note::pitch)).orElseThrow(); }

    @Override
    public String toString() { return "chord" + notes.stream().map(n -> n.pitch().name()).toList() + "/" + duration; }
}
