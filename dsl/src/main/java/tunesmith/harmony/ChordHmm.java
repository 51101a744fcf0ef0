package tunesmith.harmony;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tunesmith.music.Bar;
import tunesmith.music.ChordSymbol;
import tunesmith.music.Duration;
import tunesmith.music.Element;
import tunesmith.music.Key;
import tunesmith.music.Mode;
import tunesmith.music.Note;
import tunesmith.music.NoteEvent;
import tunesmith.music.Progression;
import tunesmith.music.Tune;

/**
 * Chord symbols for a melody, one a bar: a hidden Markov model learned from tunes with chords
 * (Nottingham's), decoded by Viterbi. Its states are chords relative to the key's tonic (a root
 * 0..11 semitones above it and a family: major, minor, dominant seventh, diminished, augmented;
 * so "D7" in G major is the same state as "A7" in D major); a bar emits its melody's pitch classes,
 * relative to the tonic, each as often as it sounds (a multinomial per chord, counted in
 * quarter notes); transitions are counted from bar to bar. Add-one smoothing on emissions and a
 * small pseudo-count on transitions keep unseen pairs possible. Immutable.
 *
 * <p>{@code ChordHmm.train(corpus("nottingham").split().train()).suggest(tune)}; how often it is
 * right on held-out tunes: {@link #accuracy}.
 */
public final class ChordHmm {

    /** The families a chord is reduced to (a seventh, a sixth or an added ninth folds into its triad's). */
    static final ChordSymbol.Quality[] FAMILIES = {ChordSymbol.Quality.MAJOR, ChordSymbol.Quality.MINOR,
            ChordSymbol.Quality.DOMINANT_7, ChordSymbol.Quality.DIMINISHED, ChordSymbol.Quality.AUGMENTED};
    static final int STATES = 12 * FAMILIES.length;
    /** Pseudo-count of every transition and start (emissions get add-one). */
    static final double TRANSITION_PRIOR = 0.1;

    private final double[] start;       // log P(first state)
    private final double[][] transition; // log P(next | previous)
    private final double[][] emission;   // log P(relative pitch class | state)
    private final int[] counts;          // bars seen per state, for the most-common baseline
    private final long bars;

    private ChordHmm(double[] start, double[][] transition, double[][] emission, int[] counts, long bars) {
        this.start = start;
        this.transition = transition;
        this.emission = emission;
        this.counts = counts;
        this.bars = bars;
    }

    /** One bar as the model sees it: what its melody sounds (relative to the tonic, in quarters) and its chord, if known. */
    record Observed(double[] pitchClasses, int state) {}

    /**
     * Learns from tunes with chord symbols: each bar of music as performed, its chord the one that
     * sounds longest in it. Tunes without a tonal key or a meter, and bars without a chord, teach nothing.
     */
    public static ChordHmm train(Iterable<Tune> tunes) {
        double[] start = new double[STATES];
        double[][] trans = new double[STATES][STATES], emit = new double[STATES][12];
        int[] counts = new int[STATES];
        long n = 0;
        for (Tune t : tunes) {
            List<Observed> bars = observe(t);
            int prev = -1;
            for (Observed b : bars) {
                if (b.state() < 0) { prev = -1; continue; }
                if (prev < 0) start[b.state()]++;
                else trans[prev][b.state()]++;
                for (int pc = 0; pc < 12; pc++) emit[b.state()][pc] += b.pitchClasses()[pc];
                counts[b.state()]++;
                n++;
                prev = b.state();
            }
        }
        if (n == 0) throw new IllegalArgumentException("ChordHmm.train: no bar with a chord symbol among the tunes (they need chords, a key and a meter, as Nottingham's have)");
        return new ChordHmm(logNormal(start, TRANSITION_PRIOR), logRows(trans, TRANSITION_PRIOR), logRows(emit, 1.0), counts, n);
    }

