package tunesmith.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.midi.Smf.Timed;
import tunesmith.music.Bar;
import tunesmith.music.Duration;
import tunesmith.music.Element;
import tunesmith.music.Key;
import tunesmith.music.Mode;
import tunesmith.music.Note;
import tunesmith.music.NoteEvent;
import tunesmith.music.Pitch;
import tunesmith.music.Tune;
import tunesmith.music.Tuplet;
import tunesmith.notation.AbcReader;
import tunesmith.notation.AbcWriter;

class MidiInTest {

    static final int R = 480, Q = R, E = R / 2, S = R / 4, T8 = R / 3, T16 = R / 6;

    /** The tune's notes as "key@onset+length", onsets and lengths as exact fractions of a whole note. */
    static List<String> notes(Tune t) {
        return t.melody().stream().map(e -> e.midi() + "@" + e.onset() + "+" + e.duration()).toList();
    }

    static List<String> notes(List<Timed> exact, int resolution) {
        return exact.stream().map(n -> n.key() + "@" + Duration.of(n.on(), 4L * resolution) + "+" + Duration.of(n.off() - n.on(), 4L * resolution)).toList();
    }

    /** The notes moved by up to {@code jitter} ticks and released up to {@code release} ticks early, as a player would. */
    static List<Timed> played(List<Timed> exact, long seed, int jitter, int release) {
        Random r = new Random(seed);
        List<Timed> out = new ArrayList<>();
        for (Timed n : exact) {
            long on = Math.max(0, n.on() + r.nextInt(2 * jitter + 1) - jitter);
            long off = n.off() + r.nextInt(2 * jitter + 1) - jitter - r.nextInt(release + 1);
            out.add(new Timed(n.key(), on, Math.max(on + 1, off)));
        }
        return out;
    }

    static byte[] file(List<Timed> notes, String meter) {
        Smf smf = Smf.of(R).track("Test");
        if (meter != null) {
            String[] m = meter.split("/");
            smf.timeSignature(Integer.parseInt(m[0]), Integer.parseInt(m[1]), 0);
        }
        for (Timed n : notes) smf.note(1, n.key(), n.on(), n.off());
        return smf.bytes(0);
    }

    static MidiImport read(byte[] bytes) { return MidiIn.midiIn().read(bytes, "test.mid"); }

    // ---- quantization -------------------------------------------------------------------------

    /** A reel-like line of eighths, 16ths, quarters and a rest. */
    static final List<Timed> REEL = Smf.timed(0,
            62, E, 66, E, 69, E, 66, E, 74, Q, 73, E, 71, E,
            69, S, 71, S, 69, S, 67, S, 66, E, 64, E, 62, Q, 0, Q,
            67, E, 71, E, 74, E, 71, E, 69, E, 66, E, 64, Q);

    @Test
    void humanTimingLandsOnTheGridAndTheErrorIsReported() {
        for (long seed = 1; seed <= 20; seed++) {
            MidiImport in = read(file(played(REEL, seed, 20, 30), "4/4"));
            assertEquals(notes(REEL, R), notes(in.tune()), "seed " + seed + ": every note on its place\n" + in);
            MidiReport rep = in.report();
            assertTrue(rep.meanOnsetTicks() > 3 && rep.maxOnsetTicks() <= 20, "onsets moved back by at most the jitter: " + rep);
            assertEquals(rep.meanOnsetTicks() / R, rep.meanOnsetQuarters(), 1e-12);
            assertTrue(rep.toString().contains("onsets moved"), rep.toString());
        }
    }

    @Test
    void exactTimingMovesNothing() {
        MidiImport in = read(file(REEL, "4/4"));
        assertEquals(notes(REEL, R), notes(in.tune()));
        assertEquals(0, in.report().maxOnsetTicks());
        assertEquals(0, in.report().maxLengthTicks());
    }

    /** Eighth pairs long-short, at 2:1 and 3:2, with a little jitter. */
    static List<Timed> swung(double share, long seed) {
        List<Timed> even = Smf.timed(0, 67, E, 69, E, 71, E, 72, E, 74, E, 72, E, 71, E, 69, E,
                67, E, 66, E, 64, E, 66, E, 67, Q, 0, Q, 71, E, 69, E, 67, E, 66, E, 64, Q, 62, Q);
        Random r = new Random(seed);
        List<Timed> out = new ArrayList<>();
        for (Timed n : even) {
            long on = n.on() % Q == E ? n.on() - E + Math.round(share * Q) : n.on();
            long off = n.off() % Q == E ? n.off() - E + Math.round(share * Q) : n.off();
            out.add(new Timed(n.key(), on + r.nextInt(11) - 5, off - r.nextInt(10)));
        }
        return out;
    }

