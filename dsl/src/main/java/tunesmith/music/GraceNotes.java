package tunesmith.music;

import java.util.List;

/**
 * Grace notes {@code {gab}} before the next note; they take no time in the bar. Their
 * lengths are kept as written, relative to the unit length, for the writer.
 */
public record GraceNotes(List<Note> notes, boolean acciaccatura) implements Element {
    public GraceNotes {
        notes = List.copyOf(notes);
        if (notes.isEmpty()) throw new IllegalArgumentException("A grace group needs at least one note");
    }
}
