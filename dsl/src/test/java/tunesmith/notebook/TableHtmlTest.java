package tunesmith.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class TableHtmlTest {

    @Test
    void decimalsShowFourSignificantDigitsWhileTheTableKeepsThemAll() {
        Table t = Table.create("figures", IntColumn.create("epoch", 1, 2, 3, 4),
                DoubleColumn.create("valid", 0.7915128968253968, 0.009408999999999999, 3147.2166, Double.NaN));
        String html = TableHtml.of(t);
        assertTrue(html.contains("<td>0.7915</td>"), html);
        assertTrue(html.contains("<td>0.009409</td>"), html);
        assertTrue(html.contains("<td>3,147</td>"), html);
        assertTrue(html.contains("<td>4</td>"), "whole numbers as they are: " + html);
        assertFalse(html.contains("7915128"), html);
        assertEquals(0.7915128968253968, t.doubleColumn("valid").get(0));
        assertEquals("1.5", TableHtml.round(1.5));
        assertEquals("-0.1235", TableHtml.round(-0.12345678));
        assertEquals("0", TableHtml.round(0.0));
    }
}
