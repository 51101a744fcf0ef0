package tunesmith.zoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tunesmith.modelfile.ModelCard;

/**
 * The model zoo: trained models a user loads by name, kept in {@code models/} at the top of the
 * repository beside {@code corpora/} — {@code catalogue.json} (one {@link ModelCard} per model) and
 * one file per model. Reading a model checks its file's size and sha256 against the catalogue and
 * refuses a missing or different file, saying which and what to do.
 *
 * <p>Where {@code models/} is, first found wins: {@code -Dtunesmith.models}, {@code $TUNESMITH_MODELS},
 * {@code -Dtunesmith.root}{@code /models} (the {@code tunesmith} script sets it to the checkout), then
 * {@code models/catalogue.json} in the working directory or a parent. The Jupyter kernelspec records
 * the checkout's {@code models/} in {@code $TUNESMITH_MODELS}, since it runs from copied jars.
 *
 * <p>Immutable: a snapshot of the catalogue when it was read.
 */
public final class Zoo {

    public static final String PROP_MODELS = "tunesmith.models", ENV_MODELS = "TUNESMITH_MODELS", PROP_ROOT = "tunesmith.root";
    public static final String CATALOGUE = "catalogue.json", FORMAT = "tunesmith-zoo";
    public static final int VERSION = 1;
    /** The largest model file the zoo takes (a repository keeps it in Git, not in LFS). */
    public static final long MAX_FILE_BYTES = 25_000_000;
    /** The most all of {@code models/} may hold. */
    public static final long MAX_TOTAL_BYTES = 60_000_000;

    private final Path dir;          // null when no models/ folder was found
    private final List<String> looked;
    private final List<ModelCard> cards;

    private Zoo(Path dir, List<String> looked, List<ModelCard> cards) {
        this.dir = dir;
        this.looked = List.copyOf(looked);
        this.cards = List.copyOf(cards);
    }

    /** The zoo this JVM finds, from its system properties, environment and working directory. */
    public static Zoo standard() {
        Map<String, String> s = new HashMap<>();
        for (String p : List.of(PROP_MODELS, PROP_ROOT, "user.dir")) if (System.getProperty(p) != null) s.put(p, System.getProperty(p));
        if (System.getenv(ENV_MODELS) != null) s.put(ENV_MODELS, System.getenv(ENV_MODELS));
        return locate(s);
    }

    /** The zoo found from these settings (property and environment names as keys); for tests and tools. */
    public static Zoo locate(Map<String, String> settings) {
        List<String> looked = new ArrayList<>();
        String prop = blank(settings.get(PROP_MODELS)), env = blank(settings.get(ENV_MODELS)), root = blank(settings.get(PROP_ROOT));
        if (prop != null) return at(Path.of(prop));  // named explicitly: a missing catalogue is an error, not a fallback
        if (env != null) return at(Path.of(env));
        if (root != null) {
            Path p = Path.of(root).resolve("models");
            if (Files.isRegularFile(p.resolve(CATALOGUE))) return at(p);
            looked.add(p + " (-D" + PROP_ROOT + ")");
        }
        Path work = Path.of(settings.getOrDefault("user.dir", "")).toAbsolutePath();
        for (Path d = work; d != null; d = d.getParent()) {
            Path p = d.resolve("models");
            if (Files.isRegularFile(p.resolve(CATALOGUE))) return at(p);
        }
        looked.add(work.resolve("models") + " and the same under each parent folder");
        return new Zoo(null, looked, List.of());
    }

    /** The zoo in this folder: its {@code catalogue.json} read and checked (files are checked when loaded). */
    public static Zoo at(Path dir) {
        Path file = dir.resolve(CATALOGUE);
        String json;
        try {
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ZooException("No model zoo at " + dir.toAbsolutePath() + ": it has no " + CATALOGUE
                    + ". Point -D" + PROP_MODELS + " or $" + ENV_MODELS + " at the models/ folder of a Tunesmith checkout.");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the model catalogue " + file + ": " + e.getMessage(), e);
        }
        return new Zoo(dir.toAbsolutePath().normalize(), List.of(), parse(json, file));
    }

    /** The folder of the zoo, if one was found. */
    public Optional<Path> dir() { return Optional.ofNullable(dir); }

