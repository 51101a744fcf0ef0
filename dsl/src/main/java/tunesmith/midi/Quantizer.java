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
 * Onsets and lengths of a monophonic line put on a grid that is chosen beat by beat: each eighth of
 * a bar is split in two 16ths or three 16th-triplets, and each pair of eighths on a beat may be one
 * quarter of three eighth-triplets instead, whichever places the onsets nearest (a shortest path over
 * the bar's eighths). A triplet grid must beat the plain one by {@link #TRIPLET_PENALTY} of a quarter,
 * so a few late or early notes do not become triplets; a triplet not on a beat pays more. No grid
 * crosses a bar line, so every triplet is whole within its bar.
 *
 * <p>Swing (pairs of eighths, or of 16ths, played long-short) is measured before anything else
 * ({@link #straighten}): when of the beats with one note between their ends at least 70% put it between
 * 57% and 72% of the beat (and not earlier, as an even split or the second half of a triplet does), the
 * beats are straightened
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

    /** The notes on the grid, the grid's triplet segments, and how far the notes moved (in ticks). */
    record Result(List<Placed> notes, List<Segment> triplets, int lost,
                  double meanOnsetError, double maxOnsetError, double meanLengthError, double maxLengthError) {}

    static Result quantize(List<Sounding> line, int resolution, List<Bar> bars, Duration binaryStep, boolean triplets) {
        double ticksPerWhole = 4.0 * resolution;
        int n = line.size();
        double[] on = new double[n], off = new double[n];
        for (int i = 0; i < n; i++) { on[i] = line.get(i).on(); off[i] = line.get(i).off(); }
        List<Duration> eighths = points(bars, Duration.EIGHTH, false);
        List<Segment> grid = choose(eighths, bars, on, ticksPerWhole, resolution, binaryStep, triplets);
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
        return new Result(out, tripletSegments, lost, onErr / m, onMax, lenErr / m, lenMax);
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

    /** The cheapest split of the eighths into plain, 16th-triplet and eighth-triplet segments. */
    private static List<Segment> choose(List<Duration> pts, List<Bar> bars, double[] on, double ticksPerWhole, int resolution,
                                        Duration binaryStep, boolean triplets) {
        int m = pts.size();
        double[] best = new double[m];
        Segment[] last = new Segment[m];
        int[] from = new int[m];
        Set<Duration> barStarts = new HashSet<>();
        for (Bar b : bars) barStarts.add(b.start());
        double q = resolution; // ticks per quarter: penalties are in quarters
        for (int j = 1; j < m; j++) {
            Duration a = pts.get(j - 1), b = pts.get(j);
            Duration len = b.minus(a);
            // 16ths as a rule; a finer grid (32nds) where a beat needs it, as it must earn it as a triplet does
            Duration coarse = binaryStep.isShorterThan(Duration.SIXTEENTH) ? Duration.SIXTEENTH : binaryStep;
            Segment plain = new Segment(a, b, divisions(len, coarse), false);
            double cost = cost(plain, on, ticksPerWhole, resolution);
            Segment chosen = plain;
            if (!coarse.equals(binaryStep)) {
                Segment fine = new Segment(a, b, divisions(len, binaryStep), false);
                double c = cost(fine, on, ticksPerWhole, resolution) + FINE_PENALTY * q;
                if (c < cost) { cost = c; chosen = fine; }
            }
            if (triplets && len.equals(Duration.EIGHTH) && !binaryStep.isLongerThan(Duration.SIXTEENTH)) {
                Segment t = new Segment(a, b, 3, true);
                double c = cost(t, on, ticksPerWhole, resolution) + HALF_BEAT_TRIPLET_PENALTY * q;
                if (c < cost) { cost = c; chosen = t; }
            }
            best[j] = best[j - 1] + cost;
            last[j] = chosen;
            from[j] = j - 1;
            if (triplets && j >= 2 && !barStarts.contains(pts.get(j - 1)) && b.minus(pts.get(j - 2)).equals(Duration.QUARTER)) {
                Segment t = new Segment(pts.get(j - 2), b, 3, true);
                double c = cost(t, on, ticksPerWhole, resolution) + TRIPLET_PENALTY * q + (onBeat(t.start(), bars) ? 0 : OFFBEAT_TRIPLET_PENALTY * q);
                if (best[j - 2] + c < best[j]) { best[j] = best[j - 2] + c; last[j] = t; from[j] = j - 2; }
            }
        }
        List<Segment> out = new ArrayList<>();
        for (int j = m - 1; j > 0; j = from[j]) out.add(0, last[j]);
        return out;
    }

    /** Steps of {@code step} in {@code len}; one when it does not divide (a bar's odd remainder). */
    private static int divisions(Duration len, Duration step) {
        Duration units = len.dividedBy(step);
        return units.denominator() == 1 && units.numerator() >= 1 ? (int) units.numerator() : 1;
    }

    private static boolean onBeat(Duration t, List<Bar> bars) {
        for (Bar b : bars) {
            if (t.compareTo(b.start()) >= 0 && t.isShorterThan(b.end())) {
                Duration fromEnd = b.end().minus(t); // beats count from the bar line after a pickup, from the one before otherwise
                Duration from = b == bars.get(0) && b.length().isShorterThan(b.meter().isFree() ? b.length() : b.meter().barLength())
                        ? fromEnd : t.minus(b.start());
                return from.dividedBy(Duration.QUARTER).denominator() == 1;
            }
        }
        return false;
    }

    /** Onset error of the segment's onsets (ticks), with a penalty for each onset that shares a point with another. */
    private static double cost(Segment s, double[] on, double ticksPerWhole, int resolution) {
        double a = s.start().toDouble() * ticksPerWhole, b = s.end().toDouble() * ticksPerWhole;
        double step = (b - a) / s.divisions();
        int i = lowerBound(on, a);
        double c = 0;
        long previous = -1;
        for (; i < on.length && on[i] < b; i++) {
            long k = Math.round((on[i] - a) / step);
            k = Math.max(0, Math.min(s.divisions(), k));
            c += Math.abs(on[i] - (a + k * step));
            if (k == previous) c += COLLISION_PENALTY * resolution;
            previous = k;
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
     * not swung: of the beats with one onset well inside them, at least 70% (and 4) must put it between
     * 57% and 72% of the beat; an earlier onset (an even split, the second note of a triplet's half)
     * counts against.
     */
    static double[] swingRatio(double[] on, long phase, long unit) {
        List<Double> swung = new ArrayList<>();
        int against = 0;
        double end = on.length == 0 ? 0 : on[on.length - 1];
        for (double a = phase - (phase > 0 ? unit : 0); a <= end; a += unit) {
            double b = a + unit;
            int i = lowerBound(on, a + 0.15 * unit);
            int inside = 0;
            double rel = 0;
            for (; i < on.length && on[i] < b - 0.15 * unit; i++) { inside++; rel = (on[i] - a) / unit; }
            if (inside != 1) continue;
            if (rel > 0.57 && rel < 0.72) swung.add(rel);
            else if (rel <= 0.57) against++;
        }
        if (swung.size() < 4 || swung.size() < 0.7 * (swung.size() + against)) return new double[]{0, 0};
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
