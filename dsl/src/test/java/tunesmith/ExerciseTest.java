package tunesmith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tunesmith.music.Tune;

class ExerciseTest {

    @BeforeEach
    @AfterEach
    void fresh() { Exercise.reset(); }

    @Test
    void aPassingCheckShowsATick() {
        var c = Tunesmith.check("jigs", () -> 3 * 3 == 9, "count them");
        assertTrue(c.passed());
        assertEquals("✓ jigs", c.toString());
    }

    @Test
    void aFailingCheckShowsTheHintAndDoesNotThrow() {
        var c = Tunesmith.check("jigs", () -> 8 == 9, "filter with where(rhythm(\"jig\"))");
        assertFalse(c.passed());
        assertEquals("✗ jigs — not yet: filter with where(rhythm(\"jig\"))", c.toString());
    }

    @Test
    void anAnswerLeftNullIsNotYetRatherThanAnError() {
        Tune answer = null;
        var c = Tunesmith.check("transpose", () -> answer.key().tonicName().equals("A"), "use transposeTo(\"A\")");
        assertFalse(c.passed());
        assertEquals("✗ transpose — not yet: use transposeTo(\"A\") (an answer is still null)", c.toString());
    }

    @Test
    void anyOtherExceptionIsNamedInTheResult() {
        var c = Tunesmith.check("parse", () -> Integer.parseInt("nine") == 9, "write the count as digits");
        assertFalse(c.passed());
        assertEquals("✗ parse — not yet: write the count as digits (checking stopped at NumberFormatException: For input string: \"nine\")", c.toString());
    }

    @Test
    void theSummaryKeepsTheLatestResultOfEachCheck() {
        assertEquals("No checks run yet", Tunesmith.checks().toString());
        Tunesmith.check("a", () -> false, "hint a");
        Tunesmith.check("b", () -> true, "hint b");
        var s = Tunesmith.checks();
        assertEquals(1, s.passed());
        assertFalse(s.allPassed());
        assertEquals("1 of 2 checks pass\n  ✗ a — not yet: hint a\n  ✓ b", s.toString());
        Tunesmith.check("a", () -> true, "hint a"); // the student fixes the answer and reruns
        s = Tunesmith.checks();
        assertTrue(s.allPassed());
        assertEquals("✓ all 2 checks pass\n  ✓ b\n  ✓ a", s.toString());
    }
}
