package tunesmith.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Positional arguments and {@code --name value} options, checked against the options a command knows. */
record Args(List<String> positional, Map<String, String> options) {

    static Args parse(List<String> args, Set<String> known) {
        List<String> pos = new ArrayList<>();
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) { value = name.substring(eq + 1); name = name.substring(0, eq); }
                if (!known.contains(name)) throw new Main.UsageException("unknown option --" + name + " (known: "
                        + (known.isEmpty() ? "none" : "--" + String.join(", --", known)) + ")");
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

    String option(String name, String fallback) { return options.getOrDefault(name, fallback); }

    String required(String name) {
        String v = options.get(name);
        if (v == null) throw new Main.UsageException("missing --" + name);
        return v;
    }
}
