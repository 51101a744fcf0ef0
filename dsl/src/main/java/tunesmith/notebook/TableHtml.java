package tunesmith.notebook;

import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw table as an HTML table the way pandas shows a DataFrame: all of a small table; of a
 * large one the first {@value #HEAD} and last {@value #TAIL} rows with a marker row between, and
 * always the row count. The caption has the size and each column's name and type.
 */
final class TableHtml {

    static final int HEAD = 10;
    static final int TAIL = 5;

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
            for (Column<?> c : columns) b.append("<td>").append(Html.escape(c.getString(r))).append("</td>");
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table>\n").toString();
    }

    private static String type(Column<?> c) { return Html.escape(c.type().name().toLowerCase(java.util.Locale.ROOT)); }

    private static String count(int n, String noun) { return String.format("%,d", n) + " " + noun + (n == 1 ? "" : "s"); }
}
