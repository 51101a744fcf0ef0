package tunesmith.music;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that every bar has the length its meter asks for. A bar may be short where players
 * expect it: a pickup at the start of the tune or of a section (after a repeat sign or a double
 * bar line), the bar before or at a repeat
 * sign, an ending, a double or final bar line, and the last bar. A bar is never too long.
 */
public final class BarCheck {

    private BarCheck() {}

    /** One line per bar of the wrong length ("voice 1 bar 7: 7/8 in 6/8"); empty when all fit. */
    public static List<String> problems(Tune tune) {
        List<String> out = new ArrayList<>();
        for (Voice v : tune.voices()) {
            Meter meter = tune.meter();
            List<Bar> bars = v.bars();
            int musical = 0;
            for (int i = 0; i < bars.size(); i++) {
                Bar b = bars.get(i);
                for (Element e : b.elements()) if (e instanceof InlineField f && f.name() == 'M') meter = Meter.parse(f.value());
                if (!b.hasMusic()) continue;
                musical++;
                if (meter.isFree()) continue;
                Duration d = b.duration(), want = meter.barLength();
                int c = d.compareTo(want);
                if (c == 0) continue;
                Bar next = i + 1 < bars.size() ? bars.get(i + 1) : null;
                Bar previous = i > 0 ? bars.get(i - 1) : null;
                boolean afterSection = previous != null && (previous.repeatEnd() || previous.end().closesSection());
                boolean mayBeShort = musical == 1 || next == null || afterSection || b.repeatEnd() || b.repeatStart() || b.end().closesSection()
                        || b.ending() != null || next.repeatStart() || next.ending() != null;
                if (c > 0 || !mayBeShort) {
                    out.add("voice " + (v.id().isEmpty() ? "1" : v.id()) + " bar " + (i + 1) + ": " + d + " in " + meter.text()
                            + " (expected " + want + ")");
                }
            }
        }
        return out;
    }

    /** True when every bar fits its meter (pickups and repeat-end bars allowed). */
    public static boolean fits(Tune tune) { return problems(tune).isEmpty(); }
}
