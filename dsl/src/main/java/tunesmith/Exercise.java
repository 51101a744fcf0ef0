package tunesmith;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Self-checks for classroom notebooks: {@code check("jigs", () -> jigCount == 9, "filter with where(rhythm(\"jig\"))")}.
 * A check never throws: an answer still missing (null, unset, or an exception while checking) is
 * a check not yet passed, shown with the hint, so a notebook runs top to bottom as a student gets it.
 * The latest result of each named check is remembered for {@link #summary()}, so rerunning a cell
 * after fixing an answer updates the tally.
 */
public final class Exercise {

    /** What a check asks of the answer; may throw (e.g. on an answer left null), which counts as not passed. */
    @FunctionalInterface
    public interface Condition {
        boolean test() throws Exception;
    }

    /** The outcome of one check; its {@code toString()} is what the student sees. */
    public record Check(String name, boolean passed, String hint, String problem) {
        public Check {
            Objects.requireNonNull(name, "name");
            hint = hint == null ? "" : hint;
        }

        @Override
        public String toString() {
            if (passed) return "✓ " + name;
            return "✗ " + name + " — not yet: " + hint + (problem == null ? "" : " (" + problem + ")");
        }
    }

    /** The checks run so far in this session, the latest result of each name. */
    public record Summary(List<Check> checks) {
        public Summary { checks = List.copyOf(checks); }

        public int passed() { return (int) checks.stream().filter(Check::passed).count(); }

        public boolean allPassed() { return !checks.isEmpty() && passed() == checks.size(); }

        @Override
        public String toString() {
            if (checks.isEmpty()) return "No checks run yet";
            StringBuilder b = new StringBuilder(allPassed()
                    ? "✓ all " + checks.size() + " checks pass"
                    : passed() + " of " + checks.size() + " checks pass");
            for (Check c : checks) b.append("\n  ").append(c);
            return b.toString();
        }
    }

    private static final Map<String, Check> RESULTS = new LinkedHashMap<>();

    private Exercise() {}

    /** Runs a check, remembers its result under {@code name} and returns it (shown by a notebook as ✓ or ✗ with the hint). */
    public static Check check(String name, Condition condition, String hint) {
        Objects.requireNonNull(name, "name of the check");
        Objects.requireNonNull(condition, "condition, e.g. () -> answer == 9");
        Check result;
        try {
            result = new Check(name, condition.test(), hint, null);
        } catch (NullPointerException e) {
            result = new Check(name, false, hint, "an answer is still null");
        } catch (Exception | Error e) {
            result = new Check(name, false, hint, "checking stopped at " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())));
        }
        synchronized (RESULTS) {
            RESULTS.remove(name); // a rerun moves to the end, in the order the student worked
            RESULTS.put(name, result);
        }
        return result;
    }

    /** Every check run so far (the latest result of each), with the tally. */
    public static Summary summary() {
        synchronized (RESULTS) { return new Summary(new ArrayList<>(RESULTS.values())); }
    }

    /** Forgets every result (a fresh start, and for tests). */
    public static void reset() {
        synchronized (RESULTS) { RESULTS.clear(); }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
