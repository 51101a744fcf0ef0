package tunesmith.midi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tunesmith.midi.SmfFile.Sounding;
import tunesmith.music.Duration;
import tunesmith.music.Meter;

/**
 * Onsets and lengths of a monophonic line put on a grid that is chosen beat by beat: the bar is cut in
 * 16ths, and any eighth of it may be three 16th-triplets instead and any quarter three eighth-triplets,
 * whichever places the onsets (and the starts of rests) nearest: a shortest path over the bar's 16ths.
 * A triplet must fit better than the plain 16ths by {@link #TRIPLET_PENALTY} of a quarter, so a few late
 * or early notes do not become triplets; one that does not start on a beat (an eighth for 16th-triplets)
 * pays {@link #OFFBEAT_TRIPLET_PENALTY} more, as it is rarer, but may still be chosen: a pickup read a
 * 16th off does not cost the triplets. No triplet crosses a bar line, so each is whole within its bar.
 *
 * <p>Swing (pairs of eighths, or of 16ths, played long-short) is measured before anything else
 * ({@link #straighten}): when of the beats with one note between their ends at least 70% put it between
 * 57% and 72% of the beat (and not earlier, as an even split or the second half of a triplet does), and
 * such beats are twice as many as beats of three notes or more, the beats are straightened
 * (that share moved to the middle) before the grid is chosen, as swing is written as even notes.
 */
final class Quantizer {

    private Quantizer() {}

    /** How much better (in quarter notes of onset error) a triplet grid must fit than the plain one. */
    static final double TRIPLET_PENALTY = 1.0 / 16;
    /** A 16th-triplet pays a little more, so that where a quarter of eighth-triplets fits as well, the beat is one triplet. */
    static final double HALF_BEAT_TRIPLET_PENALTY = 1.25 * TRIPLET_PENALTY;
    /** How much better a grid finer than 16ths (32nds, when asked for) must fit than 16ths. */
    static final double FINE_PENALTY = 1.0 / 16;
    /** The extra a quarter of eighth-triplets pays when it does not start on a beat. */
    static final double OFFBEAT_TRIPLET_PENALTY = 1.0 / 32;
    /** Two onsets that land on one grid point lose a note: counted as this much error (quarter notes). */
    static final double COLLISION_PENALTY = 1.0 / 4;
    /** An onset this close to a grid point (in ticks) is on it: abc2midi's one tick late, and rounding. */
    static final double ON_GRID_TICKS = 2;
    /** Penalties of a file whose onsets are on a grid already, as a share of a played file's: a small tie-break. */
    static final double ON_GRID_PENALTY_SHARE = 1.0 / 8;
    /** The weight of a rest's start (a note's end before a silence of a 32nd or more) against an onset's in choosing the grid of a played file (ends are looser than onsets). */
    static final double REST_WEIGHT = 0.5;
    /** A silence shorter than this share of the grid step between two notes is articulation, not a rest: the note is held on. */
    static final double LEGATO_GAP = 0.5;

    record Bar(Duration start, Duration length, Meter meter) {
        Duration end() { return start.plus(length); }
    }

    /** A stretch of the grid: {@code divisions} equal steps from start to end; triplet steps are a third of an eighth or a quarter. */
    record Segment(Duration start, Duration end, int divisions, boolean triplet) {
        Duration step() { return end.minus(start).dividedBy(divisions); }
    }

    /** A note on the grid: MIDI key, onset and end in whole notes from the start. */
    record Placed(int key, Duration onset, Duration end) {}

    /** The notes on the grid, the grid's triplet segments, its cost (onset error and penalties, in ticks), and how far the notes moved (in ticks). */
    record Result(List<Placed> notes, List<Segment> triplets, int lost, boolean onGrid, double cost,
                  double meanOnsetError, double maxOnsetError, double meanLengthError, double maxLengthError) {}

