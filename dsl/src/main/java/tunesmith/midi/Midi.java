package tunesmith.midi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import tunesmith.music.Bar;
import tunesmith.music.Chord;
import tunesmith.music.Duration;
import tunesmith.music.Element;
import tunesmith.music.GraceNotes;
import tunesmith.music.InlineField;
import tunesmith.music.Key;
import tunesmith.music.Meter;
import tunesmith.music.Mode;
import tunesmith.music.Note;
import tunesmith.music.Rest;
import tunesmith.music.Tempo;
import tunesmith.music.Tune;
import tunesmith.music.Voice;

/**
 * A tune as a standard MIDI file (type 1), played as performed: repeats, endings and parts
 * written out ({@link Tune#unfold()}). Immutable: each setting returns a new value.
 *
 * <pre>{@code
 * Midi.of(tune).program(73).velocity(90).write(Path.of("tune.mid"));
 * }</pre>
 *
 * <p>Layout: track 0 is the conductor track (track name = title, tempo from Q: and every
 * inline {@code [Q:]}, time signature from M: and {@code [M:]} unless free, key signature
 * from K: and {@code [K:]}); then one track per voice, each on its own channel (0, 1, ...,
 * skipping 9, General MIDI's drum channel; past 15 voices channels are shared again).
 *
 * <p>What sounds: notes and every note of a chord; a tie joins a note to the next note of the
 * same MIDI pitch that starts where it ends, into one sounding note; rests are silence; chord
 * symbols, annotations and decorations have no effect. Grace notes are played short, taken
 * from the start of the note they decorate (see {@link #GRACE_LENGTH}), or left out with
 * {@code graceNotes(false)}, which makes the notes of a single-voice tune without chords match
 * {@link Tune#melody()} one for one.
 */
public final class Midi {

    // ---- defaults, in one place -----------------------------------------------------------

    /**
     * General MIDI program 0, acoustic grand piano. It is the instrument every player assumes
     * when a file names none, so the file sounds the same everywhere; its sharp attack makes
     * each onset audible (repeated notes, short grace notes), which is what one listens for in
     * generated rhythm; and it covers any voice's range (a flute, 73, would sound odd on a bass
     * line). Choose 73 with {@link #program(int)} for a folk-flute colour.
     */
    public static final int DEFAULT_PROGRAM = 0;

    /** Note-on velocity: 80, a plain mezzo-forte that leaves room for louder and softer. */
    public static final int DEFAULT_VELOCITY = 80;

    /** Ticks per quarter note: 480 divides exactly by 2, 3, 5 and 16, so triplets, quintuplets and 1/32 grace notes land on whole ticks. */
    public static final int RESOLUTION = 480;

    /**
     * Length of one grace note: a 1/32 note taken from the start of the note that follows, as
     * abc2midi does, so bars keep their length. A group never takes more than half of that
     * note; its notes then share that half equally.
     */
    public static final Duration GRACE_LENGTH = Duration.of(1, 32);

