package tunesmith.vae;

import java.util.Arrays;
import tunesmith.encode.MelodyGrid;
import tunesmith.music.Key;
import tunesmith.music.Meter;
import tunesmith.music.Tune;

/**
 * An excerpt as the VAE reads it: a meter class and the melody-grid steps of its bars (rest,
 * hold, note-on classes of the model's grid). Immutable; equal when meter and steps are equal.
 */
public record Excerpt(int meterClass, int[] steps) {

    public Excerpt {
        if (meterClass < 0 || meterClass >= Meters.CLASSES.size())
            throw new IllegalArgumentException("meter class " + meterClass + " (expected 0.." + (Meters.CLASSES.size() - 1) + ": " + Meters.names() + ")");
        steps = steps.clone();
    }

    @Override
    public int[] steps() { return steps.clone(); }

    int step(int t) { return steps[t]; }

    int length() { return steps.length; }

    public Meter meter() { return Meters.CLASSES.get(meterClass); }

    /** Bars the steps fill. */
    public int bars() { return steps.length / Meters.barSteps(meterClass); }

    /** Notes started per bar: the note-density attribute. */
    public double noteDensity() {
        int on = 0;
        for (int s : steps) if (s >= MelodyGrid.FIRST_NOTE) on++;
        return on / (double) Math.max(1, bars());
    }

    /** The excerpt as a tune on a grid, in a key (estimated from the notes when null). */
    public Tune toTune(MelodyGrid grid, Key key) {
        return grid.decode(steps, meter(), key == null ? estimateKey(grid) : key);
    }

    Key estimateKey(MelodyGrid grid) {
        double[] weight = new double[12];
        int last = -1;
        for (int p : grid.pitches(steps)) if (p >= 0) { weight[p % 12]++; last = p % 12; }
        return Key.estimate(weight, last);
    }

    @Override
    public boolean equals(Object o) { return o instanceof Excerpt s && s.meterClass == meterClass && Arrays.equals(s.steps, steps); }

    @Override
    public int hashCode() { return 31 * meterClass + Arrays.hashCode(steps); }

    @Override
    public String toString() { return "Excerpt " + meter() + ", " + bars() + " bars, " + steps.length + " steps " + Arrays.toString(steps); }
}
