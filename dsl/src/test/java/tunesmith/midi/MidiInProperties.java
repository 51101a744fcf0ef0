package tunesmith.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tunesmith.midi.Smf.Timed;
import tunesmith.music.Duration;
import tunesmith.music.Tune;
import tunesmith.notation.AbcReader;
import tunesmith.notation.AbcWriter;

/**
 * MIDI → tune → MIDI keeps the notes: melodies on the grid (quarters, eighths, 16ths, dotted rhythms,
 * eighth- and 16th-triplets, rests, notes held over beats and bar lines) in 4/4, 3/4, 2/4 and 6/8, at
 * several resolutions, written as standard MIDI files, read by {@link MidiIn} and written again by
 * {@link Midi}: every note comes back with its pitch, onset and length; and the tune's ABC reads back as
 * the same tune.
 */
class MidiInProperties {

    /** A generated melody: the file's resolution, its meter and its notes in its ticks. */
    record Melody(int resolution, String meter, List<Timed> notes) {
        @Override
        public String toString() { return meter + " at " + resolution + ": " + notes; }
    }

    @Provide
    Arbitrary<Melody> melodies() {
        Arbitrary<Integer> resolutions = Arbitraries.of(96, 192, 480, 960);
        Arbitrary<String> meters = Arbitraries.of("4/4", "3/4", "2/4", "6/8");
        Arbitrary<List<Long>> beats = Arbitraries.longs().list().ofMinSize(1).ofMaxSize(24);
        return Combinators.combine(resolutions, meters, beats).as(MidiInProperties::melody);
    }

    /** One pattern for each beat (a quarter; an eighth in 6/8) from its own seed, so jqwik shrinks by dropping beats. */
    static Melody melody(int r, String meter, List<Long> seeds) {
        boolean eighths = meter.equals("6/8");
        long q = r, e = r / 2, s = r / 4, t8 = r / 3, t16 = r / 6;
        List<long[]> slots = new ArrayList<>(); // {length, rest (1) or note (0), held from the slot before (1)}
        for (long seed : seeds) {
            Random rnd = new Random(seed);
            long[] pattern = eighths
                    ? pick(rnd, new long[][]{{e}, {s, s}, {t16, t16, t16}, {e}})
                    : pick(rnd, new long[][]{{q}, {e, e}, {s, s, s, s}, {e, s, s}, {3 * s, s}, {t8, t8, t8}, {t16, t16, t16, e}, {e, t16, t16, t16}, {q}});
            for (int i = 0; i < pattern.length; i++) {
                boolean held = i == 0 && !slots.isEmpty() && slots.get(slots.size() - 1)[1] == 0 && rnd.nextInt(5) == 0;
                slots.add(new long[]{pattern[i], rnd.nextInt(7) == 0 ? 1 : 0, held ? 1 : 0});
            }
        }
        Random pitches = new Random(seeds.get(0) * 31 + seeds.size());
        List<Timed> notes = new ArrayList<>();
        long t = 0;
        for (long[] slot : slots) {
            if (slot[1] == 0) {
                Timed last = notes.isEmpty() ? null : notes.get(notes.size() - 1);
                if (slot[2] == 1 && last != null && last.off() == t) notes.set(notes.size() - 1, new Timed(last.key(), last.on(), t + slot[0]));
                else notes.add(new Timed(55 + pitches.nextInt(30), t, t + slot[0]));
            }
            t += slot[0];
        }
        if (notes.isEmpty()) notes.add(new Timed(67, t, t + q));
        return new Melody(r, meter, notes);
    }

    private static long[] pick(Random r, long[][] choices) { return choices[r.nextInt(choices.length)]; }

    static byte[] file(Melody m) {
        String[] parts = m.meter().split("/");
        Smf smf = Smf.of(m.resolution()).track("Generated").timeSignature(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), 0);
        for (Timed n : m.notes()) smf.note(1, n.key(), n.on(), n.off());
        return smf.bytes(0);
    }

    /** The notes of a MIDI file as "key@onset+length" in whole notes, whatever its resolution. */
    static List<String> notes(byte[] midi) throws Exception {
        Sequence seq = MidiSystem.getSequence(new ByteArrayInputStream(midi));
        List<Timed> out = new ArrayList<>();
        for (Track track : seq.getTracks()) {
            Map<Integer, Long> on = new HashMap<>();
            for (int i = 0; i < track.size(); i++) {
                MidiEvent ev = track.get(i);
                if (!(ev.getMessage() instanceof ShortMessage sm)) continue;
                boolean start = sm.getCommand() == ShortMessage.NOTE_ON && sm.getData2() > 0;
                boolean stop = sm.getCommand() == ShortMessage.NOTE_OFF || (sm.getCommand() == ShortMessage.NOTE_ON && sm.getData2() == 0);
                if (start) on.put(sm.getData1(), ev.getTick());
                else if (stop && on.containsKey(sm.getData1())) out.add(new Timed(sm.getData1(), on.remove(sm.getData1()), ev.getTick()));
            }
        }
        out.sort(Comparator.comparingLong(Timed::on));
        long perWhole = 4L * seq.getResolution();
        return out.stream().map(n -> n.key() + "@" + Duration.of(n.on(), perWhole) + "+" + Duration.of(n.off() - n.on(), perWhole)).toList();
    }

    @Property(tries = 1000)
    void midiToTuneToMidiKeepsTheNotes(@ForAll("melodies") Melody m) throws Exception {
        byte[] in = file(m);
        Tune tune = MidiIn.midiIn().read(in, "generated.mid").tune();
        assertEquals(notes(in), notes(Midi.of(tune).graceNotes(false).bytes()), AbcWriter.write(tune));
        assertEquals(tune, AbcReader.readTune(AbcWriter.write(tune)), "the tune's ABC reads back as the same tune");
    }
}
