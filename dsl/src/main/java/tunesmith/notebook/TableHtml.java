package tunesmith.notebook;

import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw table as an HTML table the way pandas shows a DataFrame: all of a small table; of a
 * large one the first {@value #HEAD} and last {@value #TAIL} rows with a marker row between, and
 * always the row count. The caption has the size and each column's name and type. Decimal
 * numbers are shown to {@value #DIGITS} significant digits (0.7915, 0.009409, 3,147): a reader
 * compares figures at a glance; the table itself keeps every digit.
 */
final class TableHtml {

    static final int HEAD = 10;
    static final int TAIL = 5;
    static final int DIGITS = 4;

    private TableHtml() { }

    static String of(Table table) {
        int rows = table.rowCount();
        List<Column<?>> columns = table.columns();
        StringBuilder b = new StringBuilder("<table class=\"tunesmith-table\">\n<caption>")
                .append(Html.escape(table.name() == null ? "table" : table.name())).append(": ")
                .append(count(rows, "row")).append(" × ").append(count(columns.size(), "column"));
        if (!columns.isEmpty()) {
            b.append(" (");
            for (int c = 0; c < columns.size(); c++) {
                if (c > 0) b.append(", ");
                b.append(Html.escape(columns.get(c).name())).append(' ').append(type(columns.get(c)));
            }
            b.append(')');
        }
        b.append("</caption>\n<thead>\n<tr><th></th>");
        for (Column<?> c : columns) b.append("<th>").append(Html.escape(c.name())).append("</th>");
        b.append("</tr>\n</thead>\n<tbody>\n");
        boolean cut = rows > HEAD + TAIL;
        for (int r = 0; r < rows; r++) {
            if (cut && r == HEAD) {
                b.append("<tr class=\"tunesmith-elided\"><td colspan=\"").append(columns.size() + 1).append("\">… ")
                        .append(count(rows - HEAD - TAIL, "more row")).append(" …</td></tr>\n");
                r = rows - TAIL;
            }
            b.append("<tr><th>").append(r).append("</th>");
            for (Column<?> c : columns) b.append("<td>").append(Html.escape(cell(c, r))).append("</td>");
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table>\n").toString();
    }

    /** A cell as people read it: decimals rounded to {@value #DIGITS} significant digits, whole parts kept whole. */
    static String cell(Column<?> c, int row) {
        if (c.isMissing(row) || !(c.get(row) instanceof Double || c.get(row) instanceof Float)) return c.getString(row);
        return round(((Number) c.get(row)).doubleValue());
    }

    static String round(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) return Double.toString(x);
        if (Math.abs(x) >= Math.pow(10, DIGITS - 1)) return String.format(java.util.Locale.ROOT, "%,.0f", x);
        if (x == 0) return "0";
        return new java.math.BigDecimal(x).round(new java.math.MathContext(DIGITS)).stripTrailingZeros().toPlainString();
    }

    private static String type(Column<?> c) { return Html.escape(c.type().name().toLowerCase(java.util.Locale.ROOT)); }

    private static String count(int n, String noun) { return String.format("%,d", n) + " " + noun + (n == 1 ? "" : "s"); }
}
