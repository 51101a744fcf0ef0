package tunesmith.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tunesmith.music.Duration;
import tunesmith.music.NoteEvent;
import tunesmith.music.Tune;

/**
 * Normalised histograms of the melodies of a set of tunes, and distances between two of them:
 * the numbers behind {@link Charts#pitchClasses}, {@link Charts#intervals} and
 * {@link Charts#durations}, for comparing samples with a corpus.
 *
 * <p>All three count the melody as performed ({@link Tune#melody()}: the first voice, repeats
 * unfolded, tied notes merged, chords as their top note), every note once whatever its length.
 * Any {@code Iterable<Tune>} will do: a {@code List<Tune>} or a {@code Corpus}.
 *
 * <pre>{@code
 * double d = Histograms.totalVariation(Histograms.interval(corpus), Histograms.interval(samples));
 * }</pre>
 */
public final class Histograms {

    private Histograms() {}

    /** Pitch-class bins, spelled with sharps as {@code Pitch.fromMidi} spells them. */
    public static final List<String> PITCH_CLASSES = List.of("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B");

    /** Intervals beyond an octave either way are counted in the end bins: leaps that large are rare and alike in effect. */
    public static final int MAX_INTERVAL = 12;

    /** Interval bins "-12" ... "0" ... "+12" (semitones from one melody note to the next). */
    public static final List<String> INTERVALS = intervalBins();

    /**
     * Note lengths in quarters that get a bin of their own: the lengths of folk and chorale
     * melodies (sixteenth, triplet eighth, eighth, dotted eighth, quarter, dotted quarter, half,
     * dotted half, whole), matched exactly; everything else is "other".
     */
    private static final Duration[] LENGTHS = {
            Duration.of(1, 4), Duration.of(1, 3), Duration.of(1, 2), Duration.of(3, 4), Duration.of(1, 1),
            Duration.of(3, 2), Duration.of(2, 1), Duration.of(3, 1), Duration.of(4, 1)};

    /** Note-length bins in quarters: "1/4", "1/3", "1/2", "3/4", "1", "3/2", "2", "3", "4", "other". */
    public static final List<String> DURATIONS = durationBins();

    private static List<String> intervalBins() {
        List<String> out = new ArrayList<>();
        for (int i = -MAX_INTERVAL; i <= MAX_INTERVAL; i++) out.add(i > 0 ? "+" + i : Integer.toString(i));
        return List.copyOf(out);
    }

    private static List<String> durationBins() {
        List<String> out = new ArrayList<>();
        for (Duration d : LENGTHS) out.add(d.toString());
        out.add("other");
        return List.copyOf(out);
    }

    // ---- histograms -----------------------------------------------------------------------

    /** Share of melody notes on each pitch class C .. B. */
    public static Histogram pitchClass(Iterable<Tune> tunes) {
        long[] counts = new long[12];
        for (Tune t : check(tunes)) for (NoteEvent e : t.melody()) counts[Math.floorMod(e.midi(), 12)]++;
        return new Histogram("pitch class", "notes", PITCH_CLASSES, counts);
    }

    /**
     * Share of each melodic interval, in semitones from each melody note to the next within a
     * tune (never across tunes), clipped to ±{@value #MAX_INTERVAL}.
     */
    public static Histogram interval(Iterable<Tune> tunes) {
        long[] counts = new long[2 * MAX_INTERVAL + 1];
        for (Tune t : check(tunes)) {
            List<NoteEvent> melody = t.melody();
            for (int i = 1; i < melody.size(); i++) {
                int step = melody.get(i).midi() - melody.get(i - 1).midi();
                counts[Math.max(-MAX_INTERVAL, Math.min(MAX_INTERVAL, step)) + MAX_INTERVAL]++;
            }
        }
        return new Histogram("interval", "intervals", INTERVALS, counts);
    }

    /** Share of melody notes of each length in quarters (see {@link #DURATIONS}); a tied note counts as its whole length. */
    public static Histogram duration(Iterable<Tune> tunes) {
        long[] counts = new long[LENGTHS.length + 1];
        for (Tune t : check(tunes)) {
            for (NoteEvent e : t.melody()) {
                Duration quarters = e.duration().times(4);
                int bin = LENGTHS.length; // "other"
                for (int i = 0; i < LENGTHS.length; i++) if (LENGTHS[i].equals(quarters)) { bin = i; break; }
                counts[bin]++;
            }
        }
        return new Histogram("note length", "notes", DURATIONS, counts);
    }