    static Result quantize(List<Sounding> line, int resolution, List<Bar> bars, Duration binaryStep, boolean triplets, boolean onGrid) {
        double ticksPerWhole = 4.0 * resolution;
        int n = line.size();
        double[] on = new double[n], off = new double[n];
        for (int i = 0; i < n; i++) { on[i] = line.get(i).on(); off[i] = line.get(i).off(); }
        Duration spacing = binaryStep.isLongerThan(Duration.SIXTEENTH) ? binaryStep : Duration.SIXTEENTH;
        List<Duration> atoms = points(bars, spacing, false);
        // where a rest starts is evidence too (a triplet's note then two rests has one onset)
        double[] restStarts = java.util.stream.IntStream.range(0, n)
                .filter(i -> i + 1 == n || on[i + 1] - off[i] >= resolution / 8.0).mapToDouble(i -> off[i]).toArray();
        double[] total = new double[1];
        List<Segment> grid = choose(atoms, bars, on, restStarts, ticksPerWhole, resolution, binaryStep, triplets, onGrid, total);
        double[] segStart = new double[grid.size()];
        for (int s = 0; s < grid.size(); s++) segStart[s] = grid.get(s).start().toDouble() * ticksPerWhole;

        // onsets on the grid; of several on one point the last keeps it
        Duration[] snappedOn = new Duration[n];
        for (int i = 0; i < n; i++) snappedOn[i] = snap(on[i], grid, segStart, ticksPerWhole, false);
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!kept.isEmpty() && snappedOn[kept.get(kept.size() - 1)].compareTo(snappedOn[i]) >= 0) kept.remove(kept.size() - 1);
            kept.add(i);
        }
        int lost = n - kept.size();
        List<Placed> out = new ArrayList<>();
        double onErr = 0, onMax = 0, lenErr = 0, lenMax = 0;
        for (int k = 0; k < kept.size(); k++) {
            int i = kept.get(k);
            Duration start = snappedOn[i];
            Duration next = k + 1 < kept.size() ? snappedOn[kept.get(k + 1)] : null;
            double nextRaw = k + 1 < kept.size() ? on[kept.get(k + 1)] : Double.POSITIVE_INFINITY;
            Duration end = snap(off[i], grid, segStart, ticksPerWhole, true);
            double stepTicks = stepAt(off[i], grid, segStart, true).toDouble() * ticksPerWhole;
            if (next != null && (nextRaw - off[i] < LEGATO_GAP * stepTicks || end.compareTo(next) > 0)) end = next;
            if (end.compareTo(start) <= 0) {
                end = start.plus(stepAt(on[i], grid, segStart, false));
                if (next != null && end.compareTo(next) > 0) end = next;
            }
            out.add(new Placed(line.get(i).key(), start, end));
            double eOn = Math.abs(start.toDouble() * ticksPerWhole - on[i]);
            double eLen = Math.abs((end.minus(start)).toDouble() * ticksPerWhole - (off[i] - on[i]));
            onErr += eOn;
            lenErr += eLen;
            onMax = Math.max(onMax, eOn);
            lenMax = Math.max(lenMax, eLen);
        }
        List<Segment> tripletSegments = grid.stream().filter(Segment::triplet).toList();
        int m = Math.max(1, out.size());
        return new Result(out, tripletSegments, lost, onGrid, total[0], onErr / m, onMax, lenErr / m, lenMax);
    }

    // ---- the grid ---------------------------------------------------------------------------

    /**
     * Points every {@code step} through the bars, counted from each bar's start; a pickup bar (shorter
     * than its meter) counts back from its end, where its beats are. With {@code beatsOnly} only whole
     * steps (no remainder at a bar's edge), for swing windows.
     */
    static List<Duration> points(List<Bar> bars, Duration step, boolean beatsOnly) {
        List<Duration> out = new ArrayList<>();
        for (int b = 0; b < bars.size(); b++) {
            Bar bar = bars.get(b);
            boolean pickup = b == 0 && !bar.meter().isFree() && bar.length().isShorterThan(bar.meter().barLength());
            List<Duration> inBar = new ArrayList<>();
            if (pickup) {
                for (Duration p = bar.end(); p.compareTo(bar.start()) >= 0; p = p.minus(step)) inBar.add(0, p);
                if (!beatsOnly && !inBar.get(0).equals(bar.start())) inBar.add(0, bar.start());
            } else {
                for (Duration p = bar.start(); p.compareTo(bar.end()) <= 0; p = p.plus(step)) inBar.add(p);
                if (!beatsOnly && !inBar.get(inBar.size() - 1).equals(bar.end())) inBar.add(bar.end());
            }
            if (beatsOnly) {
                // whole windows only: a point list per bar, windows are consecutive pairs
                for (int i = 0; i + 1 < inBar.size(); i++) { out.add(inBar.get(i)); out.add(inBar.get(i + 1)); }
            } else {
                for (Duration p : inBar) if (out.isEmpty() || !out.get(out.size() - 1).equals(p)) out.add(p);
            }
        }
        return out;
    }

    /** The cheapest split of the bars' 16ths (eighths on a grid of eighths) into plain and triplet segments. */
    private static List<Segment> choose(List<Duration> pts, List<Bar> bars, double[] on, double[] restStarts, double ticksPerWhole, int resolution,
                                        Duration binaryStep, boolean triplets, boolean onGrid, double[] total) {
        int m = pts.size();
        double[] best = new double[m];
        Segment[] last = new Segment[m];
        int[] from = new int[m];
        Set<Duration> barStarts = new HashSet<>();
        for (Bar b : bars) barStarts.add(b.start());
        double q = resolution * (onGrid ? ON_GRID_PENALTY_SHARE : 1); // ticks per quarter: penalties are in quarters
        double restWeight = onGrid ? 1 : REST_WEIGHT;
        Duration coarse = binaryStep.isShorterThan(Duration.SIXTEENTH) ? Duration.SIXTEENTH : binaryStep;
        // a file from notation keeps its 32nds (a dotted 16th and a 32nd) on a grid of 16ths: they are not a player's slips
        Duration finest = onGrid && binaryStep.equals(Duration.SIXTEENTH) ? Duration.of(1, 32) : binaryStep;
        for (int j = 1; j < m; j++) {
            Duration a = pts.get(j - 1), b = pts.get(j);
            // 16ths as a rule; a finer grid (32nds) where a beat needs it, as it must earn it as a triplet does
            Segment plain = new Segment(a, b, divisions(b.minus(a), coarse), false);
            double cost = cost(plain, on, restStarts, restWeight, ticksPerWhole, resolution);
            Segment chosen = plain;
            if (!coarse.equals(finest)) {
                Segment fine = new Segment(a, b, divisions(b.minus(a), finest), false);
                double c = cost(fine, on, restStarts, restWeight, ticksPerWhole, resolution) + FINE_PENALTY * q;
                if (c < cost) { cost = c; chosen = fine; }
            }
            best[j] = best[j - 1] + cost;
            last[j] = chosen;
            from[j] = j - 1;
            if (!triplets) continue;
            // three in the time of two: of 16ths over an eighth, of eighths over a quarter, within one bar
            for (Duration span : List.of(Duration.EIGHTH, Duration.QUARTER)) {
                if (span.equals(Duration.EIGHTH) && binaryStep.isLongerThan(Duration.SIXTEENTH)) continue;
                int k = j - 1;
                while (k >= 0 && b.minus(pts.get(k)).isShorterThan(span)) k--;
                if (k < 0 || !b.minus(pts.get(k)).equals(span) || crossesBar(pts, k, j, barStarts)) continue;
                Segment t = new Segment(pts.get(k), b, 3, true);
                double penalty = span.equals(Duration.EIGHTH) ? HALF_BEAT_TRIPLET_PENALTY : TRIPLET_PENALTY;
                Duration beat = span.equals(Duration.EIGHTH) ? Duration.EIGHTH : Duration.QUARTER;
                if (!aligned(t.start(), bars, beat)) penalty += aligned(t.start(), bars, Duration.EIGHTH) ? OFFBEAT_TRIPLET_PENALTY : 2 * OFFBEAT_TRIPLET_PENALTY;
                double c = best[k] + cost(t, on, restStarts, restWeight, ticksPerWhole, resolution) + penalty * q;
                if (c < best[j]) { best[j] = c; last[j] = t; from[j] = k; }
            }
        }
        List<Segment> out = new ArrayList<>();
        for (int j = m - 1; j > 0; j = from[j]) out.add(0, last[j]);
        total[0] = best[m - 1];
        return out;
    }

    /** True when a bar starts strictly between points k and j. */
    private static boolean crossesBar(List<Duration> pts, int k, int j, Set<Duration> barStarts) {
        for (int i = k + 1; i < j; i++) if (barStarts.contains(pts.get(i))) return true;
        return false;
    }

    /**
     * True when nearly every onset (90%) is already on a grid of 32nds or 16th-triplets, counted from the first
     * tick, within {@link #ON_GRID_TICKS}: a file made from notation (abc2midi starts its notes one tick late),
     * not played. Its times are then taken at their word: penalties shrink to {@link #ON_GRID_PENALTY_SHARE},
     * a rest's start counts as much as an onset, and 32nds are kept on a grid of 16ths.
     */
    static boolean onGrid(List<Sounding> line, int resolution) {
        if (line.isEmpty()) return false;
        int near = 0;
        for (Sounding s : line) if (onPoint(s.on(), resolution, true)) near++;
        return near >= 0.9 * line.size();
    }

    /** True for a tick on a 16th or 16th-triplet point ({@code thirtySeconds}: on a 32nd point too), within {@link #ON_GRID_TICKS}. */
    static boolean onPoint(long tick, int resolution, boolean thirtySeconds) {
        for (double step : new double[]{resolution / (thirtySeconds ? 8.0 : 4.0), resolution / 6.0})
            if (Math.abs(tick - Math.round(tick / step) * step) <= ON_GRID_TICKS) return true;
        return false;
    }

    /** Steps of {@code step} in {@code len}; one when it does not divide (a bar's odd remainder). */
    private static int divisions(Duration len, Duration step) {
        Duration units = len.dividedBy(step);
        return units.denominator() == 1 && units.numerator() >= 1 ? (int) units.numerator() : 1;
    }

    /** True when {@code t} is a whole number of {@code unit}s from its bar's start (from its end in a pickup bar, where the beats are). */
    private static boolean aligned(Duration t, List<Bar> bars, Duration unit) {
        for (Bar b : bars) {
            if (t.compareTo(b.start()) >= 0 && t.isShorterThan(b.end())) {
                boolean pickup = b == bars.get(0) && !b.meter().isFree() && b.length().isShorterThan(b.meter().barLength());
                Duration from = pickup ? b.end().minus(t) : t.minus(b.start());
                return from.dividedBy(unit).denominator() == 1;
            }
        }
        return false;
    }

    /**
     * Onset error of the segment's onsets (ticks), with a penalty for each onset that shares a point with
     * another, and the error of the rests' starts at {@code restWeight}.
     */
    private static double cost(Segment s, double[] on, double[] restStarts, double restWeight, double ticksPerWhole, int resolution) {
        double a = s.start().toDouble() * ticksPerWhole, b = s.end().toDouble() * ticksPerWhole;
        double step = (b - a) / s.divisions();
        double c = 0;
        long previous = -1;
        for (int i = lowerBound(on, a); i < on.length && on[i] < b; i++) {
            long k = Math.max(0, Math.min(s.divisions(), Math.round((on[i] - a) / step)));
            c += Math.abs(on[i] - (a + k * step));
            if (k == previous) c += COLLISION_PENALTY * resolution;
            previous = k;
        }
        for (int i = lowerBound(restStarts, a + 1e-9); i < restStarts.length && restStarts[i] <= b; i++) {
            long k = Math.max(0, Math.min(s.divisions(), Math.round((restStarts[i] - a) / step)));
            c += restWeight * Math.abs(restStarts[i] - (a + k * step));
        }
        return c;
    }

    private static int lowerBound(double[] sorted, double x) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) { int mid = (lo + hi) >>> 1; if (sorted[mid] < x) lo = mid + 1; else hi = mid; }
        return lo;
    }

    /** The segment holding a time: for an onset the one it starts in, for an end the one it ends in (an end on a boundary belongs before it). */
    private static int segmentAt(double x, List<Segment> grid, double[] segStart, boolean end) {
        int lo = 0, hi = segStart.length - 1, at = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (end ? segStart[mid] < x : segStart[mid] <= x) { at = mid; lo = mid + 1; } else hi = mid - 1;
        }
        return at;
    }

    private static Duration snap(double x, List<Segment> grid, double[] segStart, double ticksPerWhole, boolean end) {
        Segment s = grid.get(segmentAt(x, grid, segStart, end));
        double a = s.start().toDouble() * ticksPerWhole;
        double step = s.step().toDouble() * ticksPerWhole;
        long k = Math.max(0, Math.min(s.divisions(), Math.round((x - a) / step)));
        if (x > s.end().toDouble() * ticksPerWhole) k = s.divisions(); // past the last bar: its end
        return s.start().plus(s.step().times(k));
    }

    private static Duration stepAt(double x, List<Segment> grid, double[] segStart, boolean end) {
        return grid.get(segmentAt(x, grid, segStart, end)).step();
    }

    // ---- swing ------------------------------------------------------------------------------

    /** A line with its swing straightened, and the long share of the swung beats (0 when none was found). */
    record Straightened(List<Sounding> line, double swing) {}

    /**
     * The line with swung beats made even: looked for in quarter beats (eighths swung), then in eighths
     * (16ths swung, when the grid has 16ths), at each placing of the beat on the 16th grid; the placing
     * with the most swung beats wins. This runs before the meter and the bars are known (a swung 4/4 would
     * otherwise look like 12/8), so beats are counted from the first tick.
     */
    static Straightened straighten(List<Sounding> line, int resolution, boolean sixteenths) {
        int n = line.size();
        double[] on = new double[n];
        for (int i = 0; i < n; i++) on[i] = line.get(i).on();
        for (long unit : sixteenths ? new long[]{resolution, resolution / 2} : new long[]{resolution}) {
            double bestRatio = 0;
            int bestCount = 0;
            long bestPhase = 0;
            for (long phase = 0; phase < unit; phase += Math.max(1, resolution / 4)) {
                double[] found = swingRatio(on, phase, unit);
                if (found[0] > 0 && found[1] > bestCount) { bestRatio = found[0]; bestCount = (int) found[1]; bestPhase = phase; }
            }
            if (bestCount == 0) continue;
            List<Sounding> out = new ArrayList<>(n);
            for (Sounding s : line) {
                long a = warp(s.on(), bestPhase, unit, bestRatio), b = Math.max(a + 1, warp(s.off(), bestPhase, unit, bestRatio));
                out.add(new Sounding(s.track(), s.channel(), s.key(), a, b));
            }
            return new Straightened(out, bestRatio);
        }
        return new Straightened(line, 0);
    }

    /**
     * {long share, swung beats} of beats of {@code unit} ticks from {@code phase}, or {0, 0} when they are
     * not swung: of the beats with one onset well inside them, at least 70% (and 6) must put it between
     * 57% and 72% of the beat; an earlier onset (an even split, the second note of a triplet's half)
     * counts against; and they must be twice as many as the beats of more notes (triplets, runs), or
     * triplets with a rest in the middle would make a tune of triplets swing.
     */
    static double[] swingRatio(double[] on, long phase, long unit) {
        List<Double> swung = new ArrayList<>();
        int against = 0; // beats split evenly, or early (the second note of a triplet's half, a 16th after the beat)
        int busy = 0; // beats of three notes or more: triplets, runs
        double end = on.length == 0 ? 0 : on[on.length - 1];
        for (double a = phase - (phase > 0 ? unit : 0); a <= end; a += unit) {
            double b = a + unit;
            int i = lowerBound(on, a + 0.15 * unit);
            int inside = 0;
            double rel = 0;
            for (; i < on.length && on[i] < b - 0.15 * unit; i++) { inside++; rel = (on[i] - a) / unit; }
            if (inside > 1) busy++;
            if (inside != 1) continue;
            if (rel > 0.57 && rel < 0.72) swung.add(rel);
            else if (rel <= 0.57) against++;
        }
        if (swung.size() < 6 || swung.size() < 0.7 * (swung.size() + against) || swung.size() < 2 * busy) return new double[]{0, 0};
        double[] r = swung.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(r);
        return new double[]{r[r.length / 2], r.length};
    }

    /** A tick with the long-short split of its beat moved to the middle. */
    private static long warp(long t, long phase, long unit, double ratio) {
        long a = phase + Math.floorDiv(t - phase, unit) * unit;
        double rel = (t - a) / (double) unit;
        double moved = rel <= ratio ? rel * 0.5 / ratio : 0.5 + (rel - ratio) * 0.5 / (1 - ratio);
        return a + Math.round(moved * unit);
    }
}
