package tunesmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The typed option getters every command reads its values through: the option, the value and what was expected. */
class ArgsTest {

    private static Args parse(String... args) { return Args.parse(List.of(args), Set.of("n", "x", "share", "b", "pick"), Set.of("flag")); }

    private static String refused(Runnable r) { return assertThrows(Main.UsageException.class, r::run).getMessage(); }

    @Test
    void valuesAreReadOrRefusedNamingTheOption() {
        Args a = parse("--n", "3", "--x", "0.5", "--share", "0.1", "--b", "TRUE", "--pick", "two", "--flag");
        assertEquals(3, a.intOption("n", 1, 1, 8));
        assertEquals(7, parse().intOption("n", 7, 1, 8), "the fallback when not given");
        assertEquals(0.5, a.doubleOption("x", 1, "a number", d -> d > 0));
        assertEquals(0.1, a.share("share", 0.05));
        assertTrue(a.booleanOption("b", false));
        assertEquals("two", a.choice("pick", "one", List.of("one", "two")));
        assertTrue(a.flag("flag"));
        assertEquals(-3L, parse("--n", "-3").longOption("n", 0));

        assertEquals("--n -1: expected a whole number of at least 1", refused(() -> parse("--n", "-1").intOption("n", 1, 1, Integer.MAX_VALUE)));
        assertEquals("--n 9: expected a whole number from 1 to 8", refused(() -> parse("--n", "9").intOption("n", 1, 1, 8)));
        assertEquals("--n 99999999999: expected a whole number from 1 to 8", refused(() -> parse("--n", "99999999999").intOption("n", 1, 1, 8)));
        assertEquals("--n 2.5: expected a whole number", refused(() -> parse("--n", "2.5").longOption("n", 0)));
        assertEquals("--x abc: expected a number above 0", refused(() -> parse("--x", "abc").doubleOption("x", 1, "a number above 0", d -> d > 0)));
        assertEquals("--x Infinity: expected a number", refused(() -> parse("--x", "Infinity").doubleOption("x", 1, "a number", d -> true)));
        assertTrue(refused(() -> parse("--share", "1").share("share", 0)).startsWith("--share 1: expected a share of the tunes from 0 to below 1"));
        assertEquals("--b yes: expected true or false", refused(() -> parse("--b", "yes").booleanOption("b", false)));
        assertEquals("--pick six: expected one of one, two", refused(() -> parse("--pick", "six").choice("pick", "one", List.of("one", "two"))));
        assertEquals("--n '': expected a whole number", refused(() -> parse("--n", "").longOption("n", 0)));
        assertTrue(refused(() -> parse("--flag", "yes")).startsWith("--flag is a flag and takes no value (got 'yes')"));
        assertFalse(parse("--flag", "true").positional().contains("true"));
    }
}
