package tunesmith.musicxml;

import java.util.ArrayList;
import java.util.List;
import tunesmith.music.Duration;

/**
 * Written note values: a length as one notated value (type and dots) or as several tied ones.
 * Lengths are in whole notes, as {@link Duration} counts them.
 */
final class NoteValues {

    private NoteValues() {}

    /** MusicXML's note types from the breve (2 wholes) down, each half the one before. */
    private static final String[] TYPES = {"breve", "whole", "half", "quarter", "eighth", "16th", "32nd", "64th", "128th", "256th", "512th", "1024th"};

    /** More dots than two are legal but rarely read well; longer notes are split and tied instead. */
    private static final int MAX_DOTS = 2;

    /** A notated value: its type, its dots and the length they make. */
    record Value(String type, int dots, Duration length) {}

    /** Every value, longest first. */
    private static final List<Value> ALL = values();

    private static List<Value> values() {
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < TYPES.length; i++) {
            Duration base = i == 0 ? Duration.of(2, 1) : Duration.of(1, 1L << (i - 1));
            for (int dots = 0; dots <= MAX_DOTS; dots++) {
                // a value with n dots lasts base * (2 - 1/2^n)
                out.add(new Value(TYPES[i], dots, base.times(Duration.of((2L << dots) - 1, 1L << dots))));
            }
        }
        out.sort((a, b) -> b.length().compareTo(a.length()));
        return List.copyOf(out);
    }

    /** True when the length is a whole number of some power-of-two fraction of a whole note (so notes can spell it). */
    static boolean dyadic(Duration d) { return Long.bitCount(d.denominator()) == 1; }

    /** The one value of exactly this length, or null. */
    static Value single(Duration d) {
        for (Value v : ALL) if (v.length().equals(d)) return v;
        return null;
    }

    /**
     * A positive dyadic length as values to be tied, longest first: one value when one has that
     * length, else the longest that fits, then the rest the same way.
     *
     * @throws IllegalArgumentException when the length is not dyadic or needs a value shorter than a 1024th
     */
    static List<Value> split(Duration d) {
        if (!d.isPositive() || !dyadic(d)) throw new IllegalArgumentException("length " + d + " cannot be written as tied note values");
        List<Value> out = new ArrayList<>();
        Duration rest = d;
        while (rest.isPositive()) {
            Value fit = single(rest); // what remains is one value: take it whole
            if (fit == null) for (Value v : ALL) if (!v.length().isLongerThan(rest)) { fit = v; break; }
            if (fit == null) throw new IllegalArgumentException("length " + d + " needs a note shorter than a 1024th");
            out.add(fit);
            rest = rest.minus(fit.length());
        }
        return out;
    }
}