    /** Every model of the catalogue, in its order. */
    public List<ModelCard> cards() { return cards; }

    public Optional<ModelCard> find(String name) {
        return cards.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The card of a model by name; an unknown name is refused with the names there are. */
    public ModelCard card(String name) {
        if (dir == null)
            throw new ZooException("No model zoo found for '" + name + "': there is no models/catalogue.json in " + String.join(", nor in ", looked)
                    + ". Run from inside the Tunesmith checkout, or set $" + ENV_MODELS + " (or -D" + PROP_MODELS + ") to its models/ folder.");
        return find(name).orElseThrow(() -> new ZooException("No model '" + name + "' in the zoo at " + dir.resolve(CATALOGUE) + " (it has "
                + (cards.isEmpty() ? "none yet" : String.join(", ", cards.stream().map(ModelCard::name).toList())) + "). "
                + (cards.isEmpty() ? "Trained models land there with bench/pretrain.sh NAME and bench/zoo-add.sh NAME RUN_DIR."
                : "List them with models() or `tunesmith models`.")));
    }

    /**
     * The model's file, checked: it exists, and its size and sha256 are the catalogue's. Refused
     * otherwise, with the file, what differs and what to do.
     */
    public Path file(String name) {
        ModelCard c = card(name);
        Path f = dir.resolve(c.file());
        if (!Files.isRegularFile(f))
            throw new ZooException("The zoo's model '" + c.name() + "' is missing: " + f + " does not exist (the catalogue " + dir.resolve(CATALOGUE)
                    + " lists it). Restore it (git checkout -- models/ or git lfs pull), or train it again with " + reproduce(c) + ".");
        long size;
        try {
            size = Files.size(f);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + f + ": " + e.getMessage(), e);
        }
        if (size != c.size())
            throw new ZooException("The zoo's model '" + c.name() + "' at " + f + " is " + String.format(Locale.ROOT, "%,d", size) + " bytes, the catalogue says "
                    + String.format(Locale.ROOT, "%,d", c.size()) + ": it is truncated or another file. Restore it (git checkout -- " + "models/" + c.file()
                    + "), or, if you replaced it on purpose, add it with bench/zoo-add.sh so the catalogue agrees.");
        String sha = sha256(f);
        if (!sha.equalsIgnoreCase(c.sha256()))
            throw new ZooException("The zoo's model '" + c.name() + "' at " + f + " has sha256 " + sha + ", the catalogue says " + c.sha256()
                    + ": the file was changed or damaged. Restore it (git checkout -- models/" + c.file()
                    + "), or, if you replaced it on purpose, add it with bench/zoo-add.sh so the catalogue agrees.");
        return f;
    }

    /** A model by name, its file checked: {@code .lstm()} or {@code .musicVae()} loads it, {@code toString()} is its card. */
    public Pretrained pretrained(String name) {
        ModelCard c = card(name);
        return new Pretrained(c, file(name));
    }

    /** The catalogue as a table: name, kind, what it learnt, size, its first test metrics, how to reproduce it. */
    public Table table() {
        StringColumn name = StringColumn.create("name"), kind = StringColumn.create("kind"), what = StringColumn.create("what"),
                metrics = StringColumn.create("test"), corpus = StringColumn.create("corpus"), reproduce = StringColumn.create("reproduce");
        LongColumn size = LongColumn.create("bytes");
        DoubleColumn mb = DoubleColumn.create("MB");
        for (ModelCard c : cards) {
            name.append(c.name()); kind.append(c.kind()); what.append(c.what()); size.append(c.size());
            mb.append(Math.round(c.size() / 1e5) / 10.0); metrics.append(keyMetrics(c)); corpus.append(c.corpus()); reproduce.append(c.command());
        }
        return Table.create("Model zoo" + (dir == null ? " (none found)" : " " + dir), name, kind, what, mb, metrics, corpus, reproduce, size);
    }

