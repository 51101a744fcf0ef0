package tunesmith.vae;

import java.util.List;
import tunesmith.music.Meter;

/**
 * The meters an excerpt can be in, one class each, so that "jig or reel" is something the model
 * reads and writes: the first token of every excerpt. 4/4, C, C| and 2/2 share a class, as all
 * four are 16 sixteenths a bar on the grid. These five hold nearly all of the folk corpora's
 * tunes (reels, hornpipes, jigs, slip jigs, polkas, waltzes); 12/8, 3/2 and rarer meters are
 * left out, counted, because their bars are long enough to double the padded length of every excerpt.
 */
final class Meters {

    private Meters() {}

    /** Meters in class order, as the decoded tunes write them. */
    static final List<Meter> CLASSES = List.of(Meter.parse("2/4"), Meter.parse("3/4"), Meter.parse("4/4"), Meter.parse("6/8"), Meter.parse("9/8"));

    /** Steps (16ths) in a bar of each class. */
    static int barSteps(int cls) { return (int) CLASSES.get(cls).barLength().dividedBy(tunesmith.music.Duration.SIXTEENTH).numerator(); }

    /** The longest bar of any class, in 16ths: excerpts are padded to {@code bars × this}. */
    static int maxBarSteps() {
        int m = 0;
        for (int i = 0; i < CLASSES.size(); i++) m = Math.max(m, barSteps(i));
        return m;
    }

    /** The class of a meter, or -1 when the model has none for it. */
    static int classOf(Meter m) {
        if (m == null || m.isFree()) return -1;
        long n = m.numerator(), d = m.denominator();
        if ((n == 2 && d == 2) || (n == 4 && d == 4)) return 2;
        for (int i = 0; i < CLASSES.size(); i++) if (CLASSES.get(i).numerator() == n && CLASSES.get(i).denominator() == d) return i;
        return -1;
    }

    static String names() { return "2/4, 3/4, 4/4 (also C, C| and 2/2), 6/8, 9/8"; }
}
