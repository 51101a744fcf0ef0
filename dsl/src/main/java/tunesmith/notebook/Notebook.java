package tunesmith.notebook;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a notebook cell can call besides the DSL. {@code display(x)} shows {@code x} now, as rich
 * output, and returns nothing, so no handle or id appears as the cell's output. Outside a kernel it
 * prints {@code x}.
 */
public final class Notebook {

    private static volatile Consumer<Object> sink = value -> System.out.println(value);

    private Notebook() { }

    /** Shows a value now (sheet music for a tune, a chart, a table), before the cell ends. */
    public static void display(Object value) { sink.accept(value); }

    /** The kernel routes {@link #display} to its output; package-private: cells never rewire it. */
    static void displayTo(Consumer<Object> displays) { sink = Objects.requireNonNull(displays, "displays"); }
}