    /** Channels in the order voices get them: all but 9, which General MIDI keeps for drums. */
    private static final int[] CHANNELS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15};
    private static final long TICKS_PER_WHOLE = 4L * RESOLUTION;
    private static final int META_TRACK_NAME = 0x03, META_TEMPO = 0x51, META_TIME_SIGNATURE = 0x58, META_KEY_SIGNATURE = 0x59,
            META_END_OF_TRACK = 0x2F;
    private static final Pattern WRITTEN_METER = Pattern.compile("(\\d{1,3}(?:\\+\\d{1,3})*)/(\\d{1,3})");
    private static final Pattern VOICE_NAME = Pattern.compile("(?:name|nm)\\s*=\\s*\"([^\"]*)\"");

    private final Tune tune;
    private final int program;
    private final int velocity;
    private final boolean graceNotes;

    private Midi(Tune tune, int program, int velocity, boolean graceNotes) {
        this.tune = tune;
        this.program = program;
        this.velocity = velocity;
        this.graceNotes = graceNotes;
    }

    /** The export of {@code tune} with the defaults: program {@value #DEFAULT_PROGRAM}, velocity {@value #DEFAULT_VELOCITY}, grace notes played. */
    public static Midi of(Tune tune) {
        if (tune == null) throw new IllegalArgumentException("Midi.of needs a tune, was null (read one with AbcReader.readTune)");
        return new Midi(tune, DEFAULT_PROGRAM, DEFAULT_VELOCITY, true);
    }

    /** The General MIDI instrument for every voice, 0..127 (the GM number minus one: 0 piano, 40 violin, 73 flute). */
    public Midi program(int newProgram) {
        if (newProgram < 0 || newProgram > 127) throw new IllegalArgumentException("MIDI program must be 0..127 (the General MIDI "
                + "instrument number minus one, e.g. 0 piano, 40 violin, 73 flute), was " + newProgram);
        return new Midi(tune, newProgram, velocity, graceNotes);
    }

    /** Note-on velocity (loudness) of every note, 1..127 (0 would mean note-off in MIDI). */
    public Midi velocity(int newVelocity) {
        if (newVelocity < 1 || newVelocity > 127) throw new IllegalArgumentException("MIDI velocity must be 1..127 "
                + "(0 is a note-off in MIDI; 80 is a plain mezzo-forte), was " + newVelocity);
        return new Midi(tune, program, newVelocity, graceNotes);
    }

    /** Whether grace notes sound (true by default): off, the notes are exactly those written in time. */
    public Midi graceNotes(boolean play) { return new Midi(tune, program, velocity, play); }

    public Tune tune() { return tune; }

    public int program() { return program; }

    public int velocity() { return velocity; }

    public boolean graceNotes() { return graceNotes; }

    // ---- output ---------------------------------------------------------------------------

    /** The MIDI sequence: a new one on each call, since {@code javax.sound.midi} objects are mutable. */
    public Sequence sequence() {
        try {
            return build();
        } catch (InvalidMidiDataException e) {
            // every message is built from checked ranges, so this is a bug, not bad input
            throw new IllegalStateException("Could not build MIDI for tune " + tune.x() + " '" + tune.title() + "': " + e.getMessage(), e);
        }
    }

    /** The standard MIDI file (type 1) as bytes. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MidiSystem.write(sequence(), 1, out);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write MIDI for tune '" + tune.title() + "': " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Writes the MIDI file to {@code file} (parent folders are created) and returns it. */
    public Path write(Path file) {
        return AudioFiles.write(file, bytes(), "MIDI");
    }

    /** Playing time in seconds, from the start to the end of the longest voice (trailing rests count), at the tune's tempi. */
    public double seconds() { return sequence().getMicrosecondLength() / 1e6; }

    @Override
    public String toString() {
        long s = Math.round(seconds());
        return "Midi '" + tune.title() + "' (" + tune.voices().size() + (tune.voices().size() == 1 ? " voice" : " voices")
                + ", " + s / 60 + ":" + String.format("%02d", s % 60) + ", program " + program + ", velocity " + velocity
                + (graceNotes ? "" : ", no grace notes") + ")";
    }

    // ---- building -------------------------------------------------------------------------

    private Sequence build() throws InvalidMidiDataException {
        Tune performed = tune.unfold();
        Conductor conductor = new Conductor(performed);
        List<VoiceTrack> voices = new ArrayList<>();
        long end = 0;
        List<Voice> vs = performed.voices();
        for (int i = 0; i < vs.size(); i++) {
            VoiceTrack v = new VoiceTrack(vs.get(i), i, conductor);
            v.play();
            voices.add(v);
            end = Math.max(end, v.endTick);
        }

        Sequence seq = new Sequence(Sequence.PPQ, RESOLUTION);
        fill(seq.createTrack(), conductor.events(), end);
        for (VoiceTrack v : voices) fill(seq.createTrack(), v.events, end);
        return seq;
    }

    /** Adds events in (tick, kind) order so that at one tick a note-off comes before the next note-on of the same key. */
    private static void fill(Track track, List<Event> events, long endTick) throws InvalidMidiDataException {
        events.sort(Comparator.comparingLong(Event::tick).thenComparingInt(Event::order)); // stable: insertion order otherwise
        for (Event e : events) track.add(new MidiEvent(e.message(), e.tick()));
        // every track ends with the music, trailing rests included, so the file's length is the tune's
        track.add(new MidiEvent(new MetaMessage(META_END_OF_TRACK, new byte[0], 0), endTick));
    }

    /** A message waiting for its track; {@code order} breaks ties at one tick: meta, program, note-off, note-on. */
    private record Event(long tick, int order, MidiMessage message) {}

    private static long ticks(Duration d) {
        // exact onsets converted once each, rounded half up: rounding never accumulates along a voice
        return Math.floorDiv(Math.multiplyExact(d.numerator(), 2 * TICKS_PER_WHOLE) + d.denominator(), 2 * d.denominator());
    }

    private static MetaMessage meta(int type, byte[] data) throws InvalidMidiDataException {
        return new MetaMessage(type, data, data.length);
    }

    private static byte[] text(String s) {
        // one byte a character: the encoding most MIDI readers (mido, timidity) assume for names
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Tempo, meter and key over time, gathered from the header and every voice's inline fields. */
    private final class Conductor {
        final Tune performed;
        final TreeMap<Long, Tempo> tempi = new TreeMap<>();
        final TreeMap<Long, Meter> meters = new TreeMap<>();
        final TreeMap<Long, Key> keys = new TreeMap<>();

        Conductor(Tune performed) {
            this.performed = performed;
            tempi.put(0L, performed.tempo());
            meters.put(0L, performed.meter());
            keys.put(0L, performed.key());
        }

        List<Event> events() throws InvalidMidiDataException {
            List<Event> out = new ArrayList<>();
            out.add(new Event(0, 0, meta(META_TRACK_NAME, text(tune.title()))));
            for (Map.Entry<Long, Tempo> e : tempi.entrySet()) {
                long us = Math.max(1, Math.min(0xFFFFFF, e.getValue().microsPerQuarter())); // 24 bits in the file
                out.add(new Event(e.getKey(), 0, meta(META_TEMPO, new byte[]{(byte) (us >> 16), (byte) (us >> 8), (byte) us})));
            }
            for (Map.Entry<Long, Meter> e : meters.entrySet()) {
                byte[] data = timeSignature(e.getValue());
                if (data != null) out.add(new Event(e.getKey(), 0, meta(META_TIME_SIGNATURE, data)));
            }
            for (Map.Entry<Long, Key> e : keys.entrySet()) {
                byte[] data = keySignature(e.getValue());
                if (data != null) out.add(new Event(e.getKey(), 0, meta(META_KEY_SIGNATURE, data)));
            }
            return out;
        }
    }

    /** nn dd cc bb, or null where MIDI cannot say the meter (free meter, a denominator not a power of two). */
    private static byte[] timeSignature(Meter m) {
        if (m.isFree()) return null;
        long num, den;
        try {
            num = m.numerator();
            den = m.denominator();
        } catch (NumberFormatException e) {
            // Meter keeps lenient texts such as Essen's "FREI4/4" or a stray "2/4]" whole, and its
            // numerator()/denominator() cannot read them: take the last n/d in the text instead
            Matcher f = WRITTEN_METER.matcher(m.text());
            String last = null, lastDen = null;
            while (f.find()) { last = f.group(1); lastDen = f.group(2); }
            if (last == null) return null;
            num = 0;
            for (String part : last.split("\\+")) num += Long.parseLong(part);
            den = Long.parseLong(lastDen);
        }
        if (num < 1 || num > 255 || den < 1 || den > 64 || Long.bitCount(den) != 1) return null;
        int clocksPerNote = (int) (96 / den); // MIDI clocks: 24 per quarter
        boolean compound = num % 3 == 0 && num > 3;
        int clocksPerClick = compound ? 3 * clocksPerNote : clocksPerNote; // 6/8 clicks on the dotted quarter
        if (clocksPerClick < 1 || clocksPerClick > 255) return null;
        return new byte[]{(byte) num, (byte) Long.numberOfTrailingZeros(den), (byte) clocksPerClick, 8};
    }

    /**
     * sf mi, or null for keys without a signature (K:none, Highland pipes). MIDI knows only
     * major and minor: a modal key is written with its own signature (D dorian: no sharps) and
     * marked minor only when it is aeolian; a signature past 7 is spelled enharmonically.
     */
    private static byte[] keySignature(Key k) {
        if (!k.isTonal()) return null;
        int sf = k.fifths();
        while (sf > 7) sf -= 12;
        while (sf < -7) sf += 12;
        return new byte[]{(byte) sf, (byte) (k.mode() == Mode.MINOR ? 1 : 0)};
    }

    /** One voice's notes, ties and grace notes turned into timed note-on/off events. */
    private final class VoiceTrack {
        final Voice voice;
        final int index;
        final int channel;
        final Conductor conductor;
        final List<Event> events = new ArrayList<>();
        /** Tied notes waiting for their continuation, by MIDI key. */
        final Map<Integer, Sounding> open = new HashMap<>();
        final List<Note> graces = new ArrayList<>();
        Duration unit;
        Key key;
        long endTick;

        VoiceTrack(Voice voice, int index, Conductor conductor) {
            this.voice = voice;
            this.index = index;
            this.channel = CHANNELS[index % CHANNELS.length];
            this.conductor = conductor;
            this.unit = conductor.performed.unitLength();
            this.key = conductor.performed.key();
        }

        void play() throws InvalidMidiDataException {
            events.add(new Event(0, 0, meta(META_TRACK_NAME, text(name()))));
            events.add(new Event(0, 1, new ShortMessage(ShortMessage.PROGRAM_CHANGE, channel, program, 0)));
            Duration t = Duration.ZERO;
            for (Bar bar : voice.bars()) {
                for (Element e : bar.elements()) {
                    // decorations, annotations, slurs and tuplet marks have no sound of their own
                    if (e instanceof Note n) sound(t, n.duration(), List.of(n), n.tied());
                    else if (e instanceof Chord c) sound(t, c.duration(), c.notes(), c.tied());
                    else if (e instanceof Rest) graces.clear(); // grace notes before a rest have nothing to lean on
                    else if (e instanceof GraceNotes g && graceNotes) graces.addAll(g.notes());
                    else if (e instanceof InlineField f) field(f, ticks(t));
                    t = t.plus(e.duration());
                }
            }
            for (Sounding s : open.values()) emit(s);
            open.clear();
            endTick = ticks(t);
        }

        private String name() {
            Matcher m = VOICE_NAME.matcher(voice.properties());
            if (m.find() && !m.group(1).isBlank()) return m.group(1);
            return voice.id().isEmpty() ? "Voice " + (index + 1) : voice.id();
        }

        /** Notes starting at {@code t} for {@code d}; {@code allTied} is a tie after the whole chord. */
        private void sound(Duration t, Duration d, List<Note> notes, boolean allTied) throws InvalidMidiDataException {
            if (!d.isPositive()) { graces.clear(); return; }
            Duration end = t.plus(d);
            Set<Integer> keysDone = new LinkedHashSet<>();
            boolean continuesTie = false;
            for (Note n : notes) {
                Sounding s = open.get(midiKey(n, t));
                if (s != null && s.end.equals(t)) continuesTie = true;
            }
            Duration start = t;
            if (!graces.isEmpty() && !continuesTie) start = playGraces(t, d);
            graces.clear(); // graces before a tied continuation are dropped: moving its start would break the tie
            for (Note n : notes) {
                int k = midiKey(n, t);
                if (!keysDone.add(k)) continue; // the same key twice in a chord sounds once
                Sounding s = open.remove(k);
                if (s != null && s.end.equals(t)) {
                    s = new Sounding(k, s.start, end);
                } else {
                    if (s != null) emit(s); // a tie that led nowhere ends where its note ends
                    s = new Sounding(k, start, end);
                }
                if (allTied || n.tied()) open.put(k, s);
                else emit(s);
            }
        }

        /** Plays the pending grace notes from {@code t} and returns where the main note now starts. */
        private Duration playGraces(Duration t, Duration d) throws InvalidMidiDataException {
            Duration total = GRACE_LENGTH.times(graces.size());
            Duration half = d.dividedBy(2);
            if (total.isLongerThan(half)) total = half;
            Duration each = total.dividedBy(graces.size());
            Duration at = t;
            for (Note g : graces) {
                emit(new Sounding(midiKey(g, at), at, at.plus(each)));
                at = at.plus(each);
            }
            return at;
        }

        private int midiKey(Note n, Duration t) {
            int k = n.midi();
            if (k < 0 || k > 127) throw new IllegalArgumentException("Note " + n.pitch() + " (MIDI " + k + ") in voice " + (index + 1)
                    + " of tune " + tune.x() + " '" + tune.title() + "' at " + t.quarters() + " quarters is outside MIDI's range 0..127"
                    + " (C-1..G9); transpose the tune by octaves, e.g. tune.transpose(" + (k < 0 ? 12 : -12) + ")");
            return k;
        }

        private void emit(Sounding s) throws InvalidMidiDataException {
            long on = ticks(s.start), off = ticks(s.end);
            if (off <= on) return; // shorter than a tick: nothing a player could sound
            events.add(new Event(on, 3, new ShortMessage(ShortMessage.NOTE_ON, channel, s.key, velocity)));
            events.add(new Event(off, 2, new ShortMessage(ShortMessage.NOTE_OFF, channel, s.key, 0)));
        }

        private void field(InlineField f, long tick) {
            try {
                switch (f.name()) {
                    case 'L' -> unit = Duration.parse(f.value()); // a legacy Q: counts in unit lengths
                    case 'Q' -> {
                        Tempo q = Tempo.parse(f.value(), unit);
                        if (q != null) conductor.tempi.put(tick, q); // a Q: naming no speed ("Slow") keeps the tempo
                    }
                    case 'M' -> conductor.meters.put(tick, Meter.parse(f.value()));
                    case 'K' -> {
                        Key changed = Key.change(key, f.value());
                        if (!changed.equals(key)) conductor.keys.put(tick, changed);
                        key = changed;
                    }
                    default -> { }
                }
            } catch (IllegalArgumentException | ArithmeticException e) {
                // the reader kept a field it could not fully read; like an unreadable Q: header, it changes nothing
            }
        }
    }

    /** A note from start to end (exact times), on one MIDI key. */
    private record Sounding(int key, Duration start, Duration end) {}
}
