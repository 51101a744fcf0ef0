package tunesmith.music;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chords in time, bar by bar: what a melody is played over. Written as text,
 * {@code Progression.parse("G D7 | G C | G D7 | G", "4/4")} (the chords of a bar share its beats;
 * an empty bar keeps the chord before), or taken from a tune's chord symbols as performed
 * ({@link #of(Tune)}). Immutable; {@link #annotate} writes the symbols into a melody.
 */
public final class Progression {

    /** A chord that starts {@code offset} into its bar. */
    public record Change(Duration offset, ChordSymbol chord) {}

    /** One bar: its length (a pickup or an ending may be shorter than the meter's) and the chords that start in it. */
    public record Measure(Duration length, List<Change> changes) {
        public Measure {
            changes = List.copyOf(changes);
        }
    }

    private final Meter meter;
    private final List<Measure> measures;

    private Progression(Meter meter, List<Measure> measures) {
        if (meter.isFree()) throw new IllegalArgumentException("A progression needs a meter with a bar length, not " + meter);
        if (measures.isEmpty()) throw new IllegalArgumentException("A progression needs at least one bar");
        this.meter = meter;
        this.measures = List.copyOf(measures);
    }

    /** Bars of chords in a meter, as made elsewhere (a harmonisation, bar by bar). */
    public static Progression of(Meter meter, List<Measure> measures) { return new Progression(meter, measures); }

    /** A progression in 4/4. */
    public static Progression parse(String text) { return parse(text, "4/4"); }

    /**
     * Bars separated by {@code |}, chords by spaces; the chords of a bar share its beats ("G D7" is
     * two beats each in 4/4 and a dotted quarter each in 6/8; "G D7 G" is 2 + 1 + 1 beats in 4/4;
     * "G G G D7" three beats and one); an empty bar holds the chord before.
     */
    public static Progression parse(String text, String meter) {
        Meter m = Meter.parse(meter);
        if (m.isFree()) throw new IllegalArgumentException("chords(\"" + text + "\"): meter " + meter + " has no bar length; give one such as 4/4 or 6/8");
        if (text == null || text.isBlank()) throw new IllegalArgumentException("chords(\"\"): expected bars of chord symbols separated by |, e.g. \"G D7 | G\"");
        String body = text.strip();
        if (body.startsWith("|")) body = body.substring(1);
        if (body.endsWith("|")) body = body.substring(0, body.length() - 1);
        List<Measure> out = new ArrayList<>();
        String[] bars = body.split("\\|", -1);
        for (int b = 0; b < bars.length; b++) {
            String bar = bars[b].strip();
            List<Change> changes = new ArrayList<>();
            if (!bar.isEmpty()) {
                String[] names = bar.split("\\s+");
                Duration[] offsets;
                try {
                    offsets = share(m, names.length);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("chords(\"" + text + "\"), bar " + (b + 1) + ": " + e.getMessage());
                }
                for (int i = 0; i < names.length; i++) {
                    ChordSymbol c;
                    try {
                        c = ChordSymbol.parse(names[i]);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("chords(\"" + text + "\"), bar " + (b + 1) + ": " + e.getMessage());
                    }
                    if (i > 0 && c.equals(changes.get(changes.size() - 1).chord())) continue; // a repeated chord holds on
                    changes.add(new Change(offsets[i], c));
                }
            } else if (b == 0) {
                throw new IllegalArgumentException("chords(\"" + text + "\"): the first bar is empty; it has no chord before it to hold");
            }
            out.add(new Measure(m.barLength(), changes));
        }
        return new Progression(m, out);
    }

    /**
     * Where each of {@code n} chords starts in a bar: the bar's beats shared as evenly as they go,
     * the earlier chords taking the beat left over (three chords in 4/4 are 2 + 1 + 1 beats, as
     * lead sheets read them); eighths, then 16ths, when there are more chords than beats.
     */
    private static Duration[] share(Meter m, int n) {
        long num = m.numerator();
        boolean compound = num % 3 == 0 && num > 3;
        long[] counts = {compound ? num / 3 : num, m.barLength().dividedBy(Duration.EIGHTH).numerator(), m.barLength().dividedBy(Duration.SIXTEENTH).numerator()};
        for (long units : counts) {
            if (n > units || m.barLength().dividedBy(units).dividedBy(Duration.SIXTEENTH).denominator() != 1) continue;
            Duration unit = m.barLength().dividedBy(units);
            Duration[] out = new Duration[n];
            long at = 0;
            for (int i = 0; i < n; i++) {
                out[i] = unit.times(at);
                at += units / n + (i < units % n ? 1 : 0);
            }
            return out;
        }
        throw new IllegalArgumentException(n + " chords in a bar of " + m + ": more than its 16ths");
    }

    /**
     * The chord symbols of a tune's melody voice as performed (repeats and endings written out),
     * bar by bar; a symbol holds until the next. Text in chord position that names no chord is
     * left out. The tune's pickup stays as its first, short bar (see {@link #withoutPickup()}).
     */
    public static Progression of(Tune tune) {
        if (tune.meter().isFree()) throw new IllegalArgumentException("Tune '" + tune.title() + "' has no meter (M:none), so its chords have no bars");
        List<Measure> out = new ArrayList<>();
        for (Bar bar : tune.unfold().melodyVoice().bars()) {
            Duration t = Duration.ZERO;
            List<Change> changes = new ArrayList<>();
            for (Element e : bar.elements()) {
                if (e instanceof Annotation a && a.isChordSymbol()) {
                    Optional<ChordSymbol> c = ChordSymbol.read(a.text());
                    if (c.isEmpty()) continue;
                    if (!changes.isEmpty() && changes.get(changes.size() - 1).offset().equals(t)) changes.remove(changes.size() - 1);
                    changes.add(new Change(t, c.get()));
                }
                t = t.plus(e.duration());
            }
            if (!bar.hasMusic() && changes.isEmpty()) continue;
            out.add(new Measure(bar.duration(), changes));
        }
        if (out.isEmpty()) throw new IllegalArgumentException("Tune '" + tune.title() + "' has no bars of music");
        return new Progression(tune.meter(), out);
    }

    public Meter meter() { return meter; }

    public List<Measure> measures() { return measures; }

    /** Number of bars. */
    public int bars() { return measures.size(); }

    /** Total length. */
    public Duration length() {
        Duration d = Duration.ZERO;
        for (Measure m : measures) d = d.plus(m.length());
        return d;
    }

    /** Whether any bar has a chord. */
    public boolean hasChords() { return measures.stream().anyMatch(m -> !m.changes().isEmpty()); }

    /** The same chords in another meter: each bar stretched or squeezed to the new bar length, offsets in proportion. */
    public Progression in(String newMeter) {
        Meter m = Meter.parse(newMeter);
        if (m.isFree()) throw new IllegalArgumentException("in(\"" + newMeter + "\"): a progression needs a meter with a bar length");
        List<Measure> out = new ArrayList<>();
        for (Measure x : measures) {
            Duration scale = m.barLength().dividedBy(meter.barLength());
            List<Change> cs = new ArrayList<>();
            for (Change c : x.changes()) cs.add(new Change(c.offset().times(scale), c.chord()));
            out.add(new Measure(x.length().times(scale), cs));
        }
        return new Progression(m, out);
    }

    /** Exactly {@code n} bars: this progression played round again as often as needed, or cut. */
    public Progression bars(int n) {
        if (n < 1) throw new IllegalArgumentException("bars(" + n + "): expected at least 1 bar");
        List<Measure> out = new ArrayList<>();
        ChordSymbol sounding = null;
        for (int i = 0; i < n; i++) {
            Measure m = measures.get(i % measures.size());
            List<Change> cs = new ArrayList<>(m.changes());
            // a bar that holds the chord before says which, so a repetition starts with the right one
            if (i >= measures.size() && (cs.isEmpty() || cs.get(0).offset().isPositive()) && sounding != null
                    && !sounding.equals(chordBefore(i % measures.size())))
                cs.add(0, new Change(Duration.ZERO, chordBefore(i % measures.size())));
            for (Change c : cs) sounding = c.chord();
            out.add(new Measure(m.length(), cs));
        }
        return new Progression(meter, out);
    }

    private ChordSymbol chordBefore(int bar) {
        ChordSymbol c = null;
        for (int i = 0; i < bar; i++) for (Change ch : measures.get(i).changes()) c = ch.chord();
        if (c == null) for (Measure m : measures) for (Change ch : m.changes()) c = ch.chord(); // round from the end
        return c;
    }

    /** The same progression with every chord moved by semitones. */
    public Progression transpose(int semitones) {
        List<Measure> out = new ArrayList<>();
        for (Measure m : measures) out.add(new Measure(m.length(), m.changes().stream().map(c -> new Change(c.offset(), c.chord().transpose(semitones))).toList()));
        return new Progression(meter, out);
    }

    /** Without a first bar shorter than the meter's (a pickup); the chord sounding at the first full bar starts it. */
    public Progression withoutPickup() {
        if (measures.size() < 2 || !measures.get(0).length().isShorterThan(meter.barLength())) return this;
        Optional<ChordSymbol> sounding = chordAt(measures.get(0).length());
        List<Measure> out = new ArrayList<>(measures.subList(1, measures.size()));
        Measure first = out.get(0);
        if (sounding.isPresent() && (first.changes().isEmpty() || first.changes().get(0).offset().isPositive())) {
            List<Change> cs = new ArrayList<>(first.changes());
            cs.add(0, new Change(Duration.ZERO, sounding.get()));
            out.set(0, new Measure(first.length(), cs));
        }
        return new Progression(meter, out);
    }

    /** The chord sounding at a time from the start (the last one to start at or before it), if any has started. */
    public Optional<ChordSymbol> chordAt(Duration time) {
        ChordSymbol c = null;
        Duration start = Duration.ZERO;
        for (Measure m : measures) {
            if (start.isLongerThan(time)) break;
            for (Change ch : m.changes()) {
                if (start.plus(ch.offset()).isLongerThan(time)) break;
                c = ch.chord();
            }
            start = start.plus(m.length());
        }
        return Optional.ofNullable(c);
    }

    /** Every change with its time from the start, in order. */
    public List<Timed> timeline() {
        List<Timed> out = new ArrayList<>();
        Duration start = Duration.ZERO;
        for (Measure m : measures) {
            for (Change c : m.changes()) out.add(new Timed(start.plus(c.offset()), c.chord()));
            start = start.plus(m.length());
        }
        return out;
    }

    /** A chord change at a time from the start. */
    public record Timed(Duration time, ChordSymbol chord) {}

    /** When each bar starts, from the start. */
    public List<Duration> barStarts() {
        List<Duration> out = new ArrayList<>();
        Duration t = Duration.ZERO;
        for (Measure m : measures) {
            out.add(t);
            t = t.plus(m.length());
        }
        return out;
    }

    /**
     * The strong beats, from the start: the first beat of every full bar, and in 4/4, 2/2, 6/8,
     * 6/4 and 12/8 also the middle of the bar (beat 3 of 4/4, beat 4 of 6/8). Short bars (a
     * pickup, a short ending) have none: their first note is no downbeat.
     */
    public List<Duration> strongBeats() {
        List<Duration> out = new ArrayList<>();
        Duration t = Duration.ZERO;
        long num = meter.numerator();
        boolean halves = num == 4 || num == 6 || num == 12 || (num == 2 && meter.denominator() == 2);
        for (Measure m : measures) {
            if (m.length().equals(meter.barLength())) {
                out.add(t);
                if (halves) out.add(t.plus(m.length().dividedBy(2)));
            }
            t = t.plus(m.length());
        }
        return out;
    }

    /**
     * The tune with this progression's symbols in its melody voice instead of its own: each at the
     * note or rest sounding when the chord starts, the note (or rest) split there, tied, when the
     * chord starts inside it. Bars are taken as written, in order (a tune made by a model has no
     * repeats); chords after the tune's end are left out.
     */
    public Tune annotate(Tune tune) {
        List<Timed> changes = timeline();
        int next = 0;
        Duration t = Duration.ZERO;
        List<Bar> bars = new ArrayList<>();
        for (Bar bar : tune.melodyVoice().bars()) {
            List<Element> out = new ArrayList<>();
            for (Element e : bar.elements()) {
                if (e instanceof Annotation a && a.isChordSymbol()) continue;
                Duration d = e.duration();
                if (!d.isPositive()) { out.add(e); continue; }
                Duration end = t.plus(d);
                Element rest = e;
                Duration at = t;
                while (next < changes.size() && changes.get(next).time().isShorterThan(end)) {
                    Timed c = changes.get(next++);
                    if (c.time().isLongerThan(at)) {
                        out.add(part(rest, c.time().minus(at), true));
                        rest = part(rest, end.minus(c.time()), null);
                        at = c.time();
                    }
                    out.add(new Annotation(Annotation.Placement.CHORD, c.chord().text()));
                }
                out.add(rest);
                t = end;
            }
            bars.add(bar.withElements(out));
        }
        List<Voice> voices = new ArrayList<>(tune.voices());
        voices.set(0, tune.melodyVoice().withBars(bars));
        return tune.withVoices(voices);
    }

    /** A note, chord or rest with another length; {@code tied} true ties it to what follows, null keeps its own tie. */
    private static Element part(Element e, Duration d, Boolean tied) {
        if (e instanceof Note n) return new Note(n.pitch(), n.written(), d, tied == null ? n.tied() : tied);
        if (e instanceof Chord c) return new Chord(c.notes(), d, tied == null ? c.tied() : tied);
        if (e instanceof Rest r) return Rest.of(d);
        throw new IllegalStateException("only notes, chords and rests take time, not " + e);
    }

    /** "G D7 | G C | ..." in the meter, one bar a cell. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Progression in ").append(meter).append(", ").append(bars()).append(" bars: ");
        for (int i = 0; i < measures.size(); i++) {
            if (i > 0) b.append(" | ");
            if (i == 16) { b.append("…"); break; }
            List<Change> cs = measures.get(i).changes();
            b.append(cs.isEmpty() ? "-" : String.join(" ", cs.stream().map(c -> c.chord().text()).toList()));
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) { return o instanceof Progression p && p.meter.equals(meter) && p.measures.equals(measures); }

    @Override
    public int hashCode() { return java.util.Objects.hash(meter, measures); }
}
