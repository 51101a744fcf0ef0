package tunesmith.music;

import java.util.List;

/** One voice of a tune ({@code V:} id and its properties, e.g. {@code clef=bass name="Alto"}) as bars. */
public record Voice(String id, String properties, List<Bar> bars) {

    public Voice {
        if (id == null) id = "";
        if (properties == null) properties = "";
        bars = List.copyOf(bars);
    }

    public Voice withBars(List<Bar> newBars) { return new Voice(id, properties, newBars); }

    /** Bars that hold music (not counting a trailing bar of only fields). */
    public int barCount() {
        int n = 0;
        for (Bar b : bars) if (b.hasMusic()) n++;
        return n;
    }
}
