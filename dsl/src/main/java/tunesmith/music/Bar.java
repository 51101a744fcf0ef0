package tunesmith.music;

import java.util.ArrayList;
import java.util.List;

/**
 * One bar of one voice: its elements in order and the bar line that closes it.
 * {@code repeatStart} is a {@code |:} before the bar, {@code repeatEnd} a {@code :|} after it,
 * {@code ending} the label of a 1st/2nd ending that starts here ("1", "2", "1,3"), and
 * {@code lyrics} the {@code w:} lines that follow the music line this bar closes.
 */
public record Bar(List<Element> elements, boolean repeatStart, String ending, BarLine end, boolean repeatEnd,
                  boolean endsLine, List<String> lyrics) {

    public Bar {
        elements = List.copyOf(elements);
        lyrics = List.copyOf(lyrics);
        if (end == null) end = BarLine.NONE;
    }

    public static Bar of(List<? extends Element> elements) {
        return new Bar(List.copyOf(elements), false, null, BarLine.SINGLE, false, false, List.of());
    }

    /** Total performed length of the bar's notes, rests and chords. */
    public Duration duration() {
        Duration d = Duration.ZERO;
        for (Element e : elements) d = d.plus(e.duration());
        return d;
    }

    /** True when the bar holds a note, rest or chord (a bar of only fields or marks is not music). */
    public boolean hasMusic() {
        for (Element e : elements) if (e instanceof Note || e instanceof Rest || e instanceof Chord) return true;
        return false;
    }

    /** The notes, with chords as their top note. */
    public List<Note> melodyNotes() {
        List<Note> out = new ArrayList<>();
        for (Element e : elements) {
            if (e instanceof Note n) out.add(n);
            else if (e instanceof Chord c) out.add(c.top());
        }
        return out;
    }

    public Bar withElements(List<? extends Element> newElements) {
        return new Bar(List.copyOf(newElements), repeatStart, ending, end, repeatEnd, endsLine, lyrics);
    }

    /** The same music with its repeat marks and ending label removed (for unfolded tunes). */
    public Bar plain() {
        BarLine e = end == BarLine.NONE ? BarLine.NONE : (end == BarLine.FINAL ? BarLine.FINAL : BarLine.SINGLE);
        return new Bar(elements, false, null, e, false, endsLine, lyrics);
    }

    public Bar withEnd(BarLine newEnd, boolean newEndsLine) {
        return new Bar(elements, repeatStart, ending, newEnd, repeatEnd, newEndsLine, lyrics);
    }
}
