package tunesmith.music;

/**
 * A length of time as an exact fraction of a whole note (so a quarter note is 1/4).
 * Exact rationals, never floating point: triplets, broken rhythm and odd unit lengths
 * must add up to whole bars exactly, or bar checks and round trips drift.
 */
public record Duration(long numerator, long denominator) implements Comparable<Duration> {

    public static final Duration ZERO = new Duration(0, 1);
    public static final Duration WHOLE = new Duration(1, 1);
    public static final Duration HALF = new Duration(1, 2);
    public static final Duration QUARTER = new Duration(1, 4);
    public static final Duration EIGHTH = new Duration(1, 8);
    public static final Duration SIXTEENTH = new Duration(1, 16);

    public Duration {
        if (denominator == 0) throw new ArithmeticException("Duration with denominator 0");
        if (denominator < 0) { numerator = -numerator; denominator = -denominator; }
        long g = gcd(Math.abs(numerator), denominator);
        if (g > 1) { numerator /= g; denominator /= g; }
    }

    public static Duration of(long numerator, long denominator) { return new Duration(numerator, denominator); }

    /** Parses "3/8", "1", "1/4". */
    public static Duration parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        try {
            if (slash < 0) return new Duration(Long.parseLong(s), 1);
            return new Duration(Long.parseLong(s.substring(0, slash).strip()), Long.parseLong(s.substring(slash + 1).strip()));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("Not a duration: '" + text + "' (expected a fraction such as 1/8 or 3/2)");
        }
    }

    public Duration plus(Duration o) {
        return new Duration(Math.addExact(Math.multiplyExact(numerator, o.denominator), Math.multiplyExact(o.numerator, denominator)),
                Math.multiplyExact(denominator, o.denominator));
    }

    public Duration minus(Duration o) { return plus(o.negate()); }

    public Duration negate() { return new Duration(-numerator, denominator); }

    public Duration times(Duration o) {
        return new Duration(Math.multiplyExact(numerator, o.numerator), Math.multiplyExact(denominator, o.denominator));
    }

    public Duration times(long n) { return new Duration(Math.multiplyExact(numerator, n), denominator); }

    public Duration dividedBy(Duration o) {
        if (o.numerator == 0) throw new ArithmeticException("Division of a duration by zero");
        return new Duration(Math.multiplyExact(numerator, o.denominator), Math.multiplyExact(denominator, o.numerator));
    }

    public Duration dividedBy(long n) { return new Duration(numerator, Math.multiplyExact(denominator, n)); }

    public boolean isZero() { return numerator == 0; }

    public boolean isPositive() { return numerator > 0; }

    /** Length in quarter notes, the unit MIDI and music21 count in. */
    public double quarters() { return numerator * 4.0 / denominator; }

    public double toDouble() { return (double) numerator / denominator; }

    @Override
    public int compareTo(Duration o) {
        return Long.compare(Math.multiplyExact(numerator, o.denominator), Math.multiplyExact(o.numerator, denominator));
    }

    public boolean isShorterThan(Duration o) { return compareTo(o) < 0; }

    public boolean isLongerThan(Duration o) { return compareTo(o) > 0; }

    static long gcd(long a, long b) {
        while (b != 0) { long t = a % b; a = b; b = t; }
        return a == 0 ? 1 : a;
    }

    @Override
    public String toString() { return denominator == 1 ? Long.toString(numerator) : numerator + "/" + denominator; }
}
