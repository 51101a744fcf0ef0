package tunesmith.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSB chorales of {@code Jsb16thSeparated.json} in their standard split (Boulanger-Lewandowski
 * 2012: 229 train, 76 valid, 77 test). Each 16th-note step holds four MIDI pitches, soprano,
 * alto, tenor and bass, -1 for silence.
 */
public record Chorales(List<Chorale> train, List<Chorale> valid, List<Chorale> test) {

    public static final List<String> SPLITS = List.of("train", "valid", "test");

    public Chorales {
        train = List.copyOf(train);
        valid = List.copyOf(valid);
        test = List.copyOf(test);
    }

    /** Reads the 4-voice 16th-grid JSON. A malformed file is refused with what was wrong and where. */
    public static Chorales read(Path json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new CorpusException("Cannot read JSB chorales from " + json + ": " + e.getMessage()
                    + " (expected Jsb16thSeparated.json of czhuang/JSB-Chorales-dataset)", e);
        }
        List<List<Chorale>> parts = new ArrayList<>();
        for (String split : SPLITS) {
            JsonNode list = root.get(split);
            if (list == null || !list.isArray())
                throw new CorpusException(json + ": no \"" + split + "\" list (expected keys train, valid, test)");
            List<Chorale> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) out.add(chorale(json, split, i, list.get(i)));
            parts.add(out);
        }
        return new Chorales(parts.get(0), parts.get(1), parts.get(2));
    }

    private static Chorale chorale(Path json, String split, int index, JsonNode steps) {
        if (!steps.isArray() || steps.isEmpty())
            throw new CorpusException(json + ": " + split + "[" + index + "] is not a non-empty list of time steps");
        int[][] grid = new int[steps.size()][4];
        for (int t = 0; t < steps.size(); t++) {
            JsonNode step = steps.get(t);
            if (!step.isArray() || step.size() != 4)
                throw new CorpusException(json + ": " + split + "[" + index + "] step " + t + " has "
                        + (step.isArray() ? step.size() : 0) + " pitches (expected 4: soprano, alto, tenor, bass)");
            for (int v = 0; v < 4; v++) {
                int p = step.get(v).asInt(Integer.MIN_VALUE);
                if (p != -1 && (p < 0 || p > 127))
                    throw new CorpusException(json + ": " + split + "[" + index + "] step " + t + " voice " + v
                            + " has pitch " + step.get(v) + " (expected a MIDI number 0-127 or -1)");
                grid[t][v] = p;
            }
        }
        return new Chorale(split, index + 1, grid);
    }

    public List<Chorale> split(String name) {
        return switch (name) {
            case "train" -> train;
            case "valid" -> valid;
            case "test" -> test;
            default -> throw new IllegalArgumentException("Unknown split '" + name + "' (expected train, valid or test)");
        };
    }

    /** All chorales as 4-voice tunes, train then valid then test. */
    public Corpus all() {
        List<tunesmith.music.Tune> tunes = new ArrayList<>();
        for (String s : SPLITS) for (Chorale c : split(s)) tunes.add(c.tune());
        return Corpus.of("jsb", tunes);
    }

    /** The standard split as corpora of 4-voice tunes. */
    public Corpus.Split corpora() {
        return new Corpus.Split(corpus("train"), corpus("valid"), corpus("test"));
    }

    /** The soprano lines (the chorale melodies) in the standard split, one-voice tunes in 4/4. */
    public Corpus.Split sopranos() {
        return new Corpus.Split(sopranos("train"), sopranos("valid"), sopranos("test"));
    }

    private Corpus sopranos(String s) {
        return Corpus.of("jsb-soprano:" + s, split(s).stream().map(Chorale::soprano).toList());
    }

    private Corpus corpus(String s) {
        return Corpus.of("jsb:" + s, split(s).stream().map(Chorale::tune).toList());
    }

    @Override
    public String toString() {
        return "JSB chorales: train " + train.size() + ", valid " + valid.size() + ", test " + test.size();
    }
}
