package tunesmith.midi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

/** Standard MIDI files made in tests with the JDK's writer: tracks of names, meta events and notes at given ticks. */
final class Smf {

    private final Sequence seq;
    private Track track;

    private Smf(int resolution) {
        try {
            seq = new Sequence(Sequence.PPQ, resolution);
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException(e);
        }
    }

    static Smf of(int resolution) { return new Smf(resolution); }

    /** A new track, the one the next events go to. */
    Smf track(String name) {
        track = seq.createTrack();
        if (name != null) meta(0x03, name.getBytes(StandardCharsets.ISO_8859_1), 0);
        return this;
    }

    Smf timeSignature(int numerator, int denominator, long tick) {
        return meta(0x58, new byte[]{(byte) numerator, (byte) Integer.numberOfTrailingZeros(denominator), 24, 8}, tick);
    }

    Smf keySignature(int sharps, boolean minor, long tick) {
        return meta(0x59, new byte[]{(byte) sharps, (byte) (minor ? 1 : 0)}, tick);
    }

    Smf tempo(int quartersPerMinute, long tick) {
        int us = 60_000_000 / quartersPerMinute;
        return meta(0x51, new byte[]{(byte) (us >> 16), (byte) (us >> 8), (byte) us}, tick);
    }

    Smf meta(int type, byte[] data, long tick) {
        try {
            track.add(new MidiEvent(new MetaMessage(type, data, data.length), tick));
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** A note on channel 1..16 from tick {@code on} to {@code off}. */
    Smf note(int channel, int key, long on, long off) {
        try {
            track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, channel - 1, key, 80), on));
            track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, channel - 1, key, 0), off));
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Notes back to back on one channel: {key, length in ticks} pairs, key 0 a rest, from tick {@code start}. */
    Smf line(int channel, long start, int... keysAndLengths) {
        long t = start;
        for (int i = 0; i + 1 < keysAndLengths.length; i += 2) {
            if (keysAndLengths[i] > 0) note(channel, keysAndLengths[i], t, t + keysAndLengths[i + 1]);
            t += keysAndLengths[i + 1];
        }
        return this;
    }

    byte[] bytes(int type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MidiSystem.write(seq, type, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Onset and length pairs of a melody in ticks, for notes with a time error added. */
    record Timed(int key, long on, long off) {}

    static List<Timed> timed(long start, int... keysAndLengths) {
        List<Timed> out = new ArrayList<>();
        long t = start;
        for (int i = 0; i + 1 < keysAndLengths.length; i += 2) {
            if (keysAndLengths[i] > 0) out.add(new Timed(keysAndLengths[i], t, t + keysAndLengths[i + 1]));
            t += keysAndLengths[i + 1];
        }
        return out;
    }
}
