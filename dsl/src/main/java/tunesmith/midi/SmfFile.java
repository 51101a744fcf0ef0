package tunesmith.midi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

/**
 * What a standard MIDI file holds, read once: its notes (note-on to note-off, per track and channel),
 * its tracks' names, and the tempo, time and key signature events. The chunk layout is checked
 * before {@code javax.sound.midi} parses the events, so a file that is not MIDI or was cut short is
 * named as such (the JDK's own reader says only "could not get sequence"). A RIFF MIDI file
 * (.rmi) is unwrapped.
 */
final class SmfFile {

    /** One sounding note: track (1-based, as users count them), channel (0-based, as MIDI counts), key, start and end tick. */
    record Sounding(int track, int channel, int key, long on, long off) {
        long length() { return off - on; }
    }

    /** A track as a user sees it: number (1-based), name ("" when it has none), its notes and their channels (0-based). */
    record TrackInfo(int number, String name, int notes, TreeSet<Integer> channels) {
        String describe() {
            StringBuilder b = new StringBuilder().append(number);
            if (!name.isBlank()) b.append(" \"").append(name.strip()).append('"');
            if (notes == 0) return b.append(" (no notes)").toString();
            b.append(" (").append(notes).append(notes == 1 ? " note" : " notes").append(" on channel").append(channels.size() > 1 ? "s " : " ");
            b.append(String.join(", ", channels.stream().map(c -> Integer.toString(c + 1)).toList()));
            return b.append(')').toString();
        }
    }

    /** MIDI channel 10 (9 counted from 0): General MIDI's percussion, never a melody unless asked for. */
    static final int DRUM_CHANNEL = 9;

    final String source;
    final int format;
    final int resolution;
    final List<TrackInfo> tracks;
    final List<Sounding> notes;
    /** Tick to {numerator, denominator}. */
    final TreeMap<Long, int[]> timeSignatures = new TreeMap<>();
    /** Tick to {sharps (+) or flats (-), 1 for minor}. */
    final TreeMap<Long, int[]> keySignatures = new TreeMap<>();
    /** Tick to microseconds per quarter note. */
    final TreeMap<Long, Integer> tempi = new TreeMap<>();
    final long endTick;

    private SmfFile(String source, int format, int resolution, List<TrackInfo> tracks, List<Sounding> notes, long endTick) {
        this.source = source;
        this.format = format;
        this.resolution = resolution;
        this.tracks = tracks;
        this.notes = notes;
        this.endTick = endTick;
    }

    /** The name of the first track (a type-1 file's conductor track names the song), or "". */
    String firstTrackName() { return tracks.isEmpty() ? "" : tracks.get(0).name().strip(); }

