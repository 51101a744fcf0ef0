package tunesmith.encode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tunesmith.corpus.CorpusException;
import tunesmith.corpus.JsbJson;

/**
 * The JSB chorales on the quarter-note grid of Boulanger-Lewandowski (2012), the polyphonic
 * benchmark ({@code jsb-chorales-quarter.json}): per split, per chorale, per quarter the MIDI
 * pitches sounding (0 to 4 of them, lowest first). Published results report the negative
 * log-likelihood per step on {@code test}. Feed it to a model through {@link PianoRoll}.
 */
public record QuarterChorales(List<List<int[]>> train, List<List<int[]>> valid, List<List<int[]>> test) {

    public static final List<String> SPLITS = JsbJson.SPLITS;

    public QuarterChorales {
        train = List.copyOf(train);
        valid = List.copyOf(valid);
        test = List.copyOf(test);
    }

    /**
     * Reads the JSON file {@code {"train": [chorale...], "valid": [...], "test": [...]}}, each chorale a
     * list of steps, each step a list of MIDI pitches. Refuses a malformed file naming the split,
     * chorale and step (counted from 0) that is wrong.
     */
    public static QuarterChorales read(Path jsbQuarterJson) {
        List<List<List<int[]>>> parts = JsbJson.read(jsbQuarterJson, "jsb-chorales-quarter.json of czhuang/JSB-Chorales-dataset", (ps, where) -> {
            for (int p : ps)
                if (p < PianoRoll.LOWEST || p > PianoRoll.HIGHEST)
                    throw new CorpusException(where + " has pitch " + p + " (expected a MIDI number " + PianoRoll.LOWEST + ".." + PianoRoll.HIGHEST + ", a piano key)");
            int[] sorted = ps.clone();
            java.util.Arrays.sort(sorted);
            return sorted;
        });
        return new QuarterChorales(parts.get(0), parts.get(1), parts.get(2));
    }

    public List<List<int[]>> split(String name) {
        return switch (name) {
            case "train" -> train;
            case "valid" -> valid;
            case "test" -> test;
            default -> throw new IllegalArgumentException("Unknown split '" + name + "' (expected train, valid or test)");
        };
    }

    /** Number of time steps of a split. */
    public int steps(String split) { return split(split).stream().mapToInt(List::size).sum(); }

    @Override
    public String toString() {
        return "JSB chorales, quarter-note grid: train " + train.size() + " chorales (" + steps("train") + " steps), valid "
                + valid.size() + " (" + steps("valid") + "), test " + test.size() + " (" + steps("test") + ")";
    }
}
