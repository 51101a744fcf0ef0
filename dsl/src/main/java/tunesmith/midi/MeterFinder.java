package tunesmith.midi;

import java.util.List;
import tunesmith.music.Duration;
import tunesmith.music.Meter;

/**
 * The meter and the pickup (anacrusis) of a melody from where its notes start: each candidate meter
 * has a weight for every 16th of its bar (the downbeat strongest, then its beats, then eighths,
 * then 16ths), and the meter and bar offset are chosen under which the notes, weighted by their
 * length (a long note marks a strong place), fall on the strongest places; a melody that ends on a
 * bar line votes for the offset that puts it there.
 *
 * <p>MIDI files made from notation rarely say where a pickup ends (abc2midi writes a pickup bar as
 * if it were the start of a full bar), and a triplet on the last beat of a bar is only seen as one
 * when the bar lines are in their place.
 */
final class MeterFinder {

    private MeterFinder() {}

    /** A meter with its weight for each 16th of the bar. */
    record Template(Meter meter, double[] weights) {}

    /** The candidates, commonest first: 2/4 and 2/2 are read as 4/4, 12/8 as 6/8, the same beats in other bars. */
    static final List<Template> TEMPLATES = List.of(
            template("4/4", new double[]{1, .12, .3, .12, .5, .12, .3, .12, .7, .12, .3, .12, .5, .12, .3, .12}),
            template("3/4", new double[]{1, .12, .3, .12, .55, .12, .3, .12, .55, .12, .3, .12}),
            template("6/8", new double[]{1, .12, .4, .12, .4, .12, .7, .12, .4, .12, .4, .12}),
            template("9/8", new double[]{1, .12, .4, .12, .4, .12, .65, .12, .4, .12, .4, .12, .65, .12, .4, .12, .4, .12}));

    /** What a meter must win by, per 100 notes, over 4/4: rarer meters need clearer evidence (9/8 took jigs and reels without it). */
    private static final double[] PRIOR_PER_100_NOTES = {0, 5, 5, 15};
    /** What a pickup must win by over none. */
    private static final double PICKUP_PRIOR = 3;
    /** What ending on a bar line is worth (a notated tune's last bar completes its pickup). */
    private static final double ENDS_ON_BAR_LINE = 6;
    /** A note's weight is its length in 16ths, up to a whole note. */
    private static final long LONGEST_WEIGHT = 16;

    private static Template template(String meter, double[] w) {
        double mean = 0;
        for (double x : w) mean += x;
        mean /= w.length;
        double[] log = new double[w.length];
        for (int i = 0; i < w.length; i++) log[i] = Math.log(w[i] / mean);
        return new Template(Meter.parse(meter), log);
    }

    /** A meter and where its first full bar starts (zero for no pickup), in whole notes. */
    record Estimate(Meter meter, Duration pickup) {}

    /**
     * The meter and pickup for notes given as onsets and lengths in 16ths, and the end of the last
     * note in 16ths. With {@code known} only the pickup is estimated, for that meter.
     */
    static Estimate estimate(long[] onsets, long[] lengths, long end, Meter known) {
        return ranked(onsets, lengths, end, known, 1).get(0);
    }

    /** The {@code count} best estimates, best first: the best meter's pickups in the order of their scores. */
    static List<Estimate> ranked(long[] onsets, long[] lengths, long end, Meter known, int count) {
        List<Template> candidates = known == null ? TEMPLATES : List.of(forMeter(known));
        Template bestMeter = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        double[][] scores = new double[candidates.size()][];
        for (int c = 0; c < candidates.size(); c++) {
            Template t = candidates.get(c);
            int n = t.weights().length;
            double prior = known == null ? PRIOR_PER_100_NOTES[c] * onsets.length / 100.0 : 0;
            scores[c] = new double[n];
            for (int offset = 0; offset < n; offset++) {
                double s = 0;
                for (int i = 0; i < onsets.length; i++) s += Math.min(lengths[i], LONGEST_WEIGHT) * t.weights()[(int) Math.floorMod(onsets[i] - offset, (long) n)];
                if (Math.floorMod(end - offset, (long) n) == 0) s += ENDS_ON_BAR_LINE;
                s -= (offset == 0 ? 0 : PICKUP_PRIOR) + prior;
                scores[c][offset] = s;
                if (s > bestScore) { bestScore = s; bestMeter = t; }
            }
        }
        double[] own = scores[candidates.indexOf(bestMeter)];
        Template chosen = bestMeter;
        return java.util.stream.IntStream.range(0, own.length).boxed()
                .sorted((a, b) -> Double.compare(own[b], own[a]))
                .limit(count).map(o -> new Estimate(chosen.meter(), Duration.of(o, 16))).toList();
    }

    /** The template of a given meter; a meter without one gets downbeats and beats of its denominator. */
    static Template forMeter(Meter m) {
        for (Template t : TEMPLATES)
            if (t.meter().numerator() == m.numerator() && t.meter().denominator() == m.denominator()) return new Template(m, t.weights());
        long sixteenths = m.barLength().dividedBy(Duration.SIXTEENTH).numerator();
        long den = m.barLength().dividedBy(Duration.SIXTEENTH).denominator();
        if (den != 1 || sixteenths < 1 || sixteenths > 64) return new Template(m, TEMPLATES.get(0).weights());
        double[] w = new double[(int) sixteenths];
        long beat = Math.max(1, 16 / Math.max(1, m.denominator()));
        boolean compound = m.denominator() == 8 && m.numerator() % 3 == 0 && m.numerator() > 3;
        if (compound) beat = 6;
        for (int i = 0; i < w.length; i++) w[i] = i == 0 ? 1 : i % beat == 0 ? .55 : i % 2 == 0 ? .3 : .12;
        return template(m.text(), w);
    }
}