    /** The first three test metrics of a card, for listings. */
    public static String keyMetrics(ModelCard c) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (Map.Entry<String, Double> e : c.metrics().entrySet()) {
            if (n++ == 3) break;
            b.append(b.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(ModelCard.number(e.getValue()));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        if (dir == null) return "Model zoo: none found (looked in " + String.join(", ", looked) + ")";
        StringBuilder b = new StringBuilder("Model zoo ").append(dir).append(": ").append(cards.size()).append(cards.size() == 1 ? " model" : " models");
        for (ModelCard c : cards)
            b.append(String.format(Locale.ROOT, "%n  %-16s %-9s %8s  %s", c.name(), c.kind(), ModelCard.bytes(c.size()), c.what()));
        return b.toString();
    }

    // ---- catalogue.json ------------------------------------------------------------------------

    static List<ModelCard> parse(String json, Path source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new ZooException("The model catalogue " + source + " is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + "). Fix it, or restore it with git checkout -- models/" + CATALOGUE + ".");
        }
        if (root == null || !FORMAT.equals(root.path("format").asText()))
            throw new ZooException("The model catalogue " + source + " is not a Tunesmith model catalogue (its \"format\" is not \"" + FORMAT + "\"). Restore it with git checkout -- models/" + CATALOGUE + ".");
        if (root.path("version").asInt() > VERSION)
            throw new ZooException("The model catalogue " + source + " was written by a newer Tunesmith (version " + root.path("version").asInt() + ", this one reads " + VERSION + "). Update Tunesmith.");
        List<ModelCard> out = new ArrayList<>();
        int i = 0;
        for (JsonNode m : root.path("models")) {
            i++;
            for (String field : List.of("name", "kind", "file", "size", "sha256"))
                if (m.path(field).isMissingNode() || m.path(field).asText().isBlank())
                    throw new ZooException("The model catalogue " + source + ": model " + i + (m.hasNonNull("name") ? " (" + m.get("name").asText() + ")" : "")
                            + " has no \"" + field + "\". Every model needs name, kind, file, size and sha256; bench/zoo-add.sh writes them.");
            JsonNode s = m.path("split");
            ModelCard.Split split = s.isMissingNode() ? null
                    : new ModelCard.Split(s.path("train").asDouble(), s.path("valid").asDouble(), s.path("seed").asLong(), s.path("fingerprint").asText(""),
                    s.path("regular_training").asBoolean(false));
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = m.path("metrics").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNumber()) metrics.put(e.getKey(), e.getValue().asDouble());
            }
            JsonNode t = m.path("training");
            out.add(new ModelCard(m.path("name").asText(), m.path("kind").asText(), m.path("what").asText(""), m.path("file").asText(),
                    m.path("corpus").asText(""), m.path("encoding").asText(""), split, m.path("configuration").asText(""),
                    t.path("command").asText(""), t.path("seconds").asDouble(0), t.path("machine").asText(""), metrics,
                    m.path("size").asLong(), m.path("sha256").asText()));
        }
        return out;
    }

    /** The catalogue text for these cards, as bench/zoo-add.sh writes it. */
    public static String toJson(List<ModelCard> cards) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("about", "Pretrained Tunesmith models: load with pretrained(NAME), list with models() or `tunesmith models`. "
                + "Written by bench/zoo-add.sh; each file is checked against its size and sha256 when loaded.");
        ArrayNode models = root.putArray("models");
        for (ModelCard c : cards) {
            ObjectNode m = models.addObject();
            m.put("name", c.name());
            m.put("kind", c.kind());
            m.put("what", c.what());
            m.put("file", c.file());
            m.put("corpus", c.corpus());
            m.put("encoding", c.encoding());
            if (c.split() != null) {
                ObjectNode s = m.putObject("split");
                s.put("train", c.split().train());
                s.put("valid", c.split().valid());
                s.put("seed", c.split().seed());
                s.put("fingerprint", c.split().fingerprint());
                if (c.split().regularTraining()) s.put("regular_training", true);
            }
            m.put("configuration", c.configuration());
            ObjectNode t = m.putObject("training");
            t.put("command", c.command());
            t.put("seconds", Math.round(c.trainingSeconds()));
            t.put("machine", c.machine());
            ObjectNode metrics = m.putObject("metrics");
            c.metrics().forEach(metrics::put);
            m.put("size", c.size());
            m.put("sha256", c.sha256());
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reproduce(ModelCard c) {
        return c.command().isEmpty() ? "bench/pretrain.sh " + c.name() : c.command();
    }

    private static String blank(String s) { return s == null || s.isBlank() ? null : s; }
}
