package tunesmith.music;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes out repeats, numbered endings and parts into the performed order.
 * The rules follow abc2midi, the reference player: a {@code :|} with no {@code |:} before it
 * goes back to the start of the tune, to just after the previous repeat, or, once a section has
 * been repeated, to just after a later double/final bar line; an ending runs until the next ending,
 * a repeat sign, or a double/final bar line; with endings labelled up to n a section is played
 * n times. Where abc2midi is at odds with how players read endings we are not: after the last
 * ending a new section starts, so the next part repeats with its own 1st and 2nd endings.
 */
final class Repeats {

    private Repeats() {}

    static Tune unfold(Tune tune) {
        List<Voice> out = new ArrayList<>();
        String partOrder = tune.field('P').map(Repeats::expandParts).orElse("");
        for (Voice v : tune.voices()) {
            List<Bar> bars = partOrder.isEmpty() ? unfoldBars(v.bars()) : unfoldParts(v.bars(), partOrder);
            out.add(v.withBars(bars));
        }
        List<Field> fields = new ArrayList<>();
        for (Field f : tune.fields()) if (f.name() != 'P') fields.add(f);
        return new Tune(fields, out, tune.source(), tune.line());
    }

    /** Bars in performed order, repeat marks removed. */
    static List<Bar> unfoldBars(List<Bar> bars) {
        List<Bar> out = new ArrayList<>();
        int n = bars.size();
        int start = 0, pass = 1;
        boolean explicitStart = false; // the section starts at a |: (not at the tune start or after a repeat)
        boolean repeated = false;      // some section has been repeated already
        Set<Integer> active = null;    // endings of the current ending bracket, null outside one
        int i = 0;
        int guard = 0;
        while (i < n) {
            if (++guard > 100_000) throw new IllegalStateException("Repeat structure does not terminate");
            Bar bar = bars.get(i);
            if (bar.repeatStart() && i != start) { start = i; pass = 1; active = null; }
            if (bar.repeatStart()) explicitStart = true;
            if (bar.ending() != null) active = endingNumbers(bar.ending());
            boolean play = active == null || active.contains(pass);
            if (play) out.add(bar.plain());
            boolean closes = bar.repeatEnd() || bar.end().closesSection();
            if (play && bar.repeatEnd()) {
                if (pass < passes(bars, start, i)) {
                    pass++;
                    active = null;
                    i = start;
                    continue;
                }
                start = i + 1;
                pass = 1;
                explicitStart = false;
                repeated = true;
            } else if (play && closes && (active != null ? pass > 1 && pass >= passes(bars, start, i)
                    : pass == 1 && repeated && !explicitStart)) {
                // the last ending ends here, or (as in abc2midi) a double bar after a repeated
                // section starts the next one: a later :| with no |: goes back to here
                start = i + 1;
                pass = 1;
                explicitStart = false;
                repeated = true;
            }
            if (closes) active = null;
            i++;
        }
        return out;
    }

    /** How many times the section starting at {@code start} is played: 2, or the highest ending number. */
    private static int passes(List<Bar> bars, int start, int at) {
        int max = 2;
        for (int j = start; j < bars.size(); j++) {
            Bar b = bars.get(j);
            if (j > at && b.repeatStart()) break;
            if (b.ending() != null) for (int e : endingNumbers(b.ending())) max = Math.max(max, e);
            if (j > at && b.ending() == null && j > 0 && bars.get(j - 1).end().closesSection()) break;
        }
        return max;
    }

    /** "1", "2", "1,3", "1-3" to the passes they cover. */
    static Set<Integer> endingNumbers(String label) {
        Set<Integer> out = new HashSet<>();
        for (String part : label.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            int dash = p.indexOf('-');
            try {
                if (dash > 0) {
                    int a = Integer.parseInt(p.substring(0, dash)), b = Integer.parseInt(p.substring(dash + 1));
                    for (int k = a; k <= b && k - a < 32; k++) out.add(k);
                } else out.add(Integer.parseInt(p));
            } catch (NumberFormatException e) {
                // a text label such as "fine": played on every pass
            }
        }
        if (out.isEmpty()) out.add(1);
        return out;
    }

    /** "A2B" and "(AB)2C" to "AABABC"; dots and spaces are separators. */
    static String expandParts(String spec) {
        StringBuilder out = new StringBuilder();
        expand(spec.replace(".", "").replace(" ", ""), new int[]{0}, out, 0);
        return out.toString();
    }

    private static void expand(String s, int[] pos, StringBuilder out, int depth) {
        while (pos[0] < s.length()) {
            char c = s.charAt(pos[0]);
            if (c == ')') { if (depth > 0) { pos[0]++; return; } pos[0]++; continue; }
            StringBuilder piece = new StringBuilder();
            if (c == '(') {
                pos[0]++;
                expand(s, pos, piece, depth + 1);
            } else if (Character.isLetter(c)) {
                piece.append(c);
                pos[0]++;
            } else { pos[0]++; continue; }
            int count = 0;
            while (pos[0] < s.length() && Character.isDigit(s.charAt(pos[0]))) count = count * 10 + (s.charAt(pos[0]++) - '0');
            out.append(piece.toString().repeat(Math.max(1, Math.min(count, 64))));
        }
    }

    /** Splits a voice at its P: marks, unfolds each part, and plays them in {@code order}. */
    private static List<Bar> unfoldParts(List<Bar> bars, String order) {
        Map<Character, List<Bar>> parts = new LinkedHashMap<>();
        List<Bar> intro = new ArrayList<>();
        List<Bar> current = intro;
        for (Bar b : bars) {
            Character label = null;
            List<Element> kept = new ArrayList<>();
            for (Element e : b.elements()) {
                if (e instanceof InlineField f && f.name() == 'P' && !f.value().isBlank() && label == null && kept.stream().noneMatch(x -> x.duration().isPositive())) {
                    label = f.value().strip().charAt(0);
                } else kept.add(e);
            }
            if (label != null) {
                current = parts.computeIfAbsent(label, k -> new ArrayList<>());
                b = b.withElements(kept);
            }
            current.add(b);
        }
        if (parts.isEmpty()) return unfoldBars(bars);
        List<Bar> out = new ArrayList<>(unfoldBars(intro));
        for (char p : order.toCharArray()) {
            List<Bar> part = parts.get(p);
            if (part != null) out.addAll(unfoldBars(part));
        }
        return out;
    }

    static List<NoteEvent> melody(Tune tune) {
        List<NoteEvent> out = new ArrayList<>();
        Duration t = Duration.ZERO;
        boolean tiedFromPrevious = false;
        for (Bar bar : tune.unfold().melodyVoice().bars()) {
            for (Element e : bar.elements()) {
                Note n = null;
                boolean tie = false;
                if (e instanceof Note note) { n = note; tie = note.tied(); }
                else if (e instanceof Chord c) { n = c.top(); tie = c.tied() || c.top().tied(); }
                if (n != null) {
                    Duration d = e.duration();
                    NoteEvent last = out.isEmpty() ? null : out.get(out.size() - 1);
                    if (tiedFromPrevious && last != null && last.midi() == n.midi()
                            && last.onset().plus(last.duration()).equals(t)) {
                        out.set(out.size() - 1, new NoteEvent(last.pitch(), last.onset(), last.duration().plus(d)));
                    } else if (d.isPositive()) {
                        out.add(new NoteEvent(n.pitch(), t, d));
                    }
                    tiedFromPrevious = tie;
                } else if (e instanceof Rest) {
                    tiedFromPrevious = false;
                }
                t = t.plus(e.duration());
            }
        }
        return out;
    }
}
