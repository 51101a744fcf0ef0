package tunesmith.encode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tunesmith.corpus.CorpusException;

/**
 * The JSB chorales on the quarter-note grid of Boulanger-Lewandowski (2012), the polyphonic
 * benchmark ({@code jsb-chorales-quarter.json}): per split, per chorale, per quarter the MIDI
 * pitches sounding (0 to 4 of them, lowest first). Published results report the negative
 * log-likelihood per step on {@code test}. Feed it to a model through {@link PianoRoll}.
 */
public record QuarterChorales(List<List<int[]>> train, List<List<int[]>> valid, List<List<int[]>> test) {

    public static final List<String> SPLITS = List.of("train", "valid", "test");

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
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(jsbQuarterJson.toFile());
        } catch (IOException e) {
            throw new CorpusException("Cannot read JSB quarter-note chorales from " + jsbQuarterJson + ": " + e.getMessage()
                    + " (expected jsb-chorales-quarter.json of czhuang/JSB-Chorales-dataset)", e);
        }
        if (root == null || !root.isObject()) throw new CorpusException(jsbQuarterJson + " is not a JSON object with train, valid and test lists");
        List<List<List<int[]>>> parts = new ArrayList<>();
        for (String split : SPLITS) {
            JsonNode list = root.get(split);
            if (list == null || !list.isArray())
                throw new CorpusException(jsbQuarterJson + ": no \"" + split + "\" list (expected keys train, valid, test)");
            List<List<int[]>> chorales = new ArrayList<>();
            for (int c = 0; c < list.size(); c++) chorales.add(chorale(jsbQuarterJson, split, c, list.get(c)));
            parts.add(chorales);
        }
        return new QuarterChorales(parts.get(0), parts.get(1), parts.get(2));
    }

    private static List<int[]> chorale(Path file, String split, int c, JsonNode steps) {
        if (!steps.isArray() || steps.isEmpty())
            throw new CorpusException(file + ": " + split + " chorale " + c + " is not a non-empty list of time steps");
        List<int[]> out = new ArrayList<>(steps.size());
        for (int t = 0; t < steps.size(); t++) {
            JsonNode step = steps.get(t);
            if (!step.isArray())
                throw new CorpusException(file + ": " + split + " chorale " + c + " step " + t + " is " + step + ", not a list of MIDI pitches");
            int[] ps = new int[step.size()];
            for (int k = 0; k < ps.length; k++) {
                JsonNode p = step.get(k);
                if (!p.isIntegralNumber() || p.asInt() < PianoRoll.LOWEST || p.asInt() > PianoRoll.HIGHEST)
                    throw new CorpusException(file + ": " + split + " chorale " + c + " step " + t + " has pitch " + p
                            + " (expected a MIDI number " + PianoRoll.LOWEST + ".." + PianoRoll.HIGHEST + ", a piano key)");
                ps[k] = p.asInt();
            }
            java.util.Arrays.sort(ps);
            out.add(ps);
        }
        return out;
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