    @Test
    void swungEighthsAreWrittenEven() {
        List<Timed> even = swung(0.5, 0).stream().map(n -> new Timed(n.key(), Math.round(n.on() / (double) E) * E, Math.round(n.off() / (double) E) * E)).toList();
        for (double share : new double[]{2.0 / 3, 0.6}) {
            MidiImport in = read(file(swung(share, 7), "4/4"));
            assertEquals(notes(even, R), notes(in.tune()), "swing " + share + " written as even eighths\n" + in);
            assertEquals(share, in.report().swing(), 0.03, in.report().toString());
            assertTrue(in.report().toString().contains("swing"), in.report().toString());
        }
        MidiImport kept = MidiIn.midiIn().straightenSwing(false).read(file(swung(2.0 / 3, 7), "4/4"), "test.mid");
        assertEquals(0, kept.report().swing());
        // a long-short pair has one onset off the 16ths: a triplet only when it fits clearly better, so not every pair
        assertTrue(kept.report().triplets() >= 4, "unstraightened, 2:1 swing is the triplet rhythm: " + kept.report());
        assertNotEquals(notes(even, R), notes(kept.tune()));
    }

    @Test
    void evenEighthsWithTripletsAreNotSwing() {
        List<Timed> line = Smf.timed(0, 67, E, 69, E, 71, T8, 72, T8, 71, T8, 69, Q, 67, E, 66, E, 64, T8, 66, T8, 67, T8, 69, Q,
                71, E, 72, E, 74, T8, 72, T8, 71, T8, 69, Q, 67, T8, 69, T8, 71, T8, 67, Q);
        MidiImport in = read(file(played(line, 3, 10, 10), "4/4"));
        assertEquals(0, in.report().swing(), in.report().toString());
        assertEquals(notes(line, R), notes(in.tune()));
    }

    @Test
    void tripletsBecomeTupletsBeatByBeat() {
        // eighth-triplets on a beat, a 16th-triplet and an eighth, 16ths, an eighth and a 16th-triplet
        List<Timed> line = Smf.timed(0,
                67, T8, 69, T8, 71, T8, 72, T16, 74, T16, 72, T16, 71, E, 69, S, 67, S, 66, S, 64, S, 62, Q,
                67, T8, 69, T8, 71, T8, 74, E, 72, T16, 71, T16, 69, T16, 67, Q, 0, Q);
        for (long seed = 1; seed <= 10; seed++) {
            MidiImport in = read(file(played(line, seed, 8, 8), "4/4"));
            Tune t = in.tune();
            assertEquals(notes(line, R), notes(t), "seed " + seed + "\n" + in);
            List<Tuplet> tuplets = new ArrayList<>();
            for (Bar b : t.bars()) for (Element e : b.elements()) if (e instanceof Tuplet tp) tuplets.add(tp);
            assertEquals(List.of(new Tuplet(3, 2, 3), new Tuplet(3, 2, 3), new Tuplet(3, 2, 3), new Tuplet(3, 2, 3)), tuplets, AbcWriter.write(t));
            assertTrue(AbcWriter.write(t).contains("(3:2:3GAB (3:2:3c/d/c/B"), AbcWriter.write(t));
            assertEquals(4, in.report().triplets());
            assertEquals(t, AbcReader.readTune(AbcWriter.write(t)), "the written ABC reads back as the same tune");
        }
        // a triplet with a rest has one onset off the 16ths: played exactly, it is a triplet (jittered, it may be a dotted rhythm)
        List<Timed> rest = Smf.timed(0, 67, T8, 0, T8, 71, T8, 72, Q, 74, 2 * Q);
        assertEquals(notes(rest, R), notes(read(file(rest, "4/4")).tune()));
        assertTrue(AbcWriter.write(read(file(rest, "4/4")).tune()).contains("(3:2:3GzB c2 d4|]"), AbcWriter.write(read(file(rest, "4/4")).tune()));
        MidiImport plain = MidiIn.midiIn().triplets(false).read(file(line, "4/4"), "test.mid");
        assertEquals(0, plain.report().triplets());
        assertNotEquals(notes(line, R), notes(plain.tune()), "without triplets the notes move to 16ths");
    }