    private static Iterable<Tune> check(Iterable<Tune> tunes) {
        return Objects.requireNonNull(tunes, "tunes (a List<Tune> or a Corpus)");
    }

    // ---- distances ------------------------------------------------------------------------

    /**
     * Total variation distance: half the sum of absolute differences of the shares, the largest
     * difference in probability the two give any set of bins. 0 for identical histograms, 1 for
     * histograms with no bin in common; symmetric.
     *
     * @throws IllegalArgumentException if their bins differ or either is empty
     */
    public static double totalVariation(Histogram a, Histogram b) {
        checkComparable(a, b);
        return totalVariation(a.values(), b.values());
    }

    /** {@link #totalVariation(Histogram, Histogram)} of two distributions given as arrays of equal length, each summing to 1. */
    public static double totalVariation(double[] p, double[] q) {
        checkDistributions(p, q);
        double sum = 0;
        for (int i = 0; i < p.length; i++) sum += Math.abs(p[i] - q[i]);
        return Math.min(1.0, sum / 2); // rounding may push a disjoint pair a hair above 1
    }

    /**
     * Kullback-Leibler divergence KL(a ‖ b) in nats: how much worse, per note, a code built for
     * {@code b} describes notes drawn from {@code a}. Not symmetric: with {@code a} the corpus and
     * {@code b} the samples, it punishes samples that never play what the corpus plays.
     *
     * <p>{@code epsilon} is added to every bin of both before renormalising, so one bin that
     * {@code b} never uses does not make the divergence infinite. 1e-6 is a good default; larger
     * values blunt the measure, and 0 gives the exact (possibly infinite) divergence.
     *
     * @throws IllegalArgumentException if their bins differ, either is empty, or epsilon is negative
     */
    public static double klDivergence(Histogram a, Histogram b, double epsilon) {
        checkComparable(a, b);
        return klDivergence(a.values(), b.values(), epsilon);
    }

    /** {@link #klDivergence(Histogram, Histogram, double)} of two distributions given as arrays of equal length, each summing to 1. */
    public static double klDivergence(double[] p, double[] q, double epsilon) {
        checkDistributions(p, q);
        if (!(epsilon >= 0) || Double.isInfinite(epsilon))
            throw new IllegalArgumentException("epsilon must be a finite number >= 0, was " + epsilon + " (1e-6 is a good default)");
        double norm = 1 + p.length * epsilon;
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double pi = (p[i] + epsilon) / norm, qi = (q[i] + epsilon) / norm;
            if (pi == 0) continue;                      // 0 log 0 = 0
            if (qi == 0) return Double.POSITIVE_INFINITY;
            sum += pi * Math.log(pi / qi);
        }
        return Math.max(0.0, sum); // never negative in exact arithmetic
    }

    private static void checkComparable(Histogram a, Histogram b) {
        Objects.requireNonNull(a, "first histogram");
        Objects.requireNonNull(b, "second histogram");
        if (!a.bins().equals(b.bins()))
            throw new IllegalArgumentException("Cannot compare a histogram of " + a.what() + " with one of " + b.what()
                    + ": their bins differ (" + a.bins() + " vs " + b.bins() + ")");
        for (Histogram h : List.of(a, b))
            if (h.isEmpty())
                throw new IllegalArgumentException("The " + h.what() + " histogram counted nothing (no notes in its tunes), so it is no "
                        + "distribution to compare; check the tunes are not empty (or, for intervals, have more than one note)");
    }

    private static void checkDistributions(double[] p, double[] q) {
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(q, "q");
        if (p.length != q.length) throw new IllegalArgumentException("Distributions of different lengths: " + p.length + " and " + q.length + " bins");
        checkDistribution("first", p);
        checkDistribution("second", q);
    }

    private static void checkDistribution(String which, double[] p) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0) || Double.isInfinite(p[i]))
                throw new IllegalArgumentException("The " + which + " distribution has " + p[i] + " at bin " + i + "; shares must be finite and >= 0");
            sum += p[i];
        }
        if (Math.abs(sum - 1) > 1e-6)
            throw new IllegalArgumentException("The " + which + " distribution sums to " + sum + ", not 1; divide by its sum first"
                    + (sum == 0 ? " (it is all zeros: nothing was counted)" : ""));
    }
}
