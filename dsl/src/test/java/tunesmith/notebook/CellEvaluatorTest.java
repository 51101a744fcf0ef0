package tunesmith.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tunesmith.music.Tune;

/** Cells as a notebook user writes them, evaluated by JShell in this JVM with the DSL imported. */
class CellEvaluatorTest {

    static CellEvaluator cells;

    @BeforeAll
    static void start() { cells = new CellEvaluator(); }

    @AfterAll
    static void stop() { cells.close(); }

    @Test
    void theValueOfACellIsTheRealObject() {
        Object kesh = cells.eval("corpus(\"starter\").tune(\"The Kesh\")").orElseThrow();
        Tune tune = assertInstanceOf(Tune.class, kesh, "the DSL's own class, loaded once: no copy in a JShell class loader");
        assertEquals("The Kesh", tune.title());
        assertEquals(2, cells.eval("1 + 1").orElseThrow());
    }

    @Test
    void aCellIsSplitIntoSnippetsAndTheLastExpressionIsItsValue() {
        assertEquals(6, cells.eval("int a = 2;\nint b = 3; int c = a * b;\nc").orElseThrow());
        assertEquals(Optional.empty(), cells.eval("int d = a + b;"), "a declaration shows nothing");
        assertEquals(5, cells.eval("d").orElseThrow(), "variables live on between cells");
        assertEquals(Optional.empty(), cells.eval("String nothing = null;\nnothing"), "null shows nothing");
        Object same = cells.eval("var t = corpus(\"starter\").tune(\"The Kesh\");\nt").orElseThrow();
        assertSame(same, cells.eval("t").orElseThrow(), "the variable holds the very object");
    }

    @Test
    void aCompileErrorNamesTheCellLineAndStopsTheCell() {
        CellException e = assertThrows(CellException.class,
                () -> cells.eval("int ok1 = 1;\n\nint bad = \"text\";\nint after1 = 3;"));
        assertEquals(CellException.Kind.COMPILE_ERROR, e.kind());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("line 3: incompatible types"), e.getMessage());
        assertTrue(e.getMessage().contains("int bad = \"text\";"), "shows the line: " + e.getMessage());
        assertEquals(1, cells.eval("ok1").orElseThrow(), "the lines before it ran");
        assertEquals(CellException.Kind.COMPILE_ERROR, assertThrows(CellException.class, () -> cells.eval("after1")).kind(),
                "the lines after it did not run");
    }

    @Test
    void anExceptionKeepsTheThrowableWithItsTraceAndNamesTheLine() {
        CellException e = assertThrows(CellException.class,
                () -> cells.eval("int before2 = 1;\nif (before2 > 0) throw new IllegalStateException(\"boom\");\nint after2 = 2;"));
        assertEquals(CellException.Kind.THREW, e.kind());
        assertEquals(2, e.line());
        IllegalStateException thrown = assertInstanceOf(IllegalStateException.class, e.thrown(), "the real exception object");
        assertEquals("boom", thrown.getMessage());
        assertTrue(thrown.getStackTrace().length > 0, "the full trace is kept for the collapsed details");
        assertEquals(0, e.getStackTrace().length, "the cell error itself carries no kernel trace");
        assertEquals("line 2 threw java.lang.IllegalStateException: boom", e.getMessage());
        assertThrows(CellException.class, () -> cells.eval("after2"));
    }

    @Test
    void aDslErrorReachesTheUserWithItsOwnMessage() {
        CellException e = assertThrows(CellException.class, () -> cells.eval("corpus(\"starter\").tune(\"No Such Tune\")"));
        assertEquals(CellException.Kind.THREW, e.kind());
        assertTrue(e.getMessage().contains("No Such Tune"), e.getMessage());
    }

    @Test
    void completionComesFromJShellsAnalysisOfTheSnippetAtTheCursor() {
        cells.eval("var kesh = corpus(\"starter\").tune(\"The Kesh\");");
        String cell = "int q = 1;\nkesh.tit";
        CellEvaluator.Completion c = cells.complete(cell, cell.length());
        assertTrue(c.matches().contains("title()"), c.toString());
        assertEquals(cell.indexOf("tit"), c.start());
        assertEquals(cell.length(), c.end());
        assertTrue(cells.complete("corp", 4).matches().contains("corpus("), "the DSL is imported");
    }

    @Test
    void inspectionShowsAVariableAndAMethodSignature() {
        cells.eval("var inspected = corpus(\"starter\").tune(\"The Kesh\");");
        String v = cells.inspect("inspected", 3).orElseThrow();
        assertTrue(v.startsWith("Tune inspected = Tune "), v);
        String m = cells.inspect("Math.max", 8).orElseThrow();
        assertTrue(m.contains("max(int") && m.contains("max(double"), m);
        assertEquals(Optional.empty(), cells.inspect("   ", 1));
    }

    @Test
    void completenessOfACell() {
        assertEquals("complete", cells.isComplete("int x = 1;\nx + 1"));
        assertEquals("incomplete", cells.isComplete("for (int i = 0; i < 3; i++) {"));
        assertEquals("invalid", cells.isComplete("int x = );"));
    }

    @Test
    void displayShowsAValueNowAndReturnsNothing() {
        List<Object> shown = new ArrayList<>();
        Notebook.displayTo(shown::add);
        try {
            assertEquals(Optional.empty(), cells.eval("display(corpus(\"starter\").tune(\"The Kesh\"));"));
            assertEquals(1, shown.size());
            assertInstanceOf(Tune.class, shown.get(0));
        } finally {
            Notebook.displayTo(System.out::println);
        }
    }
}