    @Test
    void aGridOf32ndsKeepsThemAndOneOf16thsFoldsThemAsOrnaments() {
        // a 32nd-note grace before each beat's note, as abc2midi plays {g}A
        List<Timed> line = Smf.timed(0, 74, R / 8, 69, Q - R / 8, 74, R / 8, 71, Q - R / 8, 76, R / 8, 72, Q - R / 8, 74, Q);
        MidiImport folded = read(file(line, "4/4"));
        assertEquals(List.of("69@0+1/4", "71@1/4+1/4", "72@1/2+1/4", "74@3/4+1/4"), notes(folded.tune()), folded.toString());
        assertEquals(3, folded.report().ornaments());
        MidiImport fine = MidiIn.midiIn().grid(32).read(file(line, "4/4"), "test.mid");
        assertEquals(notes(line, R), notes(fine.tune()), "32nds kept on a grid of 32nds");
    }

    // ---- bars, ties, rests ----------------------------------------------------------------------

    @Test
    void notesAcrossBarLinesAreTiedAndRestsKept() {
        // 3/4: a rest first, a half note over the bar line, a rest in the middle
        List<Timed> line = Smf.timed(0, 0, Q, 67, Q, 69, 2 * Q, 71, Q, 0, Q, 72, Q, 74, 3 * Q);
        MidiImport in = MidiIn.midiIn().key("G").read(file(line, "3/4"), "test.mid");
        Tune t = in.tune();
        assertEquals(notes(line, R), notes(t));
        assertEquals("3/4", t.meter().text());
        assertEquals(Duration.ZERO, in.report().pickup(), "a rest opens the first bar; " + in.report());
        Bar first = t.bars().get(0), second = t.bars().get(1);
        assertTrue(first.elements().get(0) instanceof tunesmith.music.Rest, AbcWriter.write(t));
        Note tied = (Note) first.elements().get(first.elements().size() - 1);
        assertTrue(tied.tied() && tied.midi() == 69, AbcWriter.write(t));
        assertEquals(69, ((Note) second.elements().get(0)).midi());
        for (Bar b : t.bars()) assertEquals(Duration.of(3, 4), b.duration(), "every bar full: " + AbcWriter.write(t));
        assertTrue(AbcWriter.write(t).contains("\nz2 G2 A2-|A2 B2 z2|c2 d4-|d2 z4|]"), AbcWriter.write(t));
    }

    // ---- type 0 and 1, tracks and channels --------------------------------------------------------

    /** A type-1 song: a conductor track, a melody and a bass that sounds under it (and alone where the melody rests). */
    static Smf song() {
        return Smf.of(R).track("Song").timeSignature(4, 4, 0).keySignature(1, false, 0).tempo(96, 0)
                .track("Melody").line(1, 0, 71, Q, 74, Q, 72, E, 71, E, 69, Q, 67, 2 * Q, 0, 2 * Q)
                .track("Bass").line(2, 0, 43, 2 * Q, 50, 2 * Q, 48, Q, 47, Q, 45, 2 * Q);
    }

    @Test
    void typeOneTakesTheHighestVoiceOrTheTrackOrChannelAsked() {
        byte[] bytes = song().bytes(1);
        MidiImport all = read(bytes);
        assertEquals(List.of("71@0+1/4", "74@1/4+1/4", "72@1/2+1/8", "71@5/8+1/8", "69@3/4+1/4", "67@1+1/2", "45@3/2+1/2"), notes(all.tune()),
                "the melody, and the bass where the melody rests");
        assertEquals("Song", all.tune().title());
        assertEquals(1, all.report().format());
        assertEquals(3, all.report().tracks());
        assertEquals("G major", all.tune().key().describe());
        assertEquals(96, all.report().tempo());
        assertEquals("1/4=96", all.tune().field('Q').orElseThrow());
        List<String> bass = List.of("43@0+1/2", "50@1/2+1/2", "48@1+1/4", "47@5/4+1/4", "45@3/2+1/2");
        assertEquals(bass, notes(MidiIn.midiIn().track("bass").read(bytes, "song.mid").tune()));
        assertEquals(bass, notes(MidiIn.midiIn().track(3).read(bytes, "song.mid").tune()));
        assertEquals(bass, notes(MidiIn.midiIn().channel(2).read(bytes, "song.mid").tune()));
        MidiImport melody = MidiIn.midiIn().track("Melody").read(bytes, "song.mid");
        assertEquals(notes(all.tune()).subList(0, 6), notes(melody.tune()));
        assertTrue(melody.report().melody().contains("track 2 \"Melody\""), melody.report().toString());
    }

