package tunesmith.midi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiFileFormat;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.notation.AbcReader;
import tunesmith.music.NoteEvent;
import tunesmith.music.Tune;

class MidiTest {

    /** A jig with a repeat, a triplet and a tie across a bar line, at 3/8 = 120. */
    static final String JIG = """
            X:1
            T:Test Jig
            R:jig
            M:6/8
            L:1/8
            Q:3/8=120
            K:G
            |:GAB cBA|(3BcB A2 G2-|G2 D EFG:|
            """;

    // ---- reading MIDI back ------------------------------------------------------------------

    /** A sounding note read back from a track: key, channel, start and end tick. */
    record Played(int key, int channel, long on, long off) {
        long length() { return off - on; }
    }

    static Sequence readBack(byte[] midiFile) throws Exception {
        return MidiSystem.getSequence(new ByteArrayInputStream(midiFile));
    }

    /** Notes of a track in order of onset (then key), pairing each note-on with the next note-off of its key. */
    static List<Played> notes(Track track) {
        List<Played> out = new ArrayList<>();
        Map<Integer, long[]> sounding = new HashMap<>(); // key -> {on tick, channel}
        for (int i = 0; i < track.size(); i++) {
            MidiEvent e = track.get(i);
            if (!(e.getMessage() instanceof ShortMessage m)) continue;
            boolean on = m.getCommand() == ShortMessage.NOTE_ON && m.getData2() > 0;
            boolean off = m.getCommand() == ShortMessage.NOTE_OFF || (m.getCommand() == ShortMessage.NOTE_ON && m.getData2() == 0);
            if (on) {
                assertFalse(sounding.containsKey(m.getData1()), "key " + m.getData1() + " struck again before its note-off at tick " + e.getTick());
                sounding.put(m.getData1(), new long[]{e.getTick(), m.getChannel()});
            } else if (off) {
                long[] s = sounding.remove(m.getData1());
                assertTrue(s != null, "note-off without note-on for key " + m.getData1() + " at tick " + e.getTick());
                out.add(new Played(m.getData1(), (int) s[1], s[0], e.getTick()));
            }
        }
        assertTrue(sounding.isEmpty(), "notes never released: " + sounding.keySet());
        out.sort(Comparator.comparingLong(Played::on).thenComparingInt(Played::key));
        return out;
    }

    static List<MetaMessage> metas(Track track, int type) {
        List<MetaMessage> out = new ArrayList<>();
        for (int i = 0; i < track.size(); i++) {
            if (track.get(i).getMessage() instanceof MetaMessage m && m.getType() == type) out.add(m);
        }
        return out;
    }