    private static double[][] logRows(double[][] m, double prior) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) out[i] = logNormal(m[i], prior);
        return out;
    }

    private static double[] logNormal(double[] v, double prior) {
        double sum = 0;
        for (double x : v) sum += x + prior;
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Math.log((v[i] + prior) / sum);
        return out;
    }

    /** The bars of a tune as performed, with their chords; empty for a tune without a tonal key or a meter. */
    static List<Observed> observe(Tune tune) {
        if (!tune.key().isTonal() || tune.meter().isFree()) return List.of();
        int tonic = tune.key().tonicPitchClass();
        Progression p = Progression.of(tune);
        List<NoteEvent> melody = tune.melody();
        List<Observed> out = new ArrayList<>();
        List<Duration> starts = p.barStarts();
        for (int b = 0; b < starts.size(); b++) {
            Duration from = starts.get(b), to = from.plus(p.measures().get(b).length());
            double[] w = new double[12];
            for (NoteEvent e : melody) {
                Duration s = max(e.onset(), from), end = min(e.onset().plus(e.duration()), to);
                if (end.isLongerThan(s)) w[Math.floorMod(e.pitch().pitchClass() - tonic, 12)] += end.minus(s).quarters();
            }
            out.add(new Observed(w, longest(p, from, to).map(c -> state(c, tonic)).orElse(-1)));
        }
        return out;
    }

    private static Duration max(Duration a, Duration b) { return a.isLongerThan(b) ? a : b; }

    private static Duration min(Duration a, Duration b) { return a.isShorterThan(b) ? a : b; }

    /** The chord sounding longest between two times. */
    static Optional<ChordSymbol> longest(Progression p, Duration from, Duration to) {
        List<Duration> cuts = new ArrayList<>(List.of(from));
        for (Progression.Timed c : p.timeline()) if (c.time().isLongerThan(from) && c.time().isShorterThan(to)) cuts.add(c.time());
        cuts.add(to);
        ChordSymbol best = null;
        Duration bestLength = Duration.ZERO;
        for (int i = 0; i + 1 < cuts.size(); i++) {
            Optional<ChordSymbol> c = p.chordAt(cuts.get(i));
            Duration len = cuts.get(i + 1).minus(cuts.get(i));
            if (c.isPresent() && len.isLongerThan(bestLength)) { best = c.get(); bestLength = len; }
        }
        return Optional.ofNullable(best);
    }

    static int state(ChordSymbol c, int tonic) {
        ChordSymbol.Quality f = c.quality().family();
        int k = 0;
        while (FAMILIES[k] != f) k++;
        return k * 12 + Math.floorMod(c.root() - tonic, 12);
    }

    static ChordSymbol chord(int state, int tonic) { return ChordSymbol.of(tonic + state % 12, FAMILIES[state / 12]); }

    /** The likeliest chord states of a run of bars (Viterbi). */
    int[] decode(List<double[]> bars) {
        int n = bars.size();
        if (n == 0) return new int[0];
        double[][] score = new double[n][STATES];
        int[][] back = new int[n][STATES];
        for (int s = 0; s < STATES; s++) score[0][s] = start[s] + emit(s, bars.get(0));
        for (int t = 1; t < n; t++) {
            for (int s = 0; s < STATES; s++) {
                double best = Double.NEGATIVE_INFINITY;
                int arg = 0;
                for (int r = 0; r < STATES; r++) {
                    double v = score[t - 1][r] + transition[r][s];
                    if (v > best) { best = v; arg = r; }
                }
                score[t][s] = best + emit(s, bars.get(t));
                back[t][s] = arg;
            }
        }
        int[] path = new int[n];
        for (int s = 1; s < STATES; s++) if (score[n - 1][s] > score[n - 1][path[n - 1]]) path[n - 1] = s;
        for (int t = n - 1; t > 0; t--) path[t - 1] = back[t][path[t]];
        return path;
    }

    private double emit(int state, double[] w) {
        double e = 0;
        for (int pc = 0; pc < 12; pc++) e += w[pc] * emission[state][pc];
        return e;
    }

    /**
     * The tune with a chord symbol at the start of every bar as written (a bar that keeps the chord
     * before gets none), in place of its own. Needs a tonal key and a meter.
     */
    public Tune suggest(Tune tune) {
        if (!tune.key().isTonal()) throw new IllegalArgumentException("suggest: tune '" + tune.title() + "' has no tonal key (K:" + tune.key() + "); chords are learned relative to the tonic");
        if (tune.meter().isFree()) throw new IllegalArgumentException("suggest: tune '" + tune.title() + "' has no meter (M:none); chords are suggested bar by bar");
        int tonic = tune.key().tonicPitchClass();
        List<Bar> written = tune.melodyVoice().bars().stream().filter(b -> b.duration().isPositive()).toList();
        List<double[]> obs = new ArrayList<>();
        for (Bar b : written) {
            double[] w = new double[12];
            for (Element e : b.elements()) {
                if (e instanceof Note n) w[Math.floorMod(n.pitch().pitchClass() - tonic, 12)] += n.duration().quarters();
                else if (e instanceof tunesmith.music.Chord c) w[Math.floorMod(c.top().pitch().pitchClass() - tonic, 12)] += c.duration().quarters();
            }
            obs.add(w);
        }
        int[] path = decode(obs);
        List<Progression.Measure> measures = new ArrayList<>();
        int prev = -1;
        for (int i = 0; i < written.size(); i++) {
            List<Progression.Change> cs = path[i] == prev ? List.of() : List.of(new Progression.Change(Duration.ZERO, chord(path[i], tonic)));
            measures.add(new Progression.Measure(written.get(i).duration(), cs));
            prev = path[i];
        }
        return Progression.of(tune.meter(), measures).annotate(tune);
    }

    /**
     * Bar by bar on tunes with chords (held out from training): how often the suggested chord is
     * the one the tune's own symbols sound longest in the bar, compared by root and family (D7 and
     * D9 agree, D and D7 do not); beside always the tonic chord (minor in a minor, Dorian or
     * Phrygian key) and always the chord most common in training.
     */
    public Accuracy accuracy(Iterable<Tune> tunes) {
        int common = 0;
        for (int s = 1; s < STATES; s++) if (counts[s] > counts[common]) common = s;
        long n = 0, hmm = 0, tonicRight = 0, commonRight = 0;
        for (Tune t : tunes) {
            List<Observed> bars = observe(t);
            if (bars.isEmpty()) continue;
            int[] path = decode(bars.stream().map(Observed::pitchClasses).toList());
            Mode m = t.key().mode();
            int tonicState = state(ChordSymbol.of(0, m == Mode.MINOR || m == Mode.DORIAN || m == Mode.PHRYGIAN
                    ? ChordSymbol.Quality.MINOR : ChordSymbol.Quality.MAJOR), 0);
            for (int i = 0; i < bars.size(); i++) {
                int truth = bars.get(i).state();
                if (truth < 0) continue;
                n++;
                if (path[i] == truth) hmm++;
                if (tonicState == truth) tonicRight++;
                if (common == truth) commonRight++;
            }
        }
        return new Accuracy(n, frac(hmm, n), frac(tonicRight, n), frac(commonRight, n), chord(common, 0).text() + " in C");
    }

    private static double frac(long a, long n) { return n == 0 ? Double.NaN : (double) a / n; }

    /** Bars compared, and the share right: the model's, the tonic chord's, the most common chord's (named in C). */
    public record Accuracy(long bars, double hmm, double tonic, double mostCommon, String commonChord) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "chords per bar over %,d bars: HMM %.1f%%, always the tonic chord %.1f%%, always the most common (%s) %.1f%%",
                    bars, 100 * hmm, 100 * tonic, commonChord, 100 * mostCommon);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ChordHmm: %d chord states (12 roots above the tonic × major, minor, 7, dim, aug) learned from %,d bars; suggest(tune) to harmonise", STATES, bars);
    }
}
