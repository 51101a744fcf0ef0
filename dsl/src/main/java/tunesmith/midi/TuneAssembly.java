package tunesmith.midi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import tunesmith.midi.Quantizer.Placed;
import tunesmith.midi.Quantizer.Segment;
import tunesmith.music.Accidentals;
import tunesmith.music.Bar;
import tunesmith.music.BarLine;
import tunesmith.music.Duration;
import tunesmith.music.Element;
import tunesmith.music.Field;
import tunesmith.music.InlineField;
import tunesmith.music.Key;
import tunesmith.music.Meter;
import tunesmith.music.Note;
import tunesmith.music.Rest;
import tunesmith.music.Tune;
import tunesmith.music.Tuplet;
import tunesmith.music.Voice;

/**
 * Notes on the grid made into a tune's bars as ABC has them: a note that crosses a bar line (or
 * the edge of a triplet) is written as tied notes, silence as rests, each triplet's notes after a
 * {@code (3:2:r} mark, a meter or key change as an inline field at the bar where it takes effect,
 * and every pitch spelled in the key in force, its accidentals written as the key and the bar need.
 */
final class TuneAssembly {

    private TuneAssembly() {}

    /** Bars per line of the written tune. */
    private static final int BARS_PER_LINE = 4;

    static Tune assemble(List<Field> header, List<Quantizer.Bar> bars, List<Placed> notes, List<Segment> triplets,
                         TreeMap<Duration, Key> keys, String source) {
        Key startKey = keys.firstEntry().getValue();
        TreeMap<Duration, Segment> tripletAt = new TreeMap<>();
        for (Segment s : triplets) tripletAt.put(s.start(), s);
        Duration lastEnd = notes.isEmpty() ? Duration.ZERO : notes.get(notes.size() - 1).end();
        List<Bar> out = new ArrayList<>();
        Meter meter = bars.get(0).meter();
        Key key = startKey;
        int next = 0; // first note not yet finished before the bar
        int line = 0;
        for (int b = 0; b < bars.size(); b++) {
            Quantizer.Bar bar = bars.get(b);
            if (b > 0 && !bar.start().isShorterThan(lastEnd)) break; // nothing sounds from here on
            List<Element> es = new ArrayList<>();
            if (b > 0 && !bar.meter().equals(meter)) es.add(new InlineField('M', bar.meter().text(), false));
            meter = bar.meter();
            Key k = keys.floorEntry(bar.start()).getValue();
            if (!k.equals(key)) es.add(new InlineField('K', k.abc(), false));
            key = k;

            TreeSet<Duration> cuts = new TreeSet<>(List.of(bar.start(), bar.end()));
            while (next < notes.size() && !notes.get(next).end().isLongerThan(bar.start())) next++;
            for (int i = next; i < notes.size() && notes.get(i).onset().isShorterThan(bar.end()); i++) {
                cuts.add(max(notes.get(i).onset(), bar.start()));
                cuts.add(min(notes.get(i).end(), bar.end()));
            }
            for (Segment s : tripletAt.subMap(bar.start(), true, bar.end(), false).values()) { cuts.add(s.start()); cuts.add(s.end()); }

            List<Duration> points = new ArrayList<>(cuts);
            // pieces between cuts: a note's piece, or silence (consecutive silences are one rest within a grid segment)
            List<Element> pieces = new ArrayList<>();
            List<Duration> pieceStarts = new ArrayList<>();
            int ni = next;
            for (int p = 0; p + 1 < points.size(); p++) {
                Duration x = points.get(p), y = points.get(p + 1);
                while (ni < notes.size() && !notes.get(ni).end().isLongerThan(x)) ni++;
                Placed covering = ni < notes.size() && !notes.get(ni).onset().isLongerThan(x) ? notes.get(ni) : null;
                Duration len = y.minus(x);
                if (covering != null) {
                    Note note = new Note(KeyFinder.spell(covering.key(), key), null, len, y.isShorterThan(covering.end()));
                    pieces.add(note);
                    pieceStarts.add(x);
                } else {
                    int lastIndex = pieces.size() - 1;
                    boolean joins = lastIndex >= 0 && pieces.get(lastIndex) instanceof Rest && !tripletAt.containsKey(x) && !endsTriplet(tripletAt, x);
                    if (joins) pieces.set(lastIndex, Rest.of(((Rest) pieces.get(lastIndex)).duration().plus(len)));
                    else { pieces.add(Rest.of(len)); pieceStarts.add(x); }
                }
            }
            for (int p = 0; p < pieces.size(); p++) {
                Segment s = tripletAt.get(pieceStarts.get(p));
                if (s != null) {
                    int count = 0;
                    for (int r = p; r < pieces.size() && pieceStarts.get(r).isShorterThan(s.end()); r++) count++;
                    if (count >= 2) es.add(new Tuplet(3, 2, count)); // one piece filling the triplet is a plain length
                }
                es.add(pieces.get(p));
            }
            boolean lastBar = b + 1 >= bars.size() || !bars.get(b + 1).start().isShorterThan(lastEnd);
            boolean pickup = b == 0 && bar.length().isShorterThan(bar.meter().barLength());
            if (!pickup) line++;
            boolean endsLine = lastBar || line % BARS_PER_LINE == 0;
            out.add(new Bar(es, false, null, lastBar ? BarLine.FINAL : BarLine.SINGLE, false, endsLine, List.of()));
        }
        List<Bar> spelled = Accidentals.respell(out, startKey);
        return new Tune(header, List.of(new Voice("", "", spelled)), source, 0);
    }

    private static boolean endsTriplet(TreeMap<Duration, Segment> tripletAt, Duration x) {
        Map.Entry<Duration, Segment> e = tripletAt.lowerEntry(x);
        return e != null && e.getValue().end().equals(x);
    }

    private static Duration max(Duration a, Duration b) { return a.compareTo(b) >= 0 ? a : b; }

    private static Duration min(Duration a, Duration b) { return a.compareTo(b) <= 0 ? a : b; }
}
