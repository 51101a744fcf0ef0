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
}
