package tunesmith.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Positional arguments, {@code --name value} options and {@code --name} flags (no value), checked
 * against the options and flags a command knows. A flag is recorded with the value {@code true};
 * {@code --flag true} (and {@code --flag=true}) is still read, for scripts written when flags took a
 * value, but any other value after a flag that reads as one ({@code yes}, {@code false}, ...) is refused.
 */
record Args(List<String> positional, Map<String, String> options) {

    /** Words that can only be meant as a value of the flag before them; other words after a flag are positional. */
    private static final Set<String> FLAG_VALUES = Set.of("yes", "no", "y", "n", "false", "on", "off", "1", "0");

    static Args parse(List<String> args, Set<String> known) { return parse(args, known, Set.of()); }

    static Args parse(List<String> args, Set<String> known, Set<String> flags) {
        List<String> pos = new ArrayList<>();
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) { value = name.substring(eq + 1); name = name.substring(0, eq); }
                if (!known.contains(name) && !flags.contains(name)) throw new Main.UsageException("unknown option --" + name + " (known: "
                        + (known.isEmpty() && flags.isEmpty() ? "none" : "--" + String.join(", --", names(known, flags))) + ")");
                if (flags.contains(name)) {
                    if (value == null && i + 1 < args.size()) {
                        String next = args.get(i + 1);
                        if (next.equalsIgnoreCase("true")) i++;
                        else if (FLAG_VALUES.contains(next.toLowerCase(java.util.Locale.ROOT))) value = next;
                    }
                    if (value != null && !value.equalsIgnoreCase("true"))
                        throw new Main.UsageException("--" + name + " is a flag and takes no value (got '" + value + "'): write --" + name
                                + " alone to turn it on, leave it out to keep it off");
                    opts.put(name, "true");
                    continue;
                }
                if (value == null) {
                    if (i + 1 >= args.size()) throw new Main.UsageException("option --" + name + " needs a value");
                    value = args.get(++i);
                }
                opts.put(name, value);
            } else {
                pos.add(a);
            }
        }
        return new Args(pos, opts);
    }

    private static List<String> names(Set<String> known, Set<String> flags) {
        List<String> all = new ArrayList<>(known);
        all.addAll(flags);
        return all.stream().sorted().toList();
    }

    String option(String name, String fallback) { return options.getOrDefault(name, fallback); }

    /** Whether a flag was given. */
    boolean flag(String name) { return options.containsKey(name); }

    String required(String name) {
        String v = options.get(name);
        if (v == null) throw new Main.UsageException("missing --" + name);
        return v;
    }

    // Typed options: every command reads its values through these before it loads a corpus or a model, so
    // a mistyped value is refused at once, naming the option, the value given and what was expected.

    /** A whole number from {@code min} to {@code max}, or {@code fallback} when the option is not given. */
    int intOption(String name, int fallback, int min, int max) {
        String v = options.get(name);
        if (v == null) return fallback;
        long n = parseWhole(name, v, wholeExpected(min, max));
        if (n < min || n > max) throw bad(name, v, wholeExpected(min, max));
        return (int) n;
    }

    /** Any whole number (a seed), or {@code fallback}. */
    long longOption(String name, long fallback) {
        String v = options.get(name);
        return v == null ? fallback : parseWhole(name, v, "a whole number");
    }

    /**
     * A finite number accepted by {@code ok}, or {@code fallback}; {@code expected} says what is accepted,
     * e.g. "a number above 0 (e.g. 0.9)".
     */
    double doubleOption(String name, double fallback, String expected, java.util.function.DoublePredicate ok) {
        String v = options.get(name);
        if (v == null) return fallback;
        double d;
        try {
            d = Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw bad(name, v, expected);
        }
        if (!Double.isFinite(d) || !ok.test(d)) throw bad(name, v, expected);
        return d;
    }

    /** A share of the tunes held out (--test, --valid): from 0 up to, not including, 1. */
    double share(String name, double fallback) {
        return doubleOption(name, fallback, "a share of the tunes from 0 to below 1, e.g. 0.05 for 5%", d -> d >= 0 && d < 1);
    }

    /** {@code true} or {@code false} (options that take a value, such as --regular-bars true), or {@code fallback}. */
    boolean booleanOption(String name, boolean fallback) {
        String v = options.get(name);
        if (v == null) return fallback;
        if (v.equalsIgnoreCase("true")) return true;
        if (v.equalsIgnoreCase("false")) return false;
        throw bad(name, v, "true or false");
    }

    /** One of {@code allowed}, or {@code fallback}. */
    String choice(String name, String fallback, List<String> allowed) {
        String v = options.get(name);
        if (v == null) return fallback;
        if (!allowed.contains(v)) throw bad(name, v, allowed.size() == 1 ? allowed.get(0) : "one of " + String.join(", ", allowed));
        return v;
    }

    private long parseWhole(String name, String v, String expected) {
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw bad(name, v, expected);
        }
    }

    private static String wholeExpected(int min, int max) {
        if (max == Integer.MAX_VALUE) return "a whole number of at least " + min;
        return "a whole number from " + min + " to " + max;
    }

    /** The one wording of a refused value: {@code --epochs -1: expected a whole number of at least 1}. */
    static Main.UsageException bad(String name, String value, String expected) {
        return new Main.UsageException("--" + name + " " + (value.isEmpty() ? "''" : value) + ": expected " + expected);
    }
}
