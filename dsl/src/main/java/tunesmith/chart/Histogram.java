package tunesmith.chart;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A normalised histogram over named bins: the share of counted things (notes, intervals) that
 * fall in each bin, summing to 1, or all zeros when nothing was counted. Immutable. Made by
 * {@link Histograms}; compare two with {@link Histograms#totalVariation(Histogram, Histogram)}.
 */
public final class Histogram {

    private final String what;
    private final String unit;
    private final List<String> bins;
    private final double[] shares;
    private final long count;

    Histogram(String what, String unit, List<String> bins, long[] counts) {
        if (bins.size() != counts.length) throw new IllegalArgumentException(bins.size() + " bins but " + counts.length + " counts");
        this.what = what;
        this.unit = unit;
        this.bins = List.copyOf(bins);
        long total = 0;
        for (long c : counts) total += c;
        this.count = total;
        this.shares = new double[counts.length];
        if (total > 0) for (int i = 0; i < counts.length; i++) shares[i] = (double) counts[i] / total;
    }

    /** What was counted: "pitch class", "interval", "note length". */
    public String what() { return what; }

    /** What one count is: "notes", "intervals". */
    public String unit() { return unit; }

    /** Bin labels in order ("C", "C#", ... or "-12" ... "+12"). */
    public List<String> bins() { return bins; }

    /** The shares in bin order (a copy): they sum to 1, or are all 0 when {@link #isEmpty()}. */
    public double[] values() { return shares.clone(); }

    /** The share of one bin. */
    public double value(String bin) {
        int i = bins.indexOf(bin);
        if (i < 0) throw new IllegalArgumentException("The " + what + " histogram has no bin '" + bin + "'; bins: " + bins);
        return shares[i];
    }

    /** Bin label to share, in bin order. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < shares.length; i++) m.put(bins.get(i), shares[i]);
        return Collections.unmodifiableMap(m);
    }

    /** How many things were counted (notes or intervals) before normalising. */
    public long count() { return count; }

    /** True when nothing was counted; such a histogram is no distribution and cannot be compared. */
    public boolean isEmpty() { return count == 0; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && what.equals(h.what) && bins.equals(h.bins) && Arrays.equals(shares, h.shares) && count == h.count;
    }

    @Override
    public int hashCode() { return 31 * (31 * what.hashCode() + bins.hashCode()) + Arrays.hashCode(shares); }

    /** {@code Histogram of pitch class (4 notes): C 0.500, D 0.250, E 0.250} — empty bins left out. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Histogram of ").append(what).append(" (").append(count).append(' ').append(unit).append(')');
        String sep = ": ";
        for (int i = 0; i < shares.length; i++) {
            if (shares[i] == 0) continue;
            b.append(sep).append(bins.get(i)).append(' ').append(String.format(Locale.ROOT, "%.3f", shares[i]));
            sep = ", ";
        }
        return b.toString();
    }
}
