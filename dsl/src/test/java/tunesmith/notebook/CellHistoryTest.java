package tunesmith.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.junit.jupiter.api.Test;

class CellHistoryTest {

    private static List<String> inputs(List<HistoryEntry> entries) { return entries.stream().map(HistoryEntry::getInput).toList(); }

    @Test
    void tailRangeAndGlobSearchOverTheSessionsCells() {
        CellHistory h = new CellHistory();
        h.add(1, "6 * 7", "42");
        h.add(2, "var kesh = tune(\"x\");", null);
        h.add(3, "6 * 7", "42");
        h.add(4, "kesh", "Tune ...");
        Set<ResultFlag> none = EnumSet.noneOf(ResultFlag.class);

        assertEquals(List.of("6 * 7", "kesh"), inputs(h.lookupTail(2, none)));
        assertNull(h.lookupTail(1, none).get(0).getOutput(), "no output unless asked");
        assertEquals("Tune ...", h.lookupTail(1, EnumSet.of(ResultFlag.INCLUDE_OUTPUT)).get(0).getOutput());
        assertEquals(List.of("var kesh = tune(\"x\");", "6 * 7"), inputs(h.lookupRange(CellHistory.SESSION, 2, 4, none)));
        assertEquals(List.of(), h.lookupRange(7, 1, 5, none), "another session");
        assertEquals(List.of("6 * 7", "6 * 7"), inputs(h.search("6 * 7", 10, none)));
        assertEquals(List.of("6 * 7"), inputs(h.search("6 * 7", 10, EnumSet.of(ResultFlag.UNIQUE))));
        assertEquals(List.of("var kesh = tune(\"x\");", "kesh"), inputs(h.search("*kesh*", 10, none)));
        assertEquals(List.of("kesh"), inputs(h.search("kes?", 10, none)));
        assertEquals(List.of(), h.search("kes", 10, none), "a glob matches the whole input");
    }
}
