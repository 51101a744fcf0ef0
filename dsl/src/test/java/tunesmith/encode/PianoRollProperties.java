package tunesmith.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The piano roll gives back the pitches of every step. */
class PianoRollProperties {

    /** Steps of 0..6 distinct piano keys, lowest first (as the JSB files hold them). */
    @Provide
    Arbitrary<List<int[]>> steps() {
        return Arbitraries.integers().between(PianoRoll.LOWEST, PianoRoll.HIGHEST).set().ofMaxSize(6)
                .map(s -> s.stream().mapToInt(Integer::intValue).sorted().toArray()).list().ofMaxSize(50);
    }

    @Property(tries = 300)
    void decodingTheRollGivesTheSteps(@ForAll("steps") List<int[]> steps) {
        boolean[][] roll = PianoRoll.encode(steps);
        assertEquals(steps.size(), roll.length);
        List<int[]> back = PianoRoll.decode(roll);
        assertEquals(steps.size(), back.size());
        for (int t = 0; t < steps.size(); t++) assertArrayEquals(steps.get(t), back.get(t), "step " + t);
    }

    @Property(tries = 100)
    void theOrderOfPitchesInAStepDoesNotMatter(@ForAll("steps") List<int[]> steps) {
        List<int[]> reversed = new ArrayList<>();
        for (int[] s : steps) {
            int[] r = new int[s.length];
            for (int i = 0; i < s.length; i++) r[i] = s[s.length - 1 - i];
            reversed.add(r);
        }
        assertTrue(java.util.Arrays.deepEquals(PianoRoll.encode(steps), PianoRoll.encode(reversed)));
    }

    @Property(tries = 50)
    void aPitchOffThePianoIsRefusedWithItsStep(@ForAll @IntRange(min = 0, max = 10) int before, @ForAll @IntRange(min = -5, max = 20) int low) {
        int bad = low <= 7 ? low : PianoRoll.HIGHEST + low;
        List<int[]> steps = new ArrayList<>();
        for (int i = 0; i < before; i++) steps.add(new int[]{60});
        steps.add(new int[]{60, bad});
        EncodingException e = assertThrows(EncodingException.class, () -> PianoRoll.encode(steps));
        assertTrue(e.getMessage().startsWith("step " + before + " has pitch " + bad), e.getMessage());
    }
}
