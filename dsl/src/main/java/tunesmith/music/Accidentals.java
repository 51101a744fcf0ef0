package tunesmith.music;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule for which notes need a written accidental, shared by reading and writing so they agree.
 * As in abc2midi (our reference player), an accidental holds for the same letter in every
 * octave until the bar line; a note tied over from the previous note keeps its alteration.
 */
public final class Accidentals {

    private Key key;
    private final Map<Character, Integer> bar = new HashMap<>();
    private Pitch tiedFrom;

    public Accidentals(Key key) { this.key = key; }

    public void key(Key k) { this.key = k; }

    public Key key() { return key; }

    /** A bar line: bar accidentals end, a pending tie survives. */
    public void barLine() { bar.clear(); }

    /** The pitch a written note stands for: letter, octave and written accidental (or null). */
    public Pitch resolve(char letter, int octave, Accidental written, boolean tied) {
        char l = Character.toUpperCase(letter);
        int alter;
        if (written != null) {
            alter = written.alter();
            bar.put(l, alter);
        } else if (tiedFrom != null && tiedFrom.letter() == l && tiedFrom.octave() == octave) {
            alter = tiedFrom.alter();
        } else {
            alter = bar.getOrDefault(l, key.alterOf(l));
        }
        Pitch p = new Pitch(l, alter, octave);
        tiedFrom = tied ? p : null;
        return p;
    }

    /** The accidental to write for a pitch (null when the key or the bar already gives it). */
    public Accidental spell(Pitch p, boolean tied) {
        char l = p.letter();
        Accidental out;
        boolean tiedSameNote = tiedFrom != null && tiedFrom.letter() == l && tiedFrom.octave() == p.octave();
        if (tiedSameNote && tiedFrom.alter() == p.alter()) {
            out = null;
        } else if (tiedSameNote) {
            // a tie into another alteration of the same note: without an accidental it would read as tied over
            out = Accidental.forAlter(p.alter());
            bar.put(l, p.alter());
        } else if (bar.getOrDefault(l, key.alterOf(l)) == p.alter()) {
            out = null;
        } else {
            out = Accidental.forAlter(p.alter());
            bar.put(l, p.alter());
        }
        tiedFrom = tied ? p : null;
        return out;
    }

    /** A tie written apart from its note ({@code A -B}): the next note of the same letter keeps this pitch. */
    public void tieFrom(Pitch p) { tiedFrom = p; }

    /** Notes that do not carry a tie onward (rests) end a pending tie. */
    public void breakTie() { tiedFrom = null; }

    /**
     * Rewrites every note's written accidental so that, read with {@code startKey} and the
     * tune's key changes, each note stands for the pitch it holds. Used after transposition
     * and for tunes made in code.
     */
    public static List<Bar> respell(List<Bar> bars, Key startKey) {
        Accidentals acc = new Accidentals(startKey);
        List<Bar> out = new ArrayList<>(bars.size());
        for (Bar b : bars) {
            List<Element> es = new ArrayList<>(b.elements().size());
            for (Element e : b.elements()) {
                if (e instanceof Note n) {
                    es.add(n.withWritten(acc.spell(n.pitch(), n.tied())));
                } else if (e instanceof Chord c) {
                    List<Note> ns = new ArrayList<>();
                    for (Note n : c.notes()) ns.add(n.withWritten(acc.spell(n.pitch(), false)));
                    acc.breakTie();
                    es.add(new Chord(ns, c.duration(), c.tied()));
                } else if (e instanceof GraceNotes g) {
                    List<Note> ns = new ArrayList<>();
                    for (Note n : g.notes()) ns.add(n.withWritten(acc.spell(n.pitch(), false)));
                    acc.breakTie();
                    es.add(new GraceNotes(ns, g.acciaccatura()));
                } else {
                    if (e instanceof InlineField f && f.name() == 'K') acc.key(Key.change(acc.key(), f.value()));
                    if (e instanceof Rest) acc.breakTie();
                    es.add(e);
                }
            }
            out.add(b.withElements(es));
            acc.barLine();
        }
        return out;
    }
}
