package tunesmith.midi;

import java.util.List;
import tunesmith.music.Key;
import tunesmith.music.Mode;
import tunesmith.music.Pitch;

/**
 * The key of MIDI notes: from a key signature event, or estimated from how long each pitch class
 * sounds; and the spelling of a MIDI note in a key.
 *
 * <p>The estimate correlates the pitch-class durations with the Krumhansl-Kessler key profiles
 * (Krumhansl, <i>Cognitive Foundations of Musical Pitch</i>, 1990; the Krumhansl-Schmuckler
 * algorithm) over the 24 major and minor keys. MIDI's key signature knows only major and minor, and
 * the profiles too; folk tunes are often modal (D mixolydian is written with G major's signature), so
 * {@link #withFinal} can take the tonic from the melody's last note when it belongs to the signature's
 * scale: G major's signature ending on D reads as D mixolydian ({@link MidiIn#tonicFromLastNote}).
 */
final class KeyFinder {

    private KeyFinder() {}

    private static final double[] MAJOR = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
    private static final double[] MINOR = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17};
    private static final int[] NATURAL = {0, 2, 4, 5, 7, 9, 11};
    private static final String LETTERS = "CDEFGAB";
    /** The modes in the order of the major scale's degrees: a signature's scale from its 1st to its 7th degree. */
    private static final List<Mode> DEGREE_MODES = List.of(Mode.MAJOR, Mode.DORIAN, Mode.PHRYGIAN, Mode.LYDIAN, Mode.MIXOLYDIAN, Mode.MINOR, Mode.LOCRIAN);

    /** The major or minor key whose profile correlates best with the weights. */
    static Key estimate(double[] weights) {
        double best = Double.NEGATIVE_INFINITY;
        Key chosen = Key.C_MAJOR;
        for (int tonic = 0; tonic < 12; tonic++) {
            for (boolean minor : new boolean[]{false, true}) {
                double r = correlation(weights, minor ? MINOR : MAJOR, tonic);
                if (r > best + 1e-12) { best = r; chosen = Key.simplest(tonic, minor ? Mode.MINOR : Mode.MAJOR); }
            }
        }
        return chosen;
    }

    /** The key a MIDI key signature names: {@code sf} sharps (+) or flats (-), major or minor. */
    static Key fromSignature(int sf, boolean minor) {
        int majorTonic = Math.floorMod(7 * sf, 12);
        int tonic = minor ? Math.floorMod(majorTonic + 9, 12) : majorTonic;
        Key k = Key.simplest(tonic, minor ? Mode.MINOR : Mode.MAJOR);
        if (k.fifths() != sf) k = respelled(tonic, minor ? Mode.MINOR : Mode.MAJOR, sf); // F# major (6) rather than Gb (-6)
        return k;
    }

    /**
     * The mode of the key's signature that starts on {@code finalPitchClass}, when that note belongs to
     * the signature's scale; else the key as it is.
     */
    static Key withFinal(Key key, int finalPitchClass) {
        if (finalPitchClass < 0 || !key.isTonal()) return key;
        int sf = key.fifths();
        int majorTonic = Math.floorMod(7 * sf, 12);
        int degree = -1;
        for (int d = 0; d < 7; d++) if (Math.floorMod(majorTonic + NATURAL[d], 12) == finalPitchClass) degree = d;
        if (degree < 0) return key;
        Mode mode = DEGREE_MODES.get(degree);
        return respelled(finalPitchClass, mode, sf);
    }

    /** The tonic {@code pc} in {@code mode} spelled so that its signature has {@code sf} fifths. */
    private static Key respelled(int pc, Mode mode, int sf) {
        for (char l : LETTERS.toCharArray()) {
            for (int a = -1; a <= 1; a++) {
                if (Math.floorMod(NATURAL[LETTERS.indexOf(l)] + a - pc, 12) != 0) continue;
                Key k = Key.simplest(pc, mode).withTonic(l, a);
                if (k.fifths() == sf) return k;
            }
        }
        return Key.simplest(pc, mode);
    }

    private static double correlation(double[] w, double[] profile, int tonic) {
        double mw = 0, mp = 0;
        for (int i = 0; i < 12; i++) { mw += w[i]; mp += profile[i]; }
        mw /= 12;
        mp /= 12;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < 12; i++) {
            double x = w[i] - mw, y = profile[Math.floorMod(i - tonic, 12)] - mp;
            sxy += x * y;
            sxx += x * x;
            syy += y * y;
        }
        return sxx == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }

    /**
     * A MIDI note spelled in a key: the letter the signature gives that pitch class when it has one;
     * else the alteration nearest the signature, a chromatic note raised in sharp keys and lowered in
     * flat keys (in C: C#, Eb, F#, G#, Bb), except the note a semitone below the tonic, which is
     * always the raised letter below it (the leading tone: C# in D minor, not Db).
     */
    static Pitch spell(int midi, Key key) {
        int pc = Math.floorMod(midi, 12);
        int sf = key.isTonal() ? key.fifths() : 0;
        int tonic = key.isTonal() ? key.tonicPitchClass() : -1;
        char bestLetter = 'C';
        int bestAlter = 0;
        double bestCost = Double.MAX_VALUE;
        for (int i = 0; i < 7; i++) {
            char l = LETTERS.charAt(i);
            for (int a = -2; a <= 2; a++) {
                if (Math.floorMod(NATURAL[i] + a, 12) != pc) continue;
                int sig = key.alterOf(l);
                double cost = 10 * Math.abs(a - sig) + Math.abs(a);
                boolean raised = a > sig;
                if (tonic >= 0 && pc == Math.floorMod(tonic - 1, 12)) {
                    int tonicStep = LETTERS.indexOf(key.tonic());
                    if (i == Math.floorMod(tonicStep - 1, 7)) cost -= 5; // the leading tone's own letter
                } else if (sf > 0 || (sf == 0 && pc != 3 && pc != 10)) {
                    if (!raised) cost += 0.5;
                } else if (raised) {
                    cost += 0.5;
                }
                if (cost < bestCost) { bestCost = cost; bestLetter = l; bestAlter = a; }
            }
        }
        int octave = Math.floorDiv(midi - NATURAL[LETTERS.indexOf(bestLetter)] - bestAlter, 12) - 1;
        if (octave < -1 || octave > 9) return Pitch.fromMidi(midi, sf < 0); // B#-2 or Cb10: past the ends of MIDI's range
        return new Pitch(bestLetter, bestAlter, octave);
    }
}
