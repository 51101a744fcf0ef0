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

    /**
     * As abc2midi counts bars: every bar full but the first (a pickup), a bar that closes a section or
     * the tune (before {@code :|}, {@code ||}, {@code |]}, or last) only when it completes the pickup of
     * its section, and a pickup that opens a later section only when it completes the bar before it.
     * One line per bar that breaks this; empty when none does. Free meter passes.
     */
    public static List<String> strictProblems(Tune tune) {
        List<String> out = new ArrayList<>();
        Meter meter = tune.meter();
        List<Bar> bars = tune.melodyVoice().bars();
        Duration pickup = null, previous = null;
        boolean sectionStart = true;
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            for (Element e : b.elements()) if (e instanceof InlineField f && f.name() == 'M') meter = Meter.parse(f.value());
            if (!b.hasMusic()) continue;
            if (meter.isFree()) { previous = null; continue; }
            Duration d = b.duration(), want = meter.barLength();
            int c = d.compareTo(want);
            boolean closes = b.repeatEnd() || b.end().closesSection() || i == bars.size() - 1 || (i + 1 < bars.size() && bars.get(i + 1).repeatStart());
            boolean ok = c == 0;
            if (c < 0 && sectionStart && (pickup == null || previous == null || previous.plus(d).equals(want))) {
                ok = true;
                pickup = d;
            } else if (c < 0 && closes && pickup != null && pickup.plus(d).equals(want)) {
                ok = true;
            }
            if (c == 0 && sectionStart) pickup = Duration.ZERO;
            if (!ok) out.add("bar " + (i + 1) + ": " + d + " in " + meter.text() + " (expected " + want + ")");
            previous = d;
            sectionStart = closes;
        }
        return out;
    }
}
