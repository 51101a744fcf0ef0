package tunesmith.midi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import tunesmith.midi.SmfFile.Sounding;
import tunesmith.midi.SmfFile.TrackInfo;

/**
 * The notes a melody is taken from (a track, a channel, or every note but the drums) and the one
 * monophonic line through them: at each onset the highest note, which sounds until the next
 * note of the line starts.
 */
final class MelodyLine {

    private MelodyLine() {}

    /** The notes chosen, in onset order, and how they were chosen ("track 2 \"Melody\"", "every track but the drums"). */
    record Choice(List<Sounding> notes, String described) {}

    static Choice choose(SmfFile f, String trackName, int trackNumber, int channel) {
        if (f.notes.isEmpty())
            throw new MidiFileException(f.source, "no notes: " + (f.tracks.size() == 1 ? "its one track holds" : "its " + f.tracks.size()
                    + " tracks hold") + " no note-on and note-off pairs (tracks: " + tracks(f.tracks) + ")");
        List<Sounding> notes = f.notes;
        StringBuilder described = new StringBuilder();
        if (trackName != null || trackNumber > 0) {
            TrackInfo t = trackName != null ? byName(f, trackName) : byNumber(f, trackNumber);
            if (t.notes() == 0)
                throw new MidiFileException(f.source, "track " + t.describe() + " has no notes; the tracks with notes: " + tracks(withNotes(f.tracks)));
            notes = notes.stream().filter(n -> n.track() == t.number()).toList();
            described.append("track ").append(t.number()).append(t.name().isBlank() ? "" : " \"" + t.name().strip() + "\"");
        }
        if (channel > 0) {
            List<Sounding> on = notes.stream().filter(n -> n.channel() == channel - 1).toList();
            if (on.isEmpty())
                throw new MidiFileException(f.source, "no notes on channel " + channel + (described.isEmpty() ? "" : " of " + described)
                        + "; notes are on " + channels(notes));
            notes = on;
            described.append(described.isEmpty() ? "" : ", ").append("channel ").append(channel);
        }
        if (described.isEmpty()) {
            List<Sounding> tuned = notes.stream().filter(n -> n.channel() != SmfFile.DRUM_CHANNEL).toList();
            if (tuned.isEmpty())
                throw new MidiFileException(f.source, "only drums: every note is on channel 10, General MIDI's percussion; "
                        + "read them as a melody with channel(10)");
            described.append(tuned.size() == notes.size() ? "every note" : "every note but the drums (channel 10)");
            notes = tuned;
        }
        return new Choice(notes, described.toString());
    }

    private static TrackInfo byNumber(SmfFile f, int number) {
        if (number > f.tracks.size())
            throw new MidiFileException(f.source, "no track " + number + ": the file has " + f.tracks.size()
                    + (f.tracks.size() == 1 ? " track" : " tracks") + ": " + tracks(f.tracks));
        return f.tracks.get(number - 1);
    }

    /** A track by its name: the one named so (case and outer spaces ignored), else the one whose name contains it. */
    private static TrackInfo byName(SmfFile f, String name) {
        String want = name.strip().toLowerCase(Locale.ROOT);
        List<TrackInfo> exact = f.tracks.stream().filter(t -> t.name().strip().toLowerCase(Locale.ROOT).equals(want)).toList();
        if (!exact.isEmpty()) return exact.stream().filter(t -> t.notes() > 0).findFirst().orElse(exact.get(0));
        List<TrackInfo> near = f.tracks.stream().filter(t -> t.name().toLowerCase(Locale.ROOT).contains(want)).toList();
        if (near.size() == 1) return near.get(0);
        if (near.size() > 1)
            throw new MidiFileException(f.source, "track name \"" + name + "\" is ambiguous: " + tracks(near) + "; give the whole name or the track's number");
        throw new MidiFileException(f.source, "no track named \"" + name + "\"; its tracks: " + tracks(f.tracks));
    }

    private static List<TrackInfo> withNotes(List<TrackInfo> ts) { return ts.stream().filter(t -> t.notes() > 0).toList(); }

    private static String tracks(List<TrackInfo> ts) {
        return String.join(", ", ts.stream().map(TrackInfo::describe).toList());
    }

    private static String channels(List<Sounding> notes) {
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (Sounding n : notes) counts.merge(n.channel() + 1, 1, Integer::sum);
        List<String> out = new ArrayList<>();
        counts.forEach((c, k) -> out.add(c + " (" + k + (k == 1 ? " note" : " notes") + (c == SmfFile.DRUM_CHANNEL + 1 ? ", drums" : "") + ")"));
        return (counts.size() == 1 ? "channel " : "channels ") + String.join(", ", out);
    }

    /**
     * The line with its ornaments folded in: a note whose next note starts within {@code maxTicks} (a grace
     * note, a note of a trill or roll) is left out and the next note starts where it started, as the
     * ornament takes its time from that note (abc2midi plays a grace note as a 32nd at the start of its
     * note). In a file on a grid already ({@code onGrid}) only such a note on a 16th or triplet point whose
     * next note is not on one is an ornament: the next note was pushed off the grid by it; a 32nd after a
     * dotted 16th, which leads back onto the grid, is a note. Returns the notes kept; {@code folded[0]}
     * counts those left out.
     */
    static List<Sounding> foldOrnaments(List<Sounding> line, long maxTicks, boolean onGrid, int resolution, int[] folded) {
        List<Sounding> out = new ArrayList<>();
        long pendingOn = -1;
        for (int i = 0; i < line.size(); i++) {
            Sounding s = line.get(i);
            long on = pendingOn >= 0 ? pendingOn : s.on();
            boolean ornament = i + 1 < line.size() && line.get(i + 1).on() - s.on() <= maxTicks
                    && (!onGrid || (Quantizer.onPoint(on, resolution, false) && !Quantizer.onPoint(line.get(i + 1).on(), resolution, false)));
            if (ornament) {
                if (pendingOn < 0) pendingOn = s.on();
                folded[0]++;
                continue;
            }
            out.add(on == s.on() ? s : new Sounding(s.track(), s.channel(), s.key(), on, s.off()));
            pendingOn = -1;
        }
        return out;
    }

    /**
     * The highest voice: notes starting within {@code chordTicks} of each other are one chord and give
     * their top note; a higher note cuts the one sounding; a lower note that starts under a held
     * higher one is left out, unless that one ends in the first half of it (a legato overlap, as
     * players make them: then the held note is cut instead).
     */
    static List<Sounding> highest(List<Sounding> notes, long chordTicks) {
        List<Sounding> sorted = new ArrayList<>(notes);
        sorted.sort(Comparator.comparingLong(Sounding::on).thenComparing(Comparator.comparingInt(Sounding::key).reversed()));
        List<Sounding> line = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            Sounding top = sorted.get(i);
            int j = i + 1;
            while (j < sorted.size() && sorted.get(j).on() - sorted.get(i).on() <= chordTicks) {
                Sounding s = sorted.get(j);
                if (s.key() > top.key() || (s.key() == top.key() && s.off() > top.off())) top = s;
                j++;
            }
            i = j;
            if (line.isEmpty()) { line.add(top); continue; }
            Sounding last = line.get(line.size() - 1);
            if (last.off() <= top.on()) { line.add(top); continue; }
            boolean higher = top.key() >= last.key();
            boolean legato = last.off() < top.off() && last.off() - top.on() <= top.length() / 2;
            if (higher || legato) {
                line.set(line.size() - 1, new Sounding(last.track(), last.channel(), last.key(), last.on(), top.on()));
                line.add(top);
            }
        }
        return line;
    }
}