    @Test
    void typeZeroReadsAsTypeOne() {
        Smf one = Smf.of(R).track(null).timeSignature(6, 8, 0).keySignature(-1, true, 0)
                .line(1, 0, 62, E, 64, E, 65, E, 67, Q, 69, E, 70, E, 69, E, 67, E, 65, 3 * E, 61, 3 * E, 62, 3 * E);
        MidiImport in = MidiIn.midiIn().read(one.bytes(0), "/tmp/Dm Jig.mid");
        assertEquals(0, in.report().format());
        assertEquals("Dm Jig", in.tune().title(), "no track name: the file's name");
        assertEquals("6/8", in.tune().meter().text());
        assertEquals("D minor", in.tune().key().describe());
        String abc = AbcWriter.write(in.tune());
        assertTrue(abc.contains("B") && abc.contains("^C"), "Bb from the key, the leading tone C# raised, not Db: " + abc);
        MidiImport again = MidiIn.midiIn().read(one.bytes(1), "Dm Jig.mid");
        assertEquals(in.tune(), again.tune());
    }

    @Test
    void chordsGiveTheirTopNote() {
        Smf smf = Smf.of(R).track("Piano").timeSignature(4, 4, 0);
        int[][] chords = {{60, 64, 67}, {62, 65, 69}, {59, 62, 67}, {60, 64, 72}};
        for (int i = 0; i < chords.length; i++) for (int k : chords[i]) smf.note(1, k, i * Q + (k % 3), (i + 1) * Q - 10); // rolled by a few ticks
        MidiImport in = read(smf.bytes(1));
        assertEquals(List.of("67@0+1/4", "69@1/4+1/4", "67@1/2+1/4", "72@3/4+1/4"), notes(in.tune()));
        assertEquals(12, in.report().notesChosen());
        assertEquals(4, in.report().notesRead());
    }

    // ---- key, spelling, meter --------------------------------------------------------------------

    @Test
    void pitchesAreSpelledInTheKey() {
        Key d = Key.parse("D"), f = Key.parse("F"), c = Key.C_MAJOR, dm = Key.parse("Dm");
        assertEquals(Pitch.parse("F#4"), KeyFinder.spell(66, d));
        assertEquals(Pitch.parse("D#4"), KeyFinder.spell(63, d), "a chromatic note raised in a sharp key");
        assertEquals(Pitch.parse("C4"), KeyFinder.spell(60, d), "C natural, not B#");
        assertEquals(Pitch.parse("Bb4"), KeyFinder.spell(70, f));
        assertEquals(Pitch.parse("Gb4"), KeyFinder.spell(66, f), "a chromatic note lowered in a flat key");
        assertEquals(Pitch.parse("Bb3"), KeyFinder.spell(58, c));
        assertEquals(Pitch.parse("F#5"), KeyFinder.spell(78, c));
        assertEquals(Pitch.parse("C#5"), KeyFinder.spell(73, dm), "the leading tone of D minor");
        assertEquals(Pitch.parse("B#3"), KeyFinder.spell(60, Key.parse("C#m")), "the leading tone of C# minor");
        for (int m = 0; m < 128; m++) for (Key k : List.of(d, f, c, dm, Key.parse("Gb"), Key.parse("C#"))) assertEquals(m, KeyFinder.spell(m, k).midi());
    }

