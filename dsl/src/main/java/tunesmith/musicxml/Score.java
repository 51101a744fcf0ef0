package tunesmith.musicxml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tunesmith.music.Duration;
import tunesmith.music.Pitch;

/**
 * A tune laid out as MusicXML sees it: parts of measures of notes, attributes, directions,
 * harmonies and bar lines, with every length still an exact {@link Duration}. {@link ScoreBuilder}
 * makes it from a tune, {@link ScoreWriter} writes it once the divisions are known. Mutable while
 * it is built (a tie or slur is closed on a note written earlier), never after.
 */
final class Score {

    final String title;
    final List<String> composers;
    final List<Part> parts;

    Score(String title, List<String> composers, List<Part> parts) {
        this.title = title;
        this.composers = List.copyOf(composers);
        this.parts = List.copyOf(parts);
    }

    /** One voice of the tune: a MusicXML part with one staff and one voice. */
    record Part(String id, String name, boolean nameShown, int midiChannel, List<Measure> measures) {}

    /** What a measure holds, in order, and the bar lines at its left and right. */
    static final class Measure {
        String number = "";
        boolean implicit;
        final List<Item> items = new ArrayList<>();
        Barline left;
        Barline right;
        /** The time its notes and rests take (grace notes and chord notes take none). */
        Duration length = Duration.ZERO;

        void add(Item item) { items.add(item); }
    }

    /** Something written inside a measure. */
    sealed interface Item permits Attributes, Direction, Harmony, NoteOut {}

    /** A key, meter or clef, at the start of the part or where it changes (any of them may be null). */
    record Attributes(KeySig key, TimeSig time, ClefSig clef) implements Item {}

    /**
     * A key signature: {@code fifths} and {@code mode} for a traditional key; otherwise
     * {@code steps}, the alteration of each letter the signature alters (C D E F G A B order).
     */
    record KeySig(int fifths, String mode, Map<Character, Integer> steps) {
        boolean traditional() { return steps == null; }
    }

    /** A time signature: beats over beat type, with a symbol ("common", "cut") or none; or senza misura (free meter). */
    record TimeSig(String beats, String beatType, String symbol, boolean senzaMisura) {}

    /** A clef: sign (G, F, C, percussion), staff line and octave change (-1 for a tenor's treble-8). */
    record ClefSig(String sign, int line, int octaveChange) {}

    /** Words, rehearsal marks, dynamics or a tempo above or below the staff; {@code tempo} is quarter notes a minute for playback. */
    record Direction(String placement, List<DirectionType> types, Double tempo) implements Item {}

    sealed interface DirectionType permits Words, Rehearsal, Metronome, Dynamics {}

    record Words(String text) implements DirectionType {}

    record Rehearsal(String text) implements DirectionType {}

    /** A metronome mark: the beat as a note value with dots, and beats per minute. */
    record Metronome(String beatUnit, int dots, int perMinute) implements DirectionType {}

    /** A dynamic mark such as p, mf, sfz. */
    record Dynamics(String mark) implements DirectionType {}

    /** A chord symbol, before the note it stands over. */
    record Harmony(ChordSymbol chord) implements Item {}

    /** A bar line: style ("light-heavy"), an ending (start, stop or discontinue) and a repeat direction; each may be null. */
    static final class Barline {
        String style;
        String endingNumber;
        String endingType;
        String endingText;
        String repeat;
    }

    /** A syllable under a note: its verse, syllabic (single, begin, middle, end), text and whether it is held. */
    record Lyric(int verse, String syllabic, String text, boolean extend) {}

    /** One written note or rest (a piece of a longer one when it is split and tied). */
    static final class NoteOut implements Item {
        /** Null for a rest. */
        Pitch pitch;
        boolean measureRest;
        boolean invisible;
        boolean grace;
        boolean graceSlash;
        /** A further note of a chord, sounding with the note before it. */
        boolean chord;
        /** Zero for a grace note. */
        Duration duration = Duration.ZERO;
        boolean tieStart;
        boolean tieStop;
        /** Null with {@link #measureRest} when the measure's length is no single value. */
        String type;
        int dots;
        String accidental;
        /** Time modification (actual notes in the time of normal notes), 0 when none. */
        int actual;
        int normal;
        boolean tupletStart;
        boolean tupletStop;
        final List<Integer> slurStarts = new ArrayList<>();
        final List<Integer> slurStops = new ArrayList<>();
        final List<String> articulations = new ArrayList<>();
        final List<String> ornaments = new ArrayList<>();
        final List<String> technical = new ArrayList<>();
        /** "upright" or "inverted", null for none. */
        String fermata;
        final List<Lyric> lyrics = new ArrayList<>();

        boolean isRest() { return pitch == null; }
    }
}