    static List<Long> metaTicks(Track track, int type) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < track.size(); i++) {
            if (track.get(i).getMessage() instanceof MetaMessage m && m.getType() == type) out.add(track.get(i).getTick());
        }
        return out;
    }

    static long tempo(MetaMessage m) {
        byte[] d = m.getData();
        return ((d[0] & 0xFFL) << 16) | ((d[1] & 0xFFL) << 8) | (d[2] & 0xFFL);
    }

    static List<ShortMessage> programChanges(Track track) {
        List<ShortMessage> out = new ArrayList<>();
        for (int i = 0; i < track.size(); i++) {
            if (track.get(i).getMessage() instanceof ShortMessage m && m.getCommand() == ShortMessage.PROGRAM_CHANGE) out.add(m);
        }
        return out;
    }

    static long ticks(double quarters) { return Math.round(quarters * Midi.RESOLUTION); }

    // ---- the jig ------------------------------------------------------------------------------

    @Test
    void jigNotesMatchTheUnfoldedMelodyInPitchOnsetAndLength() throws Exception {
        Tune tune = AbcReader.readTune(JIG);
        List<NoteEvent> melody = tune.melody();
        assertEquals(30, melody.size(), "15 notes a pass (the tied G counted once), played twice");

        byte[] file = Midi.of(tune).bytes();
        MidiFileFormat format = MidiSystem.getMidiFileFormat(new ByteArrayInputStream(file));
        assertEquals(1, format.getType(), "standard MIDI file type");
        Sequence seq = readBack(file);
        assertEquals(Sequence.PPQ, seq.getDivisionType());
        assertEquals(480, seq.getResolution());
        assertEquals(2, seq.getTracks().length, "conductor track and one voice");

        List<Played> played = notes(seq.getTracks()[1]);
        assertEquals(melody.size(), played.size(), "note count");
        for (int i = 0; i < melody.size(); i++) {
            NoteEvent m = melody.get(i);
            Played p = played.get(i);
            assertEquals(m.midi(), p.key(), "pitch of note " + i);
            assertEquals(ticks(m.onsetQuarters()), p.on(), "onset of note " + i);
            assertEquals(ticks(m.durationQuarters()), p.length(), "length of note " + i);
        }
        assertEquals(0, played.get(0).channel());
    }

    @Test
    void tripletNotesAreAThirdOfAQuarterAndTheTiedGIsOneNote() throws Exception {
        List<Played> played = notes(readBack(Midi.of(AbcReader.readTune(JIG)).bytes()).getTracks()[1]);
        // bar 2 starts at 6 eighths = 1440 ticks: (3BcB are three notes of 160 ticks
        assertEquals(List.of(new Played(71, 0, 1440, 1600), new Played(72, 0, 1600, 1760), new Played(71, 0, 1760, 1920)),
                played.subList(6, 9));
        // G2-|G2: one G4 (MIDI 67) of four eighths from tick 2400
        assertEquals(new Played(67, 0, 2400, 3360), played.get(10));
        assertEquals(62, played.get(11).key(), "D after the tied G");
    }

    @Test
    void conductorTrackHasTitleTempoMeterAndKey() throws Exception {
        Tune tune = AbcReader.readTune(JIG);
        Track conductor = readBack(Midi.of(tune).bytes()).getTracks()[0];
        assertEquals("Test Jig", new String(metas(conductor, 0x03).get(0).getData()));
        List<MetaMessage> tempi = metas(conductor, 0x51);
        assertEquals(1, tempi.size());
        // 3/8 = 120: a dotted quarter lasts 0.5 s, so a quarter 1/3 s
        assertEquals(333_333, tempo(tempi.get(0)));
        assertEquals(tune.tempo().microsPerQuarter(), tempo(tempi.get(0)));
        assertArrayEquals(new byte[]{6, 3, 36, 8}, metas(conductor, 0x58).get(0).getData(), "6/8, clicks on the dotted quarter");
        assertArrayEquals(new byte[]{1, 0}, metas(conductor, 0x59).get(0).getData(), "G major: one sharp");
        assertTrue(notes(conductor).isEmpty(), "no notes on the conductor track");
    }

    @Test
    void minorKeyAndFreeMeter() throws Exception {
        Track conductor = readBack(Midi.of(AbcReader.readTune("X:1\nT:t\nM:none\nL:1/4\nK:Em\nEFGA|\n")).bytes()).getTracks()[0];
        assertArrayEquals(new byte[]{1, 1}, metas(conductor, 0x59).get(0).getData(), "E minor: one sharp, minor");
        assertTrue(metas(conductor, 0x58).isEmpty(), "free meter has no time signature");
        Track flats = readBack(Midi.of(AbcReader.readTune("X:1\nT:t\nM:C\nL:1/4\nK:Bb\nBcde|\n")).bytes()).getTracks()[0];
        assertArrayEquals(new byte[]{-2, 0}, metas(flats, 0x59).get(0).getData());
        assertArrayEquals(new byte[]{4, 2, 24, 8}, metas(flats, 0x58).get(0).getData());
    }

    @Test
    void lenientMetersAsInTheEssenCollectionStillGiveATimeSignature() throws Exception {
        // Meter keeps "FREI4/4" and "2/2]" as written, and Meter.numerator() cannot read them
        Track frei = readBack(Midi.of(AbcReader.readTune("X:1\nT:t\nM: FREI4/4\nL:1/8\nK:G\nGABc d4|\n")).bytes()).getTracks()[0];
        assertArrayEquals(new byte[]{4, 2, 24, 8}, metas(frei, 0x58).get(0).getData());
        Track stray = readBack(Midi.of(AbcReader.readTune("X:1\nT:t\nM: 2/2]\nL:1/8\nK:G\nGABc d4|\n")).bytes()).getTracks()[0];
        assertArrayEquals(new byte[]{2, 1, 48, 8}, metas(stray, 0x58).get(0).getData());
    }

    @Test
    void programChangeCarriesTheChosenProgramAndNotesTheVelocity() throws Exception {
        Tune tune = AbcReader.readTune(JIG);
        Track voice = readBack(Midi.of(tune).bytes()).getTracks()[1];
        assertEquals(List.of(Midi.DEFAULT_PROGRAM), programChanges(voice).stream().map(ShortMessage::getData1).toList());

        Track flute = readBack(Midi.of(tune).program(73).velocity(90).bytes()).getTracks()[1];
        List<ShortMessage> pc = programChanges(flute);
        assertEquals(1, pc.size());
        assertEquals(73, pc.get(0).getData1());
        for (int i = 0; i < flute.size(); i++) {
            if (flute.get(i).getMessage() instanceof ShortMessage m && m.getCommand() == ShortMessage.NOTE_ON) {
                assertEquals(90, m.getData2(), "velocity");
                assertTrue(flute.get(i).getTick() >= 0);
            }
        }
    }

    @Test
    void settingsAreValidatedWithHelpfulMessages() {
        Midi m = Midi.of(AbcReader.readTune(JIG));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.program(128));
        assertTrue(e.getMessage().contains("0..127") && e.getMessage().contains("128"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.velocity(0));
        assertThrows(IllegalArgumentException.class, () -> Midi.of(null));
        assertEquals(0, m.program(73).velocity(90).graceNotes(false).program(0).program(), "settings return new values");
        assertEquals(Midi.DEFAULT_VELOCITY, m.velocity(), "the original is unchanged");
    }

    // ---- ties, chords, voices -------------------------------------------------------------

    @Test
    void tiesJoinNotesOfTheSamePitchOnlyAndAcrossBars() throws Exception {
        // c2-c2 is one note; [CE]2-[CG]2 ties C (both chords have it) but E ends, G starts; A2-|A2 ties across the bar
        Tune tune = AbcReader.readTune("X:1\nT:ties\nM:4/4\nL:1/8\nK:C\nc2-c2 [CE]2-[CG]2|A4-A2 B2-|B8|\n");
        List<Played> played = notes(readBack(Midi.of(tune).bytes()).getTracks()[1]);
        assertEquals(List.of(
                new Played(72, 0, 0, 960),      // c2-c2
                new Played(60, 0, 960, 1920),   // C of both chords
                new Played(64, 0, 960, 1440),   // E
                new Played(67, 0, 1440, 1920),  // G
                new Played(69, 0, 1920, 3360),  // A4-A2
                new Played(71, 0, 3360, 5760)), // B2-|B8
                played);
    }

    @Test
    void aChordSoundsAllItsNotesTogether() throws Exception {
        Tune tune = AbcReader.readTune("X:1\nT:chords\nM:4/4\nL:1/4\nK:C\n\"C\"[CEG]2 !fermata![DFA]2|\n");
        List<Played> played = notes(readBack(Midi.of(tune).bytes()).getTracks()[1]);
        assertEquals(List.of(
                new Played(60, 0, 0, 960), new Played(64, 0, 0, 960), new Played(67, 0, 0, 960),
                new Played(62, 0, 960, 1920), new Played(65, 0, 960, 1920), new Played(69, 0, 960, 1920)), played,
                "chord symbol and decoration add nothing");
    }

    @Test
    void restsAreSilentAndTrailingRestsCountInTheLength() throws Exception {
        Tune tune = AbcReader.readTune("X:1\nT:rests\nM:4/4\nL:1/4\nQ:1/4=120\nK:C\nC z D z|z4|\n");
        Sequence seq = readBack(Midi.of(tune).bytes());
        assertEquals(List.of(new Played(60, 0, 0, 480), new Played(62, 0, 960, 1440)), notes(seq.getTracks()[1]));
        assertEquals(8 * 480, seq.getTickLength(), "two bars of 4/4, the silent one included");
        assertEquals(4.0, Midi.of(tune).seconds(), 1e-6, "8 quarters at 120");
    }

    @Test
    void twoVoicesGiveTwoNoteTracksOnTheirOwnChannels() throws Exception {
        Tune tune = AbcReader.readTune("""
                X:1
                T:Duet
                M:4/4
                L:1/4
                V:1 name="Upper"
                V:2 clef=bass
                K:C
                V:1
                cdef|g4|
                V:2
                C,2G,2|C,4|
                """);
        assertEquals(2, tune.voices().size());
        Sequence seq = readBack(Midi.of(tune).bytes());
        assertEquals(3, seq.getTracks().length, "conductor and two voices");
        List<Played> upper = notes(seq.getTracks()[1]), lower = notes(seq.getTracks()[2]);
        assertEquals(List.of(72, 74, 76, 77, 79), upper.stream().map(Played::key).toList());
        assertEquals(List.of(48, 55, 48), lower.stream().map(Played::key).toList());
        assertTrue(upper.stream().allMatch(p -> p.channel() == 0));
        assertTrue(lower.stream().allMatch(p -> p.channel() == 1));
        assertEquals(new Played(55, 1, 960, 1920), lower.get(1));
        assertEquals("Upper", new String(metas(seq.getTracks()[1], 0x03).get(0).getData()));
        assertEquals("2", new String(metas(seq.getTracks()[2], 0x03).get(0).getData()));
        assertEquals(1, programChanges(seq.getTracks()[2]).size());
    }

    @Test
    void voicesSkipTheDrumChannel() throws Exception {
        StringBuilder abc = new StringBuilder("X:1\nT:Eleven\nM:4/4\nL:1/4\n");
        for (int v = 1; v <= 11; v++) abc.append("V:").append(v).append('\n');
        abc.append("K:C\n");
        for (int v = 1; v <= 11; v++) abc.append("V:").append(v).append("\nC4|\n");
        Sequence seq = readBack(Midi.of(AbcReader.readTune(abc.toString())).bytes());
        assertEquals(12, seq.getTracks().length);
        List<Integer> channels = new ArrayList<>();
        for (int t = 1; t < 12; t++) channels.add(notes(seq.getTracks()[t]).get(0).channel());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11), channels);
    }

    // ---- grace notes and tempo changes ------------------------------------------------------

    @Test
    void graceNotesTakeA32ndFromTheFollowingNoteUnlessSwitchedOff() throws Exception {
        Tune tune = AbcReader.readTune("X:1\nT:graces\nM:2/4\nL:1/8\nK:D\n{g}A2 {gfe}d/e/ f|\n");
        List<Played> played = notes(readBack(Midi.of(tune).bytes()).getTracks()[1]);
        assertEquals(List.of(
                new Played(79, 0, 0, 60),       // {g}: a 1/32 = 60 ticks
                new Played(69, 0, 60, 480),     // A2 starts late and ends on time
                new Played(79, 0, 480, 500),    // {gfe} before a 16th (120 ticks): 3/32 is more than half
                new Played(78, 0, 500, 520),    // of it, so the three share that half; f is F#5 in D
                new Played(76, 0, 520, 540),
                new Played(74, 0, 540, 600),    // d/ keeps its end
                new Played(76, 0, 600, 720),
                new Played(78, 0, 720, 960)), played);

        List<Played> plain = notes(readBack(Midi.of(tune).graceNotes(false).bytes()).getTracks()[1]);
        assertEquals(List.of(new Played(69, 0, 0, 480), new Played(74, 0, 480, 600), new Played(76, 0, 600, 720),
                new Played(78, 0, 720, 960)), plain);
        assertEquals(tune.melody().size(), plain.size());
    }

    @Test
    void inlineTempoChangesBecomeTempoEvents() throws Exception {
        Tune tune = AbcReader.readTune("X:1\nT:slower\nM:4/4\nL:1/4\nQ:1/4=120\nK:C\nCDEF|[Q:1/4=60]GABc|\nQ:1/2=100\nc4|\n");
        Track conductor = readBack(Midi.of(tune).bytes()).getTracks()[0];
        List<Long> values = metas(conductor, 0x51).stream().map(MidiTest::tempo).toList();
        assertEquals(List.of(500_000L, 1_000_000L, 300_000L), values);
        assertEquals(List.of(0L, 1920L, 3840L), metaTicks(conductor, 0x51));
        // 4 quarters at 0.5 s + 4 at 1 s + 4 at 0.3 s
        assertEquals(2 + 4 + 1.2, Midi.of(tune).seconds(), 1e-6);
    }

    @Test
    void inlineMeterAndKeyChangesAreWrittenWhereTheyHappen() throws Exception {
        Tune tune = AbcReader.readTune("X:1\nT:changes\nM:4/4\nL:1/4\nK:G\nGABc|[M:3/4][K:F]FGA|\n");
        Track conductor = readBack(Midi.of(tune).bytes()).getTracks()[0];
        assertEquals(List.of(0L, 1920L), metaTicks(conductor, 0x58));
        assertArrayEquals(new byte[]{3, 2, 24, 8}, metas(conductor, 0x58).get(1).getData());
        assertEquals(List.of(0L, 1920L), metaTicks(conductor, 0x59));
        assertArrayEquals(new byte[]{-1, 0}, metas(conductor, 0x59).get(1).getData());
    }

    @Test
    void writesAFileThatReadsBackTheSame(@TempDir Path dir) throws Exception {
        Midi midi = Midi.of(AbcReader.readTune(JIG));
        Path file = midi.write(dir.resolve("out/jig.mid"));
        assertArrayEquals(midi.bytes(), Files.readAllBytes(file));
        assertEquals(midi.sequence().getTickLength(), MidiSystem.getSequence(file.toFile()).getTickLength());
        assertTrue(midi.toString().startsWith("Midi 'Test Jig' (1 voice, 0:"), midi.toString());
    }
}
