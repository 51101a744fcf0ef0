package tunesmith.latent;

import tunesmith.notation.AbcWriter;
import tunesmith.encode.EncodingException;
import tunesmith.encode.Excerpts;
import tunesmith.encode.MelodyGrid;
import tunesmith.music.Duration;
import tunesmith.music.Key;
import tunesmith.music.Meter;
import tunesmith.music.Tune;

/**
 * The opening a latent model reads, on the melody grid, cut by {@link Excerpts}: {@code 16 × bars} sixteenths (bars of 4/4,
 * as MusicVAE's 2-bar melodies) from the first full bar, so a pickup does not shift every tune by
 * a different amount. Tunes in 6/8 are read over the same number of sixteenths (2 bars of 4/4 = 2⅔
 * bars of 6/8): one length for every meter is what lets jigs and reels share one latent space.
 */
final class Excerpt {

    /** Sixteenths in a bar of 4/4. */
    static final int STEPS_PER_BAR = 16;
    /** The grid of the built-in model and the data-space interpolation: notes out of range move by octaves, as a fiddler would play them. */
    static final MelodyGrid GRID = MelodyGrid.grid().octaveFold();
    static final Meter METER = Meter.parse("4/4");

    private Excerpt() {}

    /**
     * The grid steps of the opening.
     *
     * @throws EncodingException naming the tune and why it cannot be read (off the grid, too short, silent)
     */
    static int[] steps(Tune tune, int bars, MelodyGrid grid) {
        int n = bars * STEPS_PER_BAR;
        int offset = offset(tune);
        int[] all = grid.encode(opening(tune, offset, n));
        if (all.length < offset + n)
            throw new EncodingException(describe(tune) + " has " + Math.max(0, all.length - offset) + " sixteenths after its pickup; a latent model of "
                    + bars + " bars reads " + n + " (" + bars + " bars of 4/4), so leave out tunes shorter than that");
        int[] w = Excerpts.cut(all, offset, offset + n);
        if (!Excerpts.sounds(w)) throw new EncodingException(describe(tune) + ": its first " + bars + " bars are silent; there is no melody to encode");
        return w;
    }

    /** Sixteenths before the first full bar (the pickup), 0 for a free meter. */
    static int offset(Tune tune) { return Excerpts.firstFullBar(Excerpts.bars(tune)); }

    /**
     * Only the written bars that hold the excerpt (the pickup and enough full bars), so that a
     * triplet later in the tune does not keep its opening out: the grid refuses a whole tune for
     * one note off it. Unfolding these bars plays the same opening as unfolding the whole tune.
     */
    private static Tune opening(Tune tune, int offset, int n) {
        Meter meter = tune.meter();
        if (meter.isFree()) return tune;
        Duration perBar = meter.barLength().dividedBy(MelodyGrid.STEP);
        if (perBar.denominator() != 1 || perBar.numerator() == 0) return tune;
        int full = (int) Math.ceil(n / (double) perBar.numerator());
        return tune.firstBars((offset > 0 ? 1 : 0) + full);
    }

    /** Steps as a tune in 4/4, in the key estimated from the notes (the last deciding minor), as grid tokens decode. */
    static Tune tune(int[] steps, MelodyGrid grid, String title) {
        int[] pitch = grid.pitches(steps);
        double[] weight = new double[12];
        int last = -1;
        for (int p : pitch) if (p >= 0) { weight[p % 12]++; last = p % 12; }
        return grid.decode(steps, METER, Key.estimate(weight, last)).withTitle(title);
    }

    /** Notes (note-ons) in some steps. */
    static int notes(int[] steps) {
        int n = 0;
        for (int c : steps) if (c >= MelodyGrid.FIRST_NOTE) n++;
        return n;
    }

    /** Semitones between the lowest and highest note of some steps (0 for one pitch or none). */
    static int range(int[] steps, MelodyGrid grid) {
        int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
        for (int p : grid.pitches(steps)) if (p >= 0) { lo = Math.min(lo, p); hi = Math.max(hi, p); }
        return lo > hi ? 0 : hi - lo;
    }

    /** {@code X:12 "The Kesh"} for messages. */
    static String describe(Tune tune) {
        return (tune.x() > 0 ? "X:" + tune.x() + " " : "") + "\"" + tune.title() + "\"";
    }

    /** The first line of a tune's ABC music, for one-line displays. */
    static String firstLine(Tune tune) { return AbcWriter.firstLine(tune); }
}
