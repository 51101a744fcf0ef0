package tunesmith.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

class ScatterTest {

    @Test
    void groupsInPaletteOrderWithCountsAndAPathOnTop() {
        Chart c = Scatter.chart("Map", "x", "y", List.of(new Scatter.Group("reel", new double[]{0, 1, 2}, new double[]{0, 1, 0}),
                new Scatter.Group("jig", new double[]{5}, new double[]{5})), new Scatter.Path("path", new double[]{0, 5}, new double[]{0, 5}, "A", "B"));
        assertEquals("Chart \"Map\" (scatter, 3 series, 720x400)", c.toString());
        XYPlot plot = c.toJFreeChart().getXYPlot();
        assertEquals("reel (3)", plot.getLegendItems().get(0).getLabel());
        assertEquals("jig (1)", plot.getLegendItems().get(1).getLabel());
        assertEquals("path", plot.getLegendItems().get(2).getLabel());
        assertEquals(2, plot.getAnnotations().size());
        assertTrue(c.png().length > 1000 && c.svg().contains(">A<") && c.svg().contains(">B<"));
    }

    @Test
    void tooManyGroupsOrAShortPathAreRefusedWithTheFix() {
        List<Scatter.Group> many = new ArrayList<>();
        for (int i = 0; i < 11; i++) many.add(new Scatter.Group("g" + i, new double[]{i}, new double[]{i}));
        var e = assertThrows(IllegalArgumentException.class, () -> Scatter.chart("Map", "x", "y", many, null));
        assertTrue(e.getMessage().contains("11 groups") && e.getMessage().contains("\"other\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Scatter.Path("p", new double[]{1}, new double[]{1}, "a", "b"));
        assertTrue(e.getMessage().contains("at least 2 points"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Scatter.Group("g", new double[]{1, 2}, new double[]{1}));
        assertTrue(e.getMessage().contains("2 x values but 1 y values"), e.getMessage());
    }
}
