package tunesmith.train;

/**
 * A model's settings as text, {@code name=value} pairs separated by spaces (what model files and
 * model cards hold): read here for every model kind, which says what each name sets.
 */
public final class Settings {

    private Settings() {}

    /** Applies one named value to the settings so far; throws for a name it does not know. */
    @FunctionalInterface
    public interface Setter<C> {
        C set(C settings, String name, String value);
    }

    /**
     * Reads {@code text} onto {@code defaults}; names missing from the text keep their default. A
     * part that is not {@code name=value}, or a number that does not read, is refused naming the
     * model kind ({@code what}), the name and the value.
     */
    public static <C> C parse(String text, String what, C defaults, Setter<C> setter) {
        C c = defaults;
        for (String part : text.strip().split("\\s+")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            if (eq < 1) throw new IllegalArgumentException(what + " setting '" + part + "' is not name=value");
            String name = part.substring(0, eq), value = part.substring(eq + 1);
            try {
                c = setter.set(c, name, value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " setting " + name + " = '" + value + "' is not a number");
            }
        }
        return c;
    }
}
