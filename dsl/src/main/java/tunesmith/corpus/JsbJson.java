package tunesmith.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one reader of the JSB chorales' JSON files (czhuang/JSB-Chorales-dataset): an object with
 * the lists {@code train}, {@code valid} and {@code test}, each chorale a non-empty list of time
 * steps, each step a list of MIDI numbers. What a step must hold (four voices, piano keys) is the
 * caller's to say; every refusal names the file, split, chorale and step (counted from 0).
 */
public final class JsbJson {

    public static final List<String> SPLITS = List.of("train", "valid", "test");

    private JsbJson() {}

    /** Checks and converts one step's numbers; throws {@link CorpusException} with {@code where} in its message. */
    @FunctionalInterface
    public interface StepReader<T> {
        T read(int[] numbers, String where);
    }

    /** Per split (train, valid, test), per chorale, the steps as the reader made them. {@code expected} names the file in errors. */
    public static <T> List<List<List<T>>> read(Path file, String expected, StepReader<T> steps) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new CorpusException("Cannot read JSB chorales from " + file + ": " + e.getMessage() + " (expected " + expected + ")", e);
        }
        if (root == null || !root.isObject()) throw new CorpusException(file + " is not a JSON object with train, valid and test lists (expected " + expected + ")");
        List<List<List<T>>> out = new ArrayList<>();
        for (String split : SPLITS) {
            JsonNode list = root.get(split);
            if (list == null || !list.isArray())
                throw new CorpusException(file + ": no \"" + split + "\" list (expected keys train, valid, test)");
            List<List<T>> chorales = new ArrayList<>();
            for (int c = 0; c < list.size(); c++) {
                JsonNode chorale = list.get(c);
                String at = file + ": " + split + " chorale " + c;
                if (!chorale.isArray() || chorale.isEmpty()) throw new CorpusException(at + " is not a non-empty list of time steps");
                List<T> read = new ArrayList<>(chorale.size());
                for (int t = 0; t < chorale.size(); t++) {
                    JsonNode step = chorale.get(t);
                    String where = at + " step " + t;
                    if (!step.isArray()) throw new CorpusException(where + " is " + step + ", not a list of MIDI pitches");
                    int[] numbers = new int[step.size()];
                    for (int k = 0; k < numbers.length; k++) {
                        if (!step.get(k).isIntegralNumber()) throw new CorpusException(where + " has " + step.get(k) + ", not a MIDI number");
                        numbers[k] = step.get(k).asInt();
                    }
                    read.add(steps.read(numbers, where));
                }
                chorales.add(read);
            }
            out.add(chorales);
        }
        return out;
    }
}
