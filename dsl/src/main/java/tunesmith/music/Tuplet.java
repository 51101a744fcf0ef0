package tunesmith.music;

/**
 * A tuplet mark {@code (p:q:r}: the next r notes are p notes played in the time of q.
 * The notes that follow already carry their performed lengths; the mark is kept so the
 * writer can write them as a tuplet again.
 */
public record Tuplet(int p, int q, int r) implements Element {
    public Tuplet {
        if (p < 2 || p > 9 || q < 1 || r < 1) throw new IllegalArgumentException("Tuplet (" + p + ":" + q + ":" + r + ") out of range (p in 2..9)");
    }

    /** Factor from written to performed length: q/p. */
    public Duration factor() { return Duration.of(q, p); }

    /** The q ABC assumes for p in meter {@code meter} when it is not written. */
    public static int defaultQ(int p, Meter meter) {
        return switch (p) {
            case 2, 4, 8 -> 3;
            case 3, 6 -> 2;
            default -> compound(meter) ? 3 : 2;
        };
    }

    private static boolean compound(Meter meter) {
        return !meter.isFree() && meter.numerator() % 3 == 0 && meter.numerator() > 3;
    }
}
