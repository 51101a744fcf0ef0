package tunesmith.counterpoint;

import java.util.Locale;

/**
 * How the lower voices are chosen, step by step and voice by voice (alto, then tenor, then bass):
 *
 * <ul>
 * <li>{@code beam}: keep the {@code beam} most probable partial settings (joint probability of all
 *     three voices so far); 1 is greedy, the most probable choice at each step;
 * <li>{@code temperature}: above 0, sample each choice from the softmax sharpened or flattened by
 *     it (the beam is then 1), seeded; 0 chooses the most probable;
 * <li>{@code rules}: constrained decoding, a choice that breaks a rule is not made unless every
 *     choice breaks one: each voice inside Bach's range (from the training chorales), no voice above
 *     the voice above it, no parallel fifths or octaves with a voice already chosen, no note held
 *     longer than {@link #MAX_HOLD} sixteenths.
 * </ul>
 *
 * Immutable; {@link #DEFAULT} is a beam of 4 with the rules: the model alone, searched by a beam,
 * holds a note through a whole chorale when that is its most probable line (docs/measurements.md),
 * and a harmonizer is asked for a setting a teacher would accept. {@code withoutRules()} gives the
 * model's own choices, which {@code evaluate} reports beside.
 */
public record Decoding(int beam, double temperature, boolean rules, long seed) {

    /** Longest hold the rules allow: a dotted whole note (Bach's longest holds in the test chorales: alto 38, tenor 68, bass 26 sixteenths). */
    public static final int MAX_HOLD = 24;

    public static final Decoding DEFAULT = new Decoding(4, 0, true, 1);

    public Decoding {
        if (beam < 1) throw new IllegalArgumentException("decoding: beam " + beam + " must be at least 1 (1 is greedy)");
        if (temperature < 0 || Double.isNaN(temperature)) throw new IllegalArgumentException("decoding: temperature " + temperature + " must be 0 (most probable) or more");
        if (temperature > 0 && beam > 1) throw new IllegalArgumentException("decoding: sampling (temperature " + temperature + ") takes one choice per step; use beam 1");
    }

    public static Decoding greedy() { return new Decoding(1, 0, false, 1); }

    public static Decoding beam(int width) { return new Decoding(width, 0, false, 1); }

    public static Decoding sample(double temperature) { return new Decoding(1, temperature, false, 1); }

    /** Sampling at this temperature instead of searching (the beam becomes 1); 0 goes back to the most probable choice. */
    public Decoding temperature(double t) { return new Decoding(t > 0 ? 1 : beam, t, rules, seed); }

    public Decoding withRules() { return new Decoding(beam, temperature, true, seed); }

    public Decoding withoutRules() { return new Decoding(beam, temperature, false, seed); }

    public Decoding seed(long s) { return new Decoding(beam, temperature, rules, s); }

    @Override
    public String toString() {
        String how = temperature > 0 ? String.format(Locale.ROOT, "sampling at temperature %.2f (seed %d)", temperature, seed)
                : beam == 1 ? "greedy" : "beam of " + beam;
        return how + (rules ? " with rules (ranges, no crossing, no parallels, holds at most " + MAX_HOLD + " sixteenths)" : "");
    }
}
