package tunesmith.sample;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * How the next token is chosen from a softmax distribution. {@link #greedy()} takes the most
 * probable token (deterministic: the same start gives the same melody); the others sample, which
 * gives variability: {@link #temperature} sharpens (&lt;1) or flattens (&gt;1) the distribution,
 * {@link #topK} keeps the k most probable tokens, {@link #topP} the smallest set whose
 * probability reaches p (nucleus sampling). Pure functions of the probabilities: no network here.
 */
public record Strategy(Kind kind, double temperature, int k, double p) {

    public enum Kind { GREEDY, TEMPERATURE, TOP_K, TOP_P }

    public Strategy {
        if (temperature <= 0 || !Double.isFinite(temperature))
            throw new IllegalArgumentException("temperature = " + temperature + ": expected > 0 (1 samples the model as it is; use greedy() for argmax)");
        if (kind == Kind.TOP_K && k < 1) throw new IllegalArgumentException("topK(" + k + "): expected k >= 1");
        if (kind == Kind.TOP_P && (p <= 0 || p > 1)) throw new IllegalArgumentException("topP(" + p + "): expected 0 < p <= 1");
    }

    public static Strategy greedy() { return new Strategy(Kind.GREEDY, 1, 0, 1); }

    public static Strategy temperature(double t) { return new Strategy(Kind.TEMPERATURE, t, 0, 1); }

    public static Strategy topK(int k) { return new Strategy(Kind.TOP_K, 1, k, 1); }

    public static Strategy topP(double p) { return new Strategy(Kind.TOP_P, 1, 0, p); }

    /** The same choice rule at another temperature (top-k and top-p apply it before cutting). */
    public Strategy withTemperature(double t) { return new Strategy(kind == Kind.GREEDY ? Kind.TEMPERATURE : kind, t, k, p); }

    /** Picks a token index from probabilities {@code probs} (they need not sum exactly to 1). */
    public int choose(double[] probs, Random random) {
        int n = probs.length;
        if (kind == Kind.GREEDY) return argmax(probs);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = probs[i] <= 0 ? 0 : Math.pow(probs[i], 1.0 / temperature);
        if (kind == Kind.TOP_K || kind == Kind.TOP_P) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            Arrays.sort(order, (a, b) -> Double.compare(w[b], w[a]));
            double total = 0;
            for (double x : w) total += x;
            double kept = 0;
            boolean[] keep = new boolean[n];
            for (int r = 0; r < n; r++) {
                int i = order[r];
                if (kind == Kind.TOP_K && r >= k) break;
                if (kind == Kind.TOP_P && r > 0 && kept >= p * total) break;
                keep[i] = true;
                kept += w[i];
            }
            for (int i = 0; i < n; i++) if (!keep[i]) w[i] = 0;
        }
        double total = 0;
        for (double x : w) total += x;
        if (total <= 0) return argmax(probs);
        double u = random.nextDouble() * total;
        for (int i = 0; i < n; i++) {
            u -= w[i];
            if (u < 0) return i;
        }
        return argmax(w);
    }

    static int argmax(double[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
        return best;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case GREEDY -> "greedy";
            case TEMPERATURE -> String.format(Locale.ROOT, "temperature %.2f", temperature);
            case TOP_K -> "top-" + k + (temperature != 1 ? String.format(Locale.ROOT, " at temperature %.2f", temperature) : "");
            case TOP_P -> String.format(Locale.ROOT, "top-p %.2f", p) + (temperature != 1 ? String.format(Locale.ROOT, " at temperature %.2f", temperature) : "");
        };
    }
}
