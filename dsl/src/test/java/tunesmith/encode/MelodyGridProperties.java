package tunesmith.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tunesmith.encode.MelodyGrid.grid;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import tunesmith.music.Key;
import tunesmith.music.Meter;
import tunesmith.music.Tune;

/** Laws of the 16th-note melody grid over generated tunes and step arrays. */
class MelodyGridProperties {

    @Provide
    Arbitrary<Tune> gridTunes() { return TuneGen.gridTunes(); }

    @Provide
    Arbitrary<Meter> meters() { return Arbitraries.of(TuneGen.GRID_METERS).map(Meter::parse); }

    @Provide
    Arbitrary<Key> keys() {
        return Combinators.combine(Arbitraries.of(TuneGen.TONICS), Arbitraries.of("", "m", "dor", "mix")).as((t, m) -> Key.parse(t + m));
    }

    /** Valid step arrays: a hold only while a note sounds. */
    @Provide
    Arbitrary<int[]> steps() {
        int classes = grid().classes();
        return Arbitraries.integers().between(0, 3 * classes).array(int[].class).ofMinSize(1).ofMaxSize(80).map(raw -> {
            int[] s = new int[raw.length];
            for (int t = 0; t < raw.length; t++) {
                int c = raw[t] % classes;
                // holds and rests are common in real melodies; make them common here too
                if (raw[t] >= classes) c = raw[t] < 2 * classes ? MelodyGrid.HOLD : MelodyGrid.REST;
                if (c == MelodyGrid.HOLD && (t == 0 || s[t - 1] == MelodyGrid.REST)) c = MelodyGrid.REST;
                s[t] = c;
            }
            return s;
        });
    }

    @Property(tries = 250)
    void decodingTheStepsGivesTheMelody(@ForAll("gridTunes") Tune tune) {
        int[] steps = grid().encode(tune);
        if (steps.length == 0) { assertEquals(List.of(), tune.melody()); return; } // every bar in an ending never played
        Tune back = grid().decode(steps, Meter.parse("4/4"), tune.key().isTonal() ? tune.key() : Key.C_MAJOR);
        assertEquals(EncodeTestSupport.sounding(tune.melody()), EncodeTestSupport.sounding(back.melody()));
    }

    @Property(tries = 250)
    void encodingADecodedTuneGivesTheSteps(@ForAll("steps") int[] steps, @ForAll("meters") Meter meter, @ForAll("keys") Key key) {
        Tune t = grid().decode(steps, meter, key);
        assertArrayEquals(steps, grid().encode(t));
    }

    @Property(tries = 150)
    void aDecodedTuneReadsBackFromItsAbc(@ForAll("steps") int[] steps, @ForAll("meters") Meter meter, @ForAll("keys") Key key) {
        Tune t = grid().decode(steps, meter, key);
        assertEquals(t, tunesmith.notation.AbcReader.readTune(tunesmith.notation.AbcWriter.write(t)));
    }

    @Property(tries = 200)
    void aLineOfPitchesRoundTrips(@ForAll("lines") int[] midi) {
        int[] steps = grid().encode(midi);
        assertArrayEquals(midi, grid().pitches(steps));
        assertArrayEquals(steps, grid().encode(grid().pitches(steps)));
    }

    @Provide
    Arbitrary<int[]> lines() {
        return Arbitraries.integers().between(MelodyGrid.DEFAULT_LOWEST - 3, MelodyGrid.DEFAULT_HIGHEST)
                .map(p -> p < MelodyGrid.DEFAULT_LOWEST ? -1 : p).array(int[].class).ofMinSize(1).ofMaxSize(64)
                .map(a -> { // runs of equal pitches, as held notes
                    for (int i = 1; i < a.length; i++) if (a[i] % 3 == 0) a[i] = a[i - 1];
                    return a;
                });
    }

    @Property(tries = 150)
    void octaveFoldingKeepsPitchClassesAndStaysInRange(@ForAll @IntRange(min = -24, max = 24) int shift, @ForAll("lines") int[] midi) {
        int[] moved = midi.clone();
        for (int i = 0; i < moved.length; i++) if (moved[i] >= 0) moved[i] = Math.max(0, Math.min(127, moved[i] + shift));
        MelodyGrid g = grid().octaveFold();
        int[] back = g.pitches(g.encode(moved));
        for (int i = 0; i < moved.length; i++) {
            if (moved[i] < 0) { assertEquals(-1, back[i]); continue; }
            assertEquals(Math.floorMod(moved[i], 12), Math.floorMod(back[i], 12));
            assertTrue(back[i] >= g.lowest() && back[i] <= g.highest());
        }
    }

    @Property(tries = 100)
    void slicesAreWholeBarsThatStandAlone(@ForAll("gridTunes") Tune tune, @ForAll @IntRange(min = 1, max = 3) int bars) {
        if (tune.meter().isFree()) return;
        int perBar = (int) tune.meter().barLength().dividedBy(MelodyGrid.STEP).numerator();
        boolean meterChanges = tune.unfold().melodyVoice().bars().stream().flatMap(b -> b.elements().stream())
                .anyMatch(e -> e instanceof tunesmith.music.InlineField f && f.name() == 'M');
        for (int[] w : grid().excerpts(tune, bars)) {
            if (!meterChanges) assertEquals(bars * perBar, w.length);
            assertTrue(w[0] != MelodyGrid.HOLD, "a window starts with a note or a rest");
            assertArrayEquals(w, grid().encode(grid().decode(w, tune.meter(), Key.C_MAJOR)));
        }
    }

    @Property(tries = 50)
    void aSpecRebuildsItsGrid(@ForAll @IntRange(min = 0, max = 60) int lowest, @ForAll @IntRange(min = 12, max = 60) int span, @ForAll boolean fold) {
        MelodyGrid g = grid().range(lowest, lowest + span);
        if (fold) g = g.octaveFold();
        assertEquals(g, MelodyGrid.fromSpec(g.spec()));
    }

    @Property(tries = 50)
    void aClassOutsideTheGridIsRefused(@ForAll @IntRange(min = 39, max = 500) int cls) {
        EncodingException e = assertThrows(EncodingException.class, () -> grid().decode(new int[]{2, cls}, Meter.parse("4/4"), Key.C_MAJOR));
        assertTrue(e.getMessage().contains("step 1 has class " + cls), e.getMessage());
    }

    static List<String> sounding(Tune t) { return EncodeTestSupport.sounding(t.melody()); }
}