    @Test
    void keySignaturesNameMajorAndMinorKeysAndModesWhenAsked() {
        assertEquals(Key.parse("Bb"), KeyFinder.fromSignature(-2, false));
        assertEquals(Key.parse("Gm"), KeyFinder.fromSignature(-2, true));
        assertEquals(Key.parse("F#"), KeyFinder.fromSignature(6, false));
        assertEquals(Key.parse("Ebm"), KeyFinder.fromSignature(-6, true));
        assertEquals(new Key('D', 0, Mode.MIXOLYDIAN, false, List.of(), Key.Kind.TONAL, ""), KeyFinder.withFinal(Key.parse("G"), 2));
        assertEquals(Key.parse("Ador"), KeyFinder.withFinal(Key.parse("G"), 9));
        assertEquals(Key.parse("G"), KeyFinder.withFinal(Key.parse("G"), 1), "a last note outside the scale keeps the key");
        byte[] mix = Smf.of(R).track("Mix").keySignature(1, false, 0).timeSignature(4, 4, 0)
                .line(1, 0, 62, Q, 66, Q, 69, Q, 72, Q, 74, Q, 72, Q, 69, Q, 62, Q).bytes(0);
        assertEquals("G major", read(mix).tune().key().describe());
        MidiImport modal = MidiIn.midiIn().tonicFromLastNote(true).read(mix, "mix.mid");
        assertEquals("D mixolydian", modal.tune().key().describe());
        assertTrue(modal.report().keyFrom().contains("last note"), modal.report().toString());
    }

    @Test
    void withoutMetaEventsKeyAndMeterAreEstimated() {
        // "The Kesh" as exact notes without a time or key signature: a jig in G
        Tune kesh = AbcReader.readTune("""
                T:The Kesh
                M:6/8
                L:1/8
                K:G
                |:G3 GAB|A3 ABd|edd gdd|edB dBA|G3 GAB|A3 ABd|edd gdB|AGF G3:|
                |:BAB dBd|ege dBA|BAB dBG|ABA AGA|BAB dBd|ege dBd|gfg aga|bgf g3:|
                """);
        List<Timed> exact = new ArrayList<>();
        for (NoteEvent e : kesh.melody()) exact.add(new Timed(e.midi(), ticks(e.onset()), ticks(e.onset().plus(e.duration()))));
        MidiImport in = read(file(exact, null));
        assertEquals("6/8", in.tune().meter().text());
        assertEquals("estimated", in.report().meterFrom());
        assertEquals("G major", in.tune().key().describe());
        assertEquals("estimated", in.report().keyFrom());
        assertEquals(notes(exact, R), notes(in.tune()));
    }

    static long ticks(Duration d) { return d.times(4L * R).numerator() / d.times(4L * R).denominator(); }

    @Test
    void givenMeterKeyAndPickupOverrideTheFile() {
        byte[] bytes = song().bytes(1);
        MidiImport in = MidiIn.midiIn().meter("2/4").key("Em").pickup("1/4").read(bytes, "song.mid");
        assertEquals("2/4", in.tune().meter().text());
        assertEquals("E minor", in.tune().key().describe());
        assertEquals(Duration.QUARTER, in.tune().bars().get(0).duration(), "a pickup of a quarter");
        assertEquals("given", in.report().meterFrom());
        assertEquals("given", in.report().keyFrom());
        assertEquals(notes(read(bytes).tune()), notes(in.tune()), "the notes do not depend on the bars");
    }

    // ---- errors ------------------------------------------------------------------------------------

    static String refusal(byte[] bytes, MidiIn in) {
        return assertThrows(MidiFileException.class, () -> in.read(bytes, "bad/song.mid")).getMessage();
    }

    @Test
    void errorsSayWhatIsWrongWithTheFile() {
        String abc = refusal("X:1\nT:Not MIDI\nK:D\nABC|\n".getBytes(StandardCharsets.UTF_8), MidiIn.midiIn());
        assertTrue(abc.startsWith("bad/song.mid: not a MIDI file") && abc.contains("\"X:1\\nT:Not MIDI") && abc.contains("ABC"), abc);
        assertTrue(refusal(new byte[0], MidiIn.midiIn()).contains("not a MIDI file: the file is empty"));
        byte[] good = song().bytes(1);
        String cut = refusal(Arrays.copyOf(good, good.length - 20), MidiIn.midiIn());
        assertTrue(cut.startsWith("bad/song.mid: truncated: track 3 of 3 declares"), cut);
        String header = refusal(Arrays.copyOf(good, 10), MidiIn.midiIn());
        assertTrue(header.contains("truncated: the file ends inside its header"), header);
        String noNotes = refusal(Smf.of(R).track("Only Tempo").tempo(100, 0).bytes(1), MidiIn.midiIn());
        assertTrue(noNotes.contains("no notes: its one track holds no note-on and note-off pairs (tracks: 1 \"Only Tempo\" (no notes))"), noNotes);
        String track = refusal(good, MidiIn.midiIn().track("Flute"));
        assertTrue(track.contains("no track named \"Flute\"; its tracks: 1 \"Song\" (no notes), 2 \"Melody\" (6 notes on channel 1), "
                + "3 \"Bass\" (5 notes on channel 2)"), track);
        String number = refusal(good, MidiIn.midiIn().track(7));
        assertTrue(number.contains("no track 7: the file has 3 tracks"), number);
        String empty = refusal(good, MidiIn.midiIn().track(1));
        assertTrue(empty.contains("track 1 \"Song\" (no notes) has no notes; the tracks with notes: 2 \"Melody\""), empty);
        String channel = refusal(good, MidiIn.midiIn().channel(5));
        assertTrue(channel.contains("no notes on channel 5; notes are on channels 1 (6 notes), 2 (5 notes)"), channel);
        String drums = refusal(Smf.of(R).track("Kit").line(10, 0, 36, Q, 38, Q).bytes(0), MidiIn.midiIn());
        assertTrue(drums.contains("only drums") && drums.contains("channel(10)"), drums);
        assertEquals(List.of("36@0+1/4", "38@1/4+1/4"), notes(MidiIn.midiIn().channel(10).read(Smf.of(R).track("Kit").line(10, 0, 36, Q, 38, Q).bytes(0), "kit.mid").tune()));
    }

