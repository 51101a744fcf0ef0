package tunesmith.midi;

import java.nio.file.Path;
import java.util.List;
import tunesmith.music.Tune;

/**
 * {@code bench/midi-roundtrip.sh [COUNT]}: COUNT tunes (100) spread over O'Neill's, Ryan's and Nottingham,
 * written to MIDI by abc2midi and read back by {@link MidiIn}; notes equal to the notes the ABC means,
 * in both ways of giving abc2midi the tune ({@link Abc2MidiRoundTrip}). Compiled with the tests (bench/src),
 * as it shares their comparison.
 */
public final class MidiRoundTrip {

    private MidiRoundTrip() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path root = Path.of(System.getenv().getOrDefault("TUNESMITH_CORPORA", "../shared/corpora"));
        List<Tune> tunes = Abc2MidiRoundTrip.pick(root, count);
        for (Abc2MidiRoundTrip.Mode mode : Abc2MidiRoundTrip.Mode.values()) {
            long t0 = System.nanoTime();
            Abc2MidiRoundTrip.Summary s = Abc2MidiRoundTrip.run(tunes, mode);
            System.out.println(s);
            System.out.printf(java.util.Locale.ROOT, "  (abc2midi %s, flags %s; %.1f s)%n%n", tunes.size() + " tunes",
                    String.join(" ", mode.flags), (System.nanoTime() - t0) / 1e9);
        }
    }
}
