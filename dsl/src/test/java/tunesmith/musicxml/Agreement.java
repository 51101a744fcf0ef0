package tunesmith.musicxml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sound.midi.Sequence;
import tunesmith.midi.Midi;
import tunesmith.music.Tune;

/**
 * MuseScore's MIDI notes of our MusicXML against our own MIDI file of the tune, voice by voice (MIDI
 * track by track). Ours is {@link Midi} without grace notes: every note as written, repeats and endings
 * played, tied notes joined. A MuseScore note agrees with one of ours when it has the same key and
 * onset and ends within our note's length and after its onset (MuseScore releases a note a tick early
 * and shortens it for articulations); for a note with grace notes before it the onset may lie anywhere
 * within the note, since MuseScore plays grace notes on the beat and takes their time from it.
 * MuseScore's notes that agree with none of ours must be exactly as many as the grace notes (counted
 * in our MIDI file with grace notes played).
 */
record Agreement(int tunes, int notes, int equal, int extra, int graces, List<String> differences) {

    Agreement {
        differences = List.copyOf(differences);
    }

    static final Agreement NONE = new Agreement(0, 0, 0, 0, 0, List.of());

    /** How many differences are kept to show. */
    private static final int SHOWN = 12;

    static Agreement of(Tune tune, Sequence museScore) {
        List<List<MuseScore.Note>> ours = MuseScore.notes(Midi.of(tune).graceNotes(false).sequence());
        List<List<MuseScore.Note>> graced = MuseScore.notes(Midi.of(tune).sequence());
        List<List<MuseScore.Note>> theirs = MuseScore.notes(museScore);
        int notes = 0, equal = 0, extra = 0, graces = 0;
        List<String> differences = new ArrayList<>();
        String name = "X:" + tune.x() + " '" + tune.title() + "'";
        if (theirs.size() != ours.size()) differences.add(name + ": " + ours.size() + " voices with notes, MuseScore's MIDI has " + theirs.size());
        for (int v = 0; v < ours.size(); v++) {
            List<MuseScore.Note> mine = ours.get(v);
            List<MuseScore.Note> left = new ArrayList<>(v < theirs.size() ? theirs.get(v) : List.of());
            // a note with grace notes before it starts later in our MIDI file with grace notes played
            Set<String> plain = new HashSet<>();
            for (MuseScore.Note n : mine) plain.add(n.key() + "@" + n.on());
            Set<String> withGraces = new HashSet<>();
            for (MuseScore.Note n : graced.get(v)) if (!plain.contains(n.key() + "@" + n.on())) withGraces.add(n.key() + "~" + n.off());
            for (MuseScore.Note n : mine) {
                notes++;
                boolean graceBefore = withGraces.contains(n.key() + "~" + n.off());
                long latest = graceBefore ? n.off() - 1 : n.on();
                MuseScore.Note hit = null;
                for (MuseScore.Note t : left) {
                    if (t.key() == n.key() && t.on() >= n.on() && t.on() <= latest && t.off() <= n.off() && t.off() > t.on()) { hit = t; break; }
                }
                if (hit != null) {
                    left.remove(hit);
                    equal++;
                } else if (differences.size() < SHOWN) {
                    differences.add(name + " voice " + (v + 1) + ": our key " + n.key() + " at " + n.on() + "-" + n.off() + " ticks"
                            + (graceBefore ? " (after grace notes)" : "") + " has no MuseScore note");
                }
            }
            extra += left.size();
            int voiceGraces = graced.get(v).size() - mine.size();
            graces += voiceGraces;
            if (left.size() != voiceGraces && differences.size() < SHOWN) differences.add(name + " voice " + (v + 1) + ": " + left.size()
                    + " MuseScore notes match none of ours, for " + voiceGraces + " grace notes" + (left.isEmpty() ? "" : ", first " + left.get(0)));
        }
        return new Agreement(1, notes, equal, extra, graces, differences);
    }

    Agreement plus(Agreement o) {
        List<String> d = new ArrayList<>(differences);
        for (String s : o.differences) if (d.size() < SHOWN) d.add(s);
        return new Agreement(tunes + o.tunes, notes + o.notes, equal + o.equal, extra + o.extra, graces + o.graces, d);
    }

    /** Every note of ours has its MuseScore note and MuseScore plays nothing else but the grace notes. */
    boolean complete() { return equal == notes && extra == graces && differences.isEmpty(); }

    @Override
    public String toString() {
        return tunes + (tunes == 1 ? " tune, " : " tunes, ") + notes + " notes compared, " + equal + " equal ("
                + String.format(java.util.Locale.ROOT, "%.1f%%", notes == 0 ? 0 : 100.0 * equal / notes) + "), " + extra
                + " further MuseScore notes for " + graces + " grace notes" + (differences.isEmpty() ? "" : "; " + differences);
    }
}
