package tunesmith.zoo;

import tunesmith.modelfile.ModelArchive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tunesmith.io.AtomicFiles;
import tunesmith.model.MelodyModel;
import tunesmith.modelfile.ModelCard;
import tunesmith.vae.MusicVae;

/**
 * Takes a trained model into the zoo: {@code bench/zoo-add.sh NAME RUN_DIR} runs
 * {@code java tunesmith.zoo.ZooAdd NAME RUN_DIR [MODELS_DIR]}. From {@code RUN_DIR} it reads
 * {@code model.tsm} (written by {@code bench/pretrain.sh NAME}), {@code card.json} (what it learnt,
 * corpus, split, the command, the machine) and {@code test.json} (every numeric {@code test_*}
 * figure becomes a metric). It writes the weights without optimizer state to
 * {@code models/NAME.tsm}, refuses a file over {@link Zoo#MAX_FILE_BYTES} or a zoo over
 * {@link Zoo#MAX_TOTAL_BYTES}, and puts the card (size and sha256 included) into
 * {@code catalogue.json}, replacing an entry of the same name.
 */
public final class ZooAdd {

    private ZooAdd() {}

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: ZooAdd NAME RUN_DIR [MODELS_DIR (default models)]");
            System.exit(1);
        }
        try {
            ModelCard c = add(Path.of(args.length == 3 ? args[2] : "models"), args[0], Path.of(args[1]));
            System.out.println(c);
            System.out.println("added to " + Path.of(args.length == 3 ? args[2] : "models").resolve(Zoo.CATALOGUE) + "; commit models/" + c.file() + " and models/" + Zoo.CATALOGUE);
        } catch (RuntimeException e) {
            System.err.println("zoo-add: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Adds (or replaces) the model of {@code runDir} as {@code name} in the zoo at {@code modelsDir}; returns its card. */
    public static ModelCard add(Path modelsDir, String name, Path runDir) {
        return add(modelsDir, name, runDir, Zoo.MAX_FILE_BYTES, Zoo.MAX_TOTAL_BYTES);
    }

    /** As {@link #add(Path, String, Path)} with other limits (tests use small ones). */
    static ModelCard add(Path modelsDir, String name, Path runDir, long maxFileBytes, long maxTotalBytes) {
        if (!name.matches("[a-z0-9][a-z0-9.-]*"))
            throw new ZooException("zoo-add: '" + name + "' is not a zoo name: use lower-case letters, digits, dots and dashes, e.g. folk-lstm.");
        Path model = runDir.resolve("model.tsm");
        if (!Files.isRegularFile(model))
            throw new ZooException("zoo-add: " + model + " does not exist. Train it first with bench/pretrain.sh " + name + " (it writes bench/runs/pretrain-" + name + "/model.tsm).");
        JsonNode info = json(runDir.resolve("card.json")), test = json(runDir.resolve("test.json"));
        String kind = ModelArchive.read(model).manifest().path("kind").asText();
        Path dir = modelsDir;
        String file = name + ".tsm";
        Path target = dir.resolve(file), tmp = dir.resolve(file + ".adding");
        String encoding, configuration, fingerprint;
        double seconds;
        String zooKind;
        try {
            Files.createDirectories(dir);
            if (kind.startsWith("melody-lstm/")) {
                MelodyModel m = MelodyModel.load(model).saveWeights(tmp);
                zooKind = ModelCard.LSTM;
                encoding = m.encoding().spec();
                configuration = m.config().toText();
                fingerprint = m.fingerprint();
                seconds = m.history().epochs().stream().mapToDouble(e -> e.seconds()).sum();
            } else if (kind.startsWith("music-vae/")) {
                MusicVae m = MusicVae.load(model).saveWeights(tmp);
                zooKind = ModelCard.MUSIC_VAE;
                encoding = "melody grid " + m.grid().spec();
                configuration = m.config().toText();
                fingerprint = info.path("split").path("fingerprint").asText("");
                seconds = m.history().epochs().stream().mapToDouble(e -> e.seconds()).sum();
            } else if (kind.startsWith("counterpoint/")) {
                tunesmith.counterpoint.Counterpoint m = tunesmith.counterpoint.Counterpoint.load(model).saveWeights(tmp);
                zooKind = ModelCard.COUNTERPOINT;
                encoding = "16th grid: soprano in; alto, tenor, bass out (rest, hold, note-on)";
                configuration = m.config().toText();
                fingerprint = info.path("split").path("fingerprint").asText("");
                seconds = m.history().stream().mapToDouble(e -> e.seconds()).sum();
            } else {
                throw new ZooException("zoo-add: " + model + " holds a " + kind + " model; the zoo takes lstm (melody-lstm/*), musicvae (music-vae/*) and counterpoint (counterpoint/*) models.");
            }
            long size = Files.size(tmp);
            if (size > maxFileBytes) {
                Files.deleteIfExists(tmp);
                throw new ZooException(String.format(Locale.ROOT, "zoo-add: %s would be %,d bytes without optimizer state, over the zoo's limit of %,d per file. "
                        + "Train a smaller model (fewer units or layers) for the zoo.", name, size, maxFileBytes));
            }
            List<ModelCard> cards = new ArrayList<>(Files.isRegularFile(dir.resolve(Zoo.CATALOGUE)) ? Zoo.at(dir).cards() : List.of());
            int at = cards.stream().map(ModelCard::name).toList().indexOf(name); // a model added again keeps its place
            if (at >= 0) cards.remove(at);
            long others = cards.stream().mapToLong(ModelCard::size).sum();
            if (others + size > maxTotalBytes) {
                Files.deleteIfExists(tmp);
                throw new ZooException(String.format(Locale.ROOT, "zoo-add: with %s (%,d bytes) the zoo would hold %,d bytes, over its limit of %,d. "
                        + "Remove a model from models/catalogue.json and models/ first, or train a smaller one.", name, size, others + size, maxTotalBytes));
            }
            AtomicFiles.promote(tmp, target);
            JsonNode s = info.path("split");
            ModelCard card = new ModelCard(name, zooKind, info.path("what").asText(""), file,
                    info.path("corpus").asText(test.path("corpus").asText("")), encoding,
                    s.isMissingNode() ? null // a run without card.json: say nothing rather than a made-up split
                            : new ModelCard.Split(s.path("train").asDouble(), s.path("valid").asDouble(), s.path("seed").asLong(), fingerprint,
                                    s.path("regular_training").asBoolean(false)),
                    configuration, info.path("command").asText("bench/pretrain.sh " + name), seconds, info.path("machine").asText(""),
                    metrics(test), size, Zoo.sha256(target));
            cards.add(at >= 0 ? at : cards.size(), card);
            AtomicFiles.write(dir.resolve(Zoo.CATALOGUE), Zoo.toJson(cards).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return card;
        } catch (IOException e) {
            throw new UncheckedIOException("zoo-add: cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** The numeric {@code test_*} figures of test.json, in its order. */
    static Map<String, Double> metrics(JsonNode test) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = test.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("test_") && e.getValue().isNumber()) out.put(e.getKey(), e.getValue().asDouble());
        }
        return out;
    }

    private static JsonNode json(Path file) {
        if (!Files.isRegularFile(file)) return new ObjectMapper().createObjectNode();
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ZooException("zoo-add: " + file + " is not valid JSON (" + e.getMessage() + "); fix or delete it.");
        }
    }
}
