package tunesmith.vae;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tunesmith.corpus.Corpus;
import tunesmith.encode.MelodyGrid;
import tunesmith.music.Tune;

/**
 * A corpus cut into excerpts for the VAE: tunes split first (seeded, 90% train, 5% valid, 5% test,
 * by tune, so "held out" means tunes the model never saw), then each part cut into excerpts
 * ({@link VaeExcerpts}). Immutable; {@link #toString()} says what was used and what was left out, and why.
 */
public final class VaeData {

    /** Fractions of tunes for training and validation; the test part takes the rest. */
    public static final double TRAIN = 0.90, VALID = 0.05;

    private final String name;
    private final int bars;
    private final List<Excerpt> train, valid, test;
    private final int tunes, tunesUsed;
    private final Map<String, Integer> counts;

    private VaeData(String name, int bars, List<Excerpt> train, List<Excerpt> valid, List<Excerpt> test, int tunes, int tunesUsed, Map<String, Integer> counts) {
        this.name = name;
        this.bars = bars;
        this.train = List.copyOf(train);
        this.valid = List.copyOf(valid);
        this.test = List.copyOf(test);
        this.tunes = tunes;
        this.tunesUsed = tunesUsed;
        this.counts = Map.copyOf(counts);
    }

    /** Cuts a corpus into excerpts with a configuration's bars, grid range and seed. */
    public static VaeData of(Corpus corpus, VaeConfig config) {
        Corpus.Split split = corpus.split(TRAIN, VALID, config.seed());
        MelodyGrid grid = grid(config);
        Map<String, Integer> counts = new LinkedHashMap<>();
        int[] used = {0};
        List<Excerpt> tr = excerpts(split.train(), config.bars(), grid, counts, used);
        List<Excerpt> va = excerpts(split.valid(), config.bars(), grid, counts, used);
        List<Excerpt> te = excerpts(split.test(), config.bars(), grid, counts, used);
        return new VaeData(corpus.name(), config.bars(), tr, va, te, corpus.size(), used[0], counts);
    }

    /** Excerpts given directly (e.g. in tests), all for training and validation alike. */
    static VaeData of(String name, int bars, List<Excerpt> train, List<Excerpt> valid) {
        return new VaeData(name, bars, train, valid, List.of(), 0, 0, Map.of());
    }

    static MelodyGrid grid(VaeConfig c) { return MelodyGrid.grid().range(c.lowest(), c.highest()); }

    private static List<Excerpt> excerpts(Corpus part, int bars, MelodyGrid grid, Map<String, Integer> counts, int[] used) {
        List<Excerpt> out = new ArrayList<>();
        for (Tune t : part) {
            VaeExcerpts.Result r = VaeExcerpts.cut(t, bars, grid);
            r.counts().forEach((k, v) -> counts.merge(k, v, Integer::sum));
            if (r.excerpts().isEmpty()) counts.merge("tunes without a single excerpt", 1, Integer::sum);
            else used[0]++;
            out.addAll(r.excerpts());
        }
        return out;
    }

    public String name() { return name; }

    public int bars() { return bars; }

    public List<Excerpt> train() { return train; }

    public List<Excerpt> valid() { return valid; }

    public List<Excerpt> test() { return test; }

    /** Windows left out (and excerpts moved by octaves), by reason, over all three parts. */
    public Map<String, Integer> counts() { return counts; }

    /** Excerpts per meter over all three parts. */
    public Map<String, Integer> meters() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (List<Excerpt> part : List.of(train, valid, test)) for (Excerpt s : part) m.merge(s.meter().text(), 1, Integer::sum);
        return m;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "VaeData %s: %d-bar excerpts, train %,d / valid %,d / test %,d (split by tune, %d of %d tunes used); meters %s; left out %s",
                name, bars, train.size(), valid.size(), test.size(), tunesUsed, tunes, meters(), counts);
    }
}