    @Test
    void riffMidiIsUnwrappedAndType2AndSmpteTimeAreRefused() {
        byte[] smf = song().bytes(1);
        // RIFF "RMID": a "data" chunk holding the standard MIDI file, little-endian sizes
        java.nio.ByteBuffer riff = java.nio.ByteBuffer.allocate(20 + smf.length + (smf.length & 1)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(12 + smf.length).put("RMID".getBytes(StandardCharsets.US_ASCII))
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(smf.length).put(smf);
        assertEquals(notes(read(smf).tune()), notes(MidiIn.midiIn().read(riff.array(), "song.rmi").tune()));
        byte[] type2 = smf.clone();
        type2[9] = 2;
        assertTrue(refusal(type2, MidiIn.midiIn()).contains("a type 2 MIDI file (independent patterns, not one piece): only type 0 and 1 are read"));
        byte[] smpte = smf.clone();
        smpte[12] = (byte) 0xE7; // -25 frames a second,
        smpte[13] = 40;          // 40 ticks a frame
        assertTrue(refusal(smpte, MidiIn.midiIn()).contains("its time is counted in SMPTE frames, not in ticks per quarter note"), refusal(smpte, MidiIn.midiIn()));
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        MidiFileException e = assertThrows(MidiFileException.class, () -> MidiIn.midiIn().read(dir.resolve("nope.mid")));
        assertTrue(e.getMessage().contains("nope.mid: no such file"), e.getMessage());
    }

    @Test
    void optionsAreCheckedAndShown() {
        assertThrows(IllegalArgumentException.class, () -> MidiIn.midiIn().grid(12));
        assertThrows(IllegalArgumentException.class, () -> MidiIn.midiIn().channel(17));
        assertThrows(IllegalArgumentException.class, () -> MidiIn.midiIn().track(0));
        assertThrows(IllegalArgumentException.class, () -> MidiIn.midiIn().meter("none"));
        assertEquals("MidiIn (melody: highest voice of every track but the drums; grid 16ths and triplets, swing straightened; "
                + "meter from the file; key from the file)", MidiIn.midiIn().toString());
        assertEquals("MidiIn (melody: highest voice of track \"Flute\", channel 2; grid 32nds and triplets, swing straightened; "
                + "meter 6/8; key from the file)", MidiIn.midiIn().track("Flute").channel(2).grid(32).meter("6/8").toString());
    }

    // ---- MIDI -> tune -> MIDI ------------------------------------------------------------------------

    @Test
    void aTuneWrittenByMidiReadsBackNoteForNote(@TempDir Path dir) throws Exception {
        Tune jig = AbcReader.readTune(MidiTest.JIG);
        Path f = Midi.of(jig).graceNotes(false).write(dir.resolve("jig.mid"));
        Tune back = MidiIn.midiIn().tune(f);
        assertEquals(notes(jig), notes(back));
        assertEquals("Test Jig", back.title());
        assertEquals(jig.key(), back.key());
        assertEquals(jig.meter().text(), back.meter().text());
        assertEquals(notes(back), notes(MidiIn.midiIn().tune(Midi.of(back).write(dir.resolve("again.mid")))), "and once more");
    }
}
