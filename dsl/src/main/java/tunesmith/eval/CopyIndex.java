package tunesmith.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tunesmith.music.Bar;
import tunesmith.music.Chord;
import tunesmith.music.Element;
import tunesmith.music.Note;
import tunesmith.music.Rest;
import tunesmith.music.Tune;

/**
 * The bars of a set of training tunes, indexed to find the longest run of bars a sample copies
 * from one of them: {@code CopyIndex.of(train).longestCopy(sample)}. Immutable once built.
 *
 * <p><b>Bar identity.</b> Two bars are the same when {@link #barKey} gives the same text: the
 * sequence, in order, of the bar's notes, rests and chords, each as its MIDI pitch (a chord as its
 * top note, a rest as {@code z}) and its exact performed length (tuplets and broken rhythm
 * applied). So spelling ({@code ^F} or {@code _G}), the unit length {@code L:}, how the bar is
 * written, grace notes, decorations, chord symbols, slurs and ties do not matter; pitch and rhythm
 * do. Transposition is not considered: a copy moved to another key is no copy here. Elements of
 * length zero are left out.
 *
 * <p><b>Which bars.</b> The melody voice (voice 1) as written, repeats not unfolded, counting only
 * bars that hold a note or rest (as {@link Tune#barCount()} does); bar numbers in {@link Copy}
 * count those bars from 1. A run may cross a repeat sign or a section end of either tune.
 */
public final class CopyIndex {

    /** A run of {@code bars} consecutive bars of a sample found, consecutively, in one training tune. */
    public record Copy(int bars, int sampleBar, int sourceTune, String sourceTitle, int sourceBar) {

        /** No bar of the sample occurs in any training tune. */
        public static final Copy NONE = new Copy(0, 0, -1, "", 0);

        /** True when the run is at least {@code window} bars long. */
        public boolean atLeast(int window) { return bars >= window; }

        /** {@code "6 bars: sample bars 3-8 = bars 1-6 of 'The Kesh'"}, or "none". */
        @Override
        public String toString() {
            if (bars == 0) return "none";
            return String.format(Locale.ROOT, "%d bar%s: sample bar%s = bar%s of '%s' (training tune %d)", bars, bars == 1 ? "" : "s",
                    range(sampleBar, bars), range(sourceBar, bars), sourceTitle, sourceTune + 1);
        }

        private static String range(int first, int n) { return n == 1 ? " " + first : "s " + first + "-" + (first + n - 1); }
    }

    private final Map<String, Integer> ids;      // bar key -> id
    private final long[][] occurrences;          // id -> codes (tune << 32 | position), in corpus order
    private final List<String> titles;
    private final int barCount;

    private CopyIndex(Map<String, Integer> ids, long[][] occurrences, List<String> titles, int barCount) {
        this.ids = ids;
        this.occurrences = occurrences;
        this.titles = titles;
        this.barCount = barCount;
    }

    /** Indexes every musical bar of every tune (its melody voice as written). */
    public static CopyIndex of(Iterable<Tune> training) {
        Objects.requireNonNull(training, "training tunes (a Corpus or a List<Tune>)");
        Map<String, Integer> ids = new HashMap<>();
        List<List<Long>> occ = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        int tune = 0, total = 0;
        for (Tune t : training) {
            List<String> keys = barKeys(t);
            for (int pos = 0; pos < keys.size(); pos++) {
                Integer id = ids.get(keys.get(pos));
                if (id == null) {
                    id = ids.size();
                    ids.put(keys.get(pos), id);
                    occ.add(new ArrayList<>());
                }
                occ.get(id).add(code(tune, pos));
            }
            total += keys.size();
            titles.add(t.title());
            tune++;
        }
        long[][] occurrences = new long[occ.size()][];
        for (int i = 0; i < occurrences.length; i++) occurrences[i] = occ.get(i).stream().mapToLong(Long::longValue).toArray();
        return new CopyIndex(Map.copyOf(ids), occurrences, List.copyOf(titles), total);
    }

    /**
     * The identity of a bar (see the class comment): e.g. {@code "67:1/8 69:1/8 71:1/4 z:1/4"} for
     * {@code GA B2 z2} in L:1/8, MIDI pitch and length as a fraction of a whole note.
     */
    public static String barKey(Bar bar) {
        StringBuilder b = new StringBuilder();
        for (Element e : bar.elements()) {
            String pitch;
            if (e instanceof Note n) pitch = Integer.toString(n.midi());
            else if (e instanceof Chord c) pitch = Integer.toString(c.top().midi());
            else if (e instanceof Rest) pitch = "z";
            else continue;                      // marks take no time
            if (!e.duration().isPositive()) continue;
            if (b.length() > 0) b.append(' ');
            b.append(pitch).append(':').append(e.duration());
        }
        return b.toString();
    }

    /** The keys of the bars with music of the melody voice as written, in order. */
    static List<String> barKeys(Tune tune) {
        List<String> out = new ArrayList<>();
        for (Bar b : tune.bars()) if (b.hasMusic()) out.add(barKey(b));
        return out;
    }

    private static long code(int tune, int position) { return ((long) tune << 32) | position; }

    /**
     * The longest run of consecutive bars of {@code sample} that occurs, consecutively, in one
     * training tune; the first such run (in the sample, then in corpus order) when several are
     * equally long; {@link Copy#NONE} when no bar matches.
     */
    public Copy longestCopy(Tune sample) {
        Objects.requireNonNull(sample, "sample");
        List<String> keys = barKeys(sample);
        // run length ending at (sample bar j, training occurrence o) = 1 + run at (j-1, o-1): a
        // longest-common-substring over the matches only, so the cost follows the number of matching bars
        Map<Long, Integer> prev = new HashMap<>(), cur = new HashMap<>();
        int best = 0, bestEnd = -1;
        long bestCode = 0;
        for (int j = 0; j < keys.size(); j++) {
            cur.clear();
            Integer id = ids.get(keys.get(j));
            if (id != null) {
                for (long o : occurrences[id]) {
                    int run = prev.getOrDefault(o - 1, 0) + 1; // o - 1 is the bar before in the same tune (position 0 has none)
                    cur.put(o, run);
                    if (run > best) { best = run; bestEnd = j; bestCode = o; }
                }
            }
            Map<Long, Integer> t = prev; prev = cur; cur = t;
        }
        if (best == 0) return Copy.NONE;
        int tune = (int) (bestCode >>> 32), endPos = (int) bestCode;
        return new Copy(best, bestEnd - best + 2, tune, titles.get(tune), endPos - best + 2);
    }

    /** Number of training tunes indexed. */
    public int tunes() { return titles.size(); }

    /** Number of training bars indexed (bars with music, as written). */
    public int bars() { return barCount; }

    /** Number of different bars among them. */
    public int distinctBars() { return ids.size(); }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "CopyIndex of %d tunes, %,d bars (%,d different); longestCopy(sample) to check a sample",
                tunes(), bars(), distinctBars());
    }
}
