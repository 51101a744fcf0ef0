package tunesmith.midi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.Track;
import org.junit.jupiter.api.Test;
import tunesmith.TestCorpora;
import tunesmith.corpus.Corpus;
import tunesmith.music.Bar;
import tunesmith.music.Duration;
import tunesmith.music.Key;
import tunesmith.music.Meter;
import tunesmith.music.Mode;
import tunesmith.music.Tune;

/**
 * Meter, pickup and key as {@link MidiIn} finds them, against what the transcriptions say: every 10th tune
 * of O'Neill's, Ryan's and Nottingham, its melody written to MIDI by {@link Midi} (exact timing), read
 * with the time and key signature events, and with them stripped so that meter and key are estimated.
 * The shares are printed and held to thresholds a little under what was measured.
 */
class MidiInEstimationTest {

    static final int EVERY = 10;

    /** The meter's family, as the estimate can tell them apart: 2/4, 2/2 and C are 4/4's, 12/8 is 6/8's. */
    static String family(Meter m) {
        long n = m.numerator(), d = m.denominator();
        if (d == 8 && (n == 6 || n == 12)) return "6/8";
        if (d == 8 && n == 9) return "9/8";
        if (n == 3 && (d == 4 || d == 2)) return "3/4";
        if ((n == 2 || n == 4) && (d == 2 || d == 4)) return "4/4";
        return null;
    }

    static byte[] withoutSignatures(byte[] midi) throws Exception {
        Sequence s = MidiSystem.getSequence(new ByteArrayInputStream(midi));
        for (Track t : s.getTracks()) {
            for (int i = t.size() - 1; i >= 0; i--) {
                MidiEvent e = t.get(i);
                if (e.getMessage() instanceof MetaMessage m && (m.getType() == 0x58 || m.getType() == 0x59)) t.remove(e);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MidiSystem.write(s, 1, out);
        return out.toByteArray();
    }

    /** The length of the tune's pickup bar, zero when its first bar is full. */
    static Duration pickup(Tune t) {
        for (Bar b : t.unfold().melodyVoice().bars()) {
            if (!b.hasMusic()) continue;
            return b.duration().isShorterThan(t.meter().barLength()) ? b.duration() : Duration.ZERO;
        }
        return Duration.ZERO;
    }

    static boolean sameKey(Key a, Key b) { return a.fifths() == b.fifths() && a.tonicPitchClass() == b.tonicPitchClass() && a.mode() == b.mode(); }

    static int signature(Key k) {
        int sf = k.fifths();
        while (sf > 7) sf -= 12;
        while (sf < -7) sf += 12;
        return sf;
    }

    @Test
    void meterPickupAndKeyOfRealTunes() throws Exception {
        List<Tune> tunes = new ArrayList<>();
        for (String c : List.of("oneills1850", "ryans-mammoth", "nottingham")) {
            Corpus corpus = Corpus.load(TestCorpora.folder(c));
            for (int i = 0; i < corpus.size(); i += EVERY) {
                Tune t = corpus.get(i);
                if (t.key().isTonal() && !t.meter().isFree() && family(t.meter()) != null && !t.melody().isEmpty()) tunes.add(t);
            }
        }
        int n = 0, meter = 0, signature = 0, majorMinor = 0, majorMinorKey = 0, metaKey = 0, lastNoteKey = 0, pickup = 0, noPickup = 0;
        for (Tune t : tunes) {
            Tune melody = t.withVoices(List.of(t.melodyVoice()));
            byte[] file = Midi.of(melody).graceNotes(false).bytes();
            MidiReport meta = MidiIn.midiIn().read(file, "meta.mid").report();
            MidiReport modal = MidiIn.midiIn().tonicFromLastNote(true).read(file, "meta.mid").report();
            MidiReport stripped = MidiIn.midiIn().read(withoutSignatures(file), "stripped.mid").report();
            n++;
            if (family(t.meter()).equals(family(stripped.meter()))) meter++;
            if (signature(stripped.key()) == signature(t.key())) signature++;
            if (t.key().mode() == Mode.MAJOR || t.key().mode() == Mode.MINOR) {
                majorMinor++;
                if (sameKey(stripped.key(), t.key())) majorMinorKey++;
            }
            if (sameKey(meta.key(), t.key())) metaKey++;
            if (sameKey(modal.key(), t.key())) lastNoteKey++;
            Duration truth = pickup(melody);
            if (meta.pickup().equals(truth)) pickup++;
            if (truth.isZero()) noPickup++;
        }
        double m = share(meter, n), s = share(signature, n), k = share(majorMinorKey, majorMinor), mk = share(metaKey, n), lk = share(lastNoteKey, n),
                p = share(pickup, n), p0 = share(noPickup, n);
        System.out.printf(Locale.ROOT, "MIDI in on %d tunes (every %dth of O'Neill's, Ryan's, Nottingham):%n"
                        + "  without signatures: meter %.1f%%, key signature %.1f%%, key of the %d major or minor tunes %.1f%%%n"
                        + "  with signatures: key %.1f%% (tonic from the last note: %.1f%%); pickup %.1f%% (no pickup would be right for %.1f%%)%n",
                n, EVERY, 100 * m, 100 * s, majorMinor, 100 * k, 100 * mk, 100 * lk, 100 * p, 100 * p0);
        assertTrue(n > 350, "tunes compared: " + n);
        assertTrue(m >= 0.90, "meter estimated: " + m);
        assertTrue(s >= 0.86, "key signature estimated: " + s);
        assertTrue(k >= 0.82, "key of major and minor tunes estimated: " + k);
        assertTrue(mk >= 0.95, "key from the signature: " + mk);
        assertTrue(mk > lk, "the signature's major or minor names the transcribed key more often than the last note: " + mk + " against " + lk);
        assertTrue(p >= 0.45 && p > p0 + 0.2, "pickups estimated: " + p + ", against " + p0 + " for none");
    }

    private static double share(int k, int n) { return n == 0 ? 0 : k / (double) n; }
}
