package tunesmith.train;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A training history's rows, one record per epoch, as CSV (saved in model files) and as a Table:
 * written once for every model kind. The record's components, in order, are the columns, named in
 * snake case ({@code trainLoss} is {@code train_loss}); they are {@code int}, {@code double} or
 * {@code boolean}.
 */
public final class EpochRows<R extends Record> {

    private final Class<R> type;
    private final String what;
    private final RecordComponent[] components;

    /** Rows of {@code type}; {@code what} names them in errors ("history", "VAE history"). */
    public EpochRows(Class<R> type, String what) {
        this.type = type;
        this.what = what;
        this.components = type.getRecordComponents();
    }

    /** The CSV header: the columns' names. */
    public String header() {
        StringJoiner h = new StringJoiner(",");
        for (RecordComponent c : components) h.add(column(c.getName()));
        return h.toString();
    }

    /** The header and one line per row; numbers as Java writes them, so they read back exactly. */
    public String toCsv(List<R> rows) {
        StringBuilder b = new StringBuilder(header()).append('\n');
        for (R r : rows) {
            StringJoiner line = new StringJoiner(",");
            for (RecordComponent c : components) line.add(String.valueOf(Records.get(r, c)));
            b.append(line).append('\n');
        }
        return b.toString();
    }

    /** Reads {@link #toCsv}; a header or a line that does not match the columns is refused with its line number. */
    public List<R> fromCsv(String csv) {
        if (csv.isBlank()) return List.of();
        String[] lines = csv.strip().split("\n");
        if (!lines[0].strip().equals(header()))
            throw new IllegalArgumentException(what + ": header '" + lines[0].strip() + "', expected '" + header() + "'");
        List<R> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].strip().split(",");
            if (f.length != components.length)
                throw new IllegalArgumentException(what + " line " + (i + 1) + " has " + f.length + " fields, expected " + components.length);
            Object[] values = new Object[f.length];
            for (int k = 0; k < f.length; k++) values[k] = read(components[k].getType(), f[k]);
            out.add(Records.construct(type, values));
        }
        return out;
    }

    /** A table named {@code name} with a column per component, but those {@code leftOut}. */
    public Table table(String name, List<R> rows, String... leftOut) {
        List<Column<?>> columns = new ArrayList<>();
        for (RecordComponent c : components) {
            if (Arrays.asList(leftOut).contains(c.getName())) continue;
            String col = column(c.getName());
            Class<?> t = c.getType();
            if (t == int.class) {
                IntColumn ic = IntColumn.create(col);
                for (R r : rows) ic.append((Integer) Records.get(r, c));
                columns.add(ic);
            } else if (t == double.class) {
                DoubleColumn dc = DoubleColumn.create(col);
                for (R r : rows) dc.append((Double) Records.get(r, c));
                columns.add(dc);
            } else {
                BooleanColumn bc = BooleanColumn.create(col);
                for (R r : rows) bc.append((Boolean) Records.get(r, c));
                columns.add(bc);
            }
        }
        return Table.create(name, columns.toArray(Column<?>[]::new));
    }

    /** {@code trainLoss} → {@code train_loss}. */
    static String column(String component) {
        return component.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static Object read(Class<?> t, String s) {
        if (t == int.class) return Integer.parseInt(s);
        if (t == double.class) return Double.parseDouble(s);
        if (t == boolean.class) return Boolean.parseBoolean(s);
        throw new IllegalStateException("a history column of type " + t.getName() + ": columns are int, double or boolean");
    }
}