    static SmfFile read(byte[] bytes, String source) {
        byte[] smf = unwrapRiff(bytes, source);
        int[] header = checkChunks(smf, source);
        int format = header[0], resolution = header[1];
        Sequence seq;
        try {
            seq = MidiSystem.getSequence(new ByteArrayInputStream(smf));
        } catch (InvalidMidiDataException | IOException | RuntimeException e) {
            throw new MidiFileException(source, "not a valid MIDI file: its events cannot be read ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
        if (seq.getDivisionType() != Sequence.PPQ)
            throw new MidiFileException(source, "its time is counted in SMPTE frames, not in ticks per quarter note; "
                    + "only files with ticks per quarter note (nearly every file a notation program or sequencer writes) are read");
        List<TrackInfo> infos = new ArrayList<>();
        List<Sounding> notes = new ArrayList<>();
        long end = 0;
        Track[] tracks = seq.getTracks();
        TreeMap<Long, int[]> ts = new TreeMap<>(), ks = new TreeMap<>();
        TreeMap<Long, Integer> tempi = new TreeMap<>();
        for (int t = 0; t < tracks.length; t++) {
            Track track = tracks[t];
            String name = "";
            Map<Integer, Deque<Long>> sounding = new HashMap<>(); // channel * 128 + key -> note-on ticks, first in first out
            TreeSet<Integer> channels = new TreeSet<>();
            int count = 0;
            long last = 0;
            for (int i = 0; i < track.size(); i++) {
                MidiEvent e = track.get(i);
                long tick = e.getTick();
                last = Math.max(last, tick);
                if (e.getMessage() instanceof MetaMessage m) {
                    byte[] d = m.getData();
                    switch (m.getType()) {
                        case 0x03 -> { if (name.isEmpty()) name = text(d); }
                        case 0x51 -> { if (d.length >= 3) { int us = (d[0] & 0xff) << 16 | (d[1] & 0xff) << 8 | (d[2] & 0xff); if (us > 0) tempi.put(tick, us); } }
                        // at one tick a later track's event wins: a type-1 file's voice track is more particular than its conductor
                        case 0x58 -> { if (d.length >= 2 && d[0] > 0 && d[1] >= 0 && d[1] <= 6) ts.put(tick, new int[]{d[0] & 0xff, 1 << d[1]}); }
                        case 0x59 -> { if (d.length >= 2 && d[0] >= -7 && d[0] <= 7) ks.put(tick, new int[]{d[0], d[1] == 1 ? 1 : 0}); }
                        default -> { }
                    }
                } else if (e.getMessage() instanceof ShortMessage m) {
                    int cmd = m.getCommand();
                    boolean on = cmd == ShortMessage.NOTE_ON && m.getData2() > 0;
                    boolean off = cmd == ShortMessage.NOTE_OFF || (cmd == ShortMessage.NOTE_ON && m.getData2() == 0);
                    if (!on && !off) continue;
                    int k = m.getChannel() * 128 + m.getData1();
                    if (on) {
                        sounding.computeIfAbsent(k, x -> new ArrayDeque<>()).addLast(tick);
                    } else {
                        Deque<Long> q = sounding.get(k);
                        if (q == null || q.isEmpty()) continue; // a note-off without its note-on says nothing
                        long start = q.removeFirst();
                        if (tick > start) {
                            notes.add(new Sounding(t + 1, m.getChannel(), m.getData1(), start, tick));
                            channels.add(m.getChannel());
                            count++;
                        }
                    }
                }
            }
            // a note never switched off sounds to the end of its track
            for (Map.Entry<Integer, Deque<Long>> s : sounding.entrySet()) {
                for (long start : s.getValue()) {
                    if (last > start) {
                        notes.add(new Sounding(t + 1, s.getKey() / 128, s.getKey() % 128, start, last));
                        channels.add(s.getKey() / 128);
                        count++;
                    }
                }
            }
            end = Math.max(end, last);
            infos.add(new TrackInfo(t + 1, name, count, channels));
        }
        notes.sort(java.util.Comparator.comparingLong(Sounding::on).thenComparingInt(Sounding::key));
        SmfFile file = new SmfFile(source, format, resolution, List.copyOf(infos), List.copyOf(notes), end);
        file.timeSignatures.putAll(ts);
        file.keySignatures.putAll(ks);
        file.tempi.putAll(tempi);
        return file;
    }

    private static String text(byte[] d) {
        // names are Latin-1 in most files (one byte a character); UTF-8 when the bytes are valid UTF-8
        String utf8 = new String(d, StandardCharsets.UTF_8);
        String s = utf8.contains("\uFFFD") ? new String(d, StandardCharsets.ISO_8859_1) : utf8;
        return s.replace("\u0000", "").strip();
    }

    /** The standard MIDI file inside a RIFF MIDI (.rmi) file's "data" chunk; other bytes as they are. */
    private static byte[] unwrapRiff(byte[] b, String source) {
        if (b.length < 12 || !ascii(b, 0, "RIFF") || !ascii(b, 8, "RMID")) return b;
        int at = 12;
        while (at + 8 <= b.length) {
            long size = (b[at + 4] & 0xffL) | (b[at + 5] & 0xffL) << 8 | (b[at + 6] & 0xffL) << 16 | (b[at + 7] & 0xffL) << 24;
            if (ascii(b, at, "data")) {
                if (at + 8 + size > b.length) throw new MidiFileException(source, "truncated: the RIFF MIDI file's data chunk declares "
                        + size + " bytes but only " + (b.length - at - 8) + " remain");
                return java.util.Arrays.copyOfRange(b, at + 8, (int) (at + 8 + size));
            }
            at += 8 + (int) size + (int) (size & 1);
        }
        throw new MidiFileException(source, "a RIFF MIDI (.rmi) file without a \"data\" chunk: no MIDI music in it");
    }

    /** Checks the header and the track chunks' lengths; returns {format, ticks per quarter}. */
    private static int[] checkChunks(byte[] b, String source) {
        if (b.length == 0) throw new MidiFileException(source, "not a MIDI file: the file is empty");
        if (b.length < 4 || !ascii(b, 0, "MThd"))
            throw new MidiFileException(source, "not a MIDI file: a standard MIDI file starts with \"MThd\", this one with " + opening(b));
        if (b.length < 14) throw new MidiFileException(source, "truncated: the file ends inside its header (" + b.length + " of 14 bytes)");
        long headerLength = u32(b, 4);
        if (headerLength < 6) throw new MidiFileException(source, "not a valid MIDI file: its header declares " + headerLength + " bytes, fewer than the 6 it needs");
        int format = u16(b, 8), declared = u16(b, 10), division = u16(b, 12);
        if (format > 2) throw new MidiFileException(source, "not a valid MIDI file: format " + format + " (expected type 0 or 1)");
        if (format == 2) throw new MidiFileException(source, "a type 2 MIDI file (independent patterns, not one piece): only type 0 and 1 are read");
        if (division == 0) throw new MidiFileException(source, "not a valid MIDI file: 0 ticks per quarter note");
        long at = 8 + headerLength;
        int found = 0;
        while (at < b.length) {
            if (at + 8 > b.length) {
                if (found < declared) throw new MidiFileException(source, "truncated: the file ends inside the header of track " + (found + 1)
                        + " of " + declared + " (at byte " + b.length + ")");
                break; // stray bytes after the last track: players ignore them, so do we
            }
            long length = u32(b, (int) at + 4);
            boolean track = ascii(b, (int) at, "MTrk");
            if (at + 8 + length > b.length) {
                String what = track ? "track " + (found + 1) + " of " + declared : "chunk \"" + new String(b, (int) at, 4, StandardCharsets.ISO_8859_1) + "\"";
                throw new MidiFileException(source, "truncated: " + what + " declares " + length + " bytes but only " + (b.length - at - 8)
                        + " remain (the file ends at byte " + b.length + ")");
            }
            if (track) found++;
            at += 8 + length;
        }
        if (found < declared) throw new MidiFileException(source, "truncated: the header declares " + declared + " tracks but the file holds " + found);
        return new int[]{format, division};
    }

    private static String opening(byte[] b) {
        int n = Math.min(b.length, 16);
        StringBuilder s = new StringBuilder();
        boolean text = true;
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            if (c == '\n' || c == '\r') s.append("\\n");
            else if (c >= 0x20 && c < 0x7f) s.append((char) c);
            else { text = false; s.append(String.format("\\x%02x", c)); }
        }
        String shown = "\"" + s + "\"";
        if (!text) return shown;
        String head = new String(b, 0, Math.min(b.length, 2), StandardCharsets.ISO_8859_1);
        return shown + (head.startsWith("X:") || head.startsWith("%") ? " (ABC text: read it as ABC, e.g. tunebook(path))" : " (text)");
    }

    private static boolean ascii(byte[] b, int at, String s) {
        if (at + s.length() > b.length) return false;
        for (int i = 0; i < s.length(); i++) if (b[at + i] != s.charAt(i)) return false;
        return true;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) << 24 | (b[at + 1] & 0xffL) << 16 | (b[at + 2] & 0xffL) << 8 | (b[at + 3] & 0xffL);
    }

    private static int u16(byte[] b, int at) { return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff); }
}
