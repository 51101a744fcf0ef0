package tunesmith.train;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A model's settings as text, {@code name=value} pairs separated by spaces (what model files and
 * model cards hold), written and read here for every model kind. The settings are a record: its
 * components, in order, are the names and the values ({@code int}, {@code long}, {@code double} or
 * {@code boolean}), and its canonical constructor validates them, so a model kind declares each
 * setting once, as a record component, and not again in a parse table.
 */
public final class Settings {

    private Settings() {}

    /** {@code "name=value name=value ..."}: every component of {@code settings}, in declaration order. */
    public static String toText(Record settings) {
        StringJoiner text = new StringJoiner(" ");
        for (RecordComponent c : settings.getClass().getRecordComponents())
            text.add(c.getName() + "=" + Records.get(settings, c));
        return text.toString();
    }

    /**
     * Reads {@code text} onto {@code defaults}; names missing from the text keep their default.
     * {@code oldNames} maps names used by older files to the component that replaced them. All
     * values are set together, then validated once by the record's constructor, so settings that
     * are only valid together (a pitch range) may come in any order. A part that is not
     * {@code name=value}, an unknown name, or a value that does not read is refused naming the
     * model kind ({@code what}), the name and the value.
     */
    public static <R extends Record> R parse(String text, String what, R defaults, Map<String, String> oldNames) {
        RecordComponent[] components = defaults.getClass().getRecordComponents();
        List<String> names = new ArrayList<>();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            names.add(components[i].getName());
            values[i] = Records.get(defaults, components[i]);
        }
        for (String part : text.strip().split("\\s+")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            if (eq < 1) throw new IllegalArgumentException(what + " setting '" + part + "' is not name=value");
            String name = part.substring(0, eq), value = part.substring(eq + 1);
            int i = names.indexOf(oldNames.getOrDefault(name, name));
            if (i < 0)
                throw new IllegalArgumentException("unknown " + what + " setting '" + name + "' (known: " + String.join(", ", names) + ")");
            values[i] = read(what, name, value, components[i].getType());
        }
        @SuppressWarnings("unchecked") Class<R> type = (Class<R>) defaults.getClass();
        return Records.construct(type, values);
    }

    private static Object read(String what, String name, String value, Class<?> type) {
        try {
            if (type == int.class) return Integer.parseInt(value);
            if (type == long.class) return Long.parseLong(value);
            if (type == double.class) return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " setting " + name + " = '" + value + "' is not a number");
        }
        if (type == boolean.class) {
            if (value.equals("true")) return true;
            if (value.equals("false")) return false;
            throw new IllegalArgumentException(what + " setting " + name + " = '" + value + "' is not true or false");
        }
        throw new IllegalStateException("setting " + name + " has type " + type.getName() + ": settings are int, long, double or boolean");
    }
}
