package tunesmith.model;

import tunesmith.io.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * One file holds a whole model: {@code manifest.json} (format, kind, configuration, metadata such
 * as vocabulary and corpus fingerprint, and the sha256 of the network), {@code network.bin}
 * (weights and updater state, so training resumes exactly) and {@code history.csv}. Written to a
 * temporary file and renamed, so a killed process never leaves a half-written model; a corrupt,
 * truncated or foreign file is refused with a message that says which.
 */
public final class ModelFile {

    static final String FORMAT = "tunesmith-model";
    static final int VERSION = 1;

    private ModelFile() {}

    static void write(NetworkState s, Path file) { write(s, file, true); }

    /**
     * Writes a model with or without the updater's state (Adam's moments, about two thirds of a
     * saved LSTM): without it the file is for using and sharing (the model zoo holds such files);
     * training resumed from it starts Adam afresh. The manifest says which ({@code "updater"}).
     */
    static void write(NetworkState s, Path file, boolean updater) {
        try {
            AtomicFiles.write(file, bytes(s, updater));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the model to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Several networks that make one model (the three voices of counterpoint) in one file: a
     * manifest naming the parts, and each part as a whole model file of its own inside.
     */
    static void writeParts(String kind, Map<String, NetworkState> parts, Path file) {
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode m = json.createObjectNode();
            m.put("format", FORMAT);
            m.put("version", VERSION);
            m.put("kind", kind);
            m.put("created", Instant.now().toString());
            m.put("parts", String.join(",", parts.keySet()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                entry(zip, "manifest.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
                for (Map.Entry<String, NetworkState> e : parts.entrySet()) entry(zip, "parts/" + e.getKey() + ".tsm", bytes(e.getValue(), true));
            }
            AtomicFiles.write(file, out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the model to " + file + ": " + e.getMessage(), e);
        }
    }

    /** The parts of a file written by {@link #writeParts}, in their order; refused unless it holds a model of this kind. */
    static Map<String, NetworkState> readParts(Path file, String kind) {
        Map<String, byte[]> entries = entries(file, open(file));
        JsonNode m = manifest(file, entries);
        if (!kind.equals(m.path("kind").asText()))
            throw refuse(file, "it holds a " + (m.path("kind").asText().isEmpty() ? "single-network" : m.path("kind").asText()) + " model, not a " + kind + " model",
                    "load it with the class that saved it");
        Map<String, NetworkState> out = new java.util.LinkedHashMap<>();
        for (String name : m.path("parts").asText().split(",")) {
            byte[] part = entries.get("parts/" + name + ".tsm");
            if (part == null) throw refuse(file, "its part '" + name + "' is missing (truncated?)", "save the model again");
            out.put(name, parse(Path.of(file + "!" + name), entries(file, new ByteArrayInputStream(part))));
        }
        return out;
    }

    private static byte[] bytes(NetworkState s, boolean updater) throws IOException {
        ByteArrayOutputStream net = new ByteArrayOutputStream();
        ModelSerializer.writeModel(s.network(), net, updater);
        byte[] netBytes = net.toByteArray();
        ObjectMapper json = new ObjectMapper();
        ObjectNode m = json.createObjectNode();
        m.put("format", FORMAT);
        m.put("version", VERSION);
        m.put("kind", s.kind());
        m.put("config", s.config().toText());
        m.put("created", Instant.now().toString());
        m.put("networkSha256", sha256(netBytes));
        m.put("updater", updater);
        ObjectNode meta = m.putObject("meta");
        s.meta().forEach(meta::put);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, "manifest.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
            entry(zip, "network.bin", netBytes);
            entry(zip, "history.csv", s.history().toCsv().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    static NetworkState read(Path file) {
        return parse(file, entries(file, open(file)));
    }

    /** A Tunesmith model file opened: its entries and its manifest, whose format and version are checked. */
    public record Archive(Path file, Map<String, byte[]> entries, JsonNode manifest) {}

    /**
     * Opens any kind of Tunesmith model file (other model packages keep their own entries in the
     * same archive format); a file that is missing, not a zip, truncated or foreign is refused with the reason.
     */
    public static Archive archive(Path file) {
        Map<String, byte[]> entries = entries(file, open(file));
        return new Archive(file, entries, manifest(file, entries));
    }

    /** The refusal of a model file, worded as every model file's: what is wrong, then what to do. */
    public static ModelFileException refusal(Path file, String why, String todo) { return refuse(file, why, todo); }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw refuse(file, "the file does not exist", "check the path");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read model " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, byte[]> entries(Path file, InputStream stream) {
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = stream) {
            byte[] head = in.readNBytes(4);
            if (head.length < 4 || head[0] != 'P' || head[1] != 'K')
                throw refuse(file, "it is not a Tunesmith model file (not a zip archive)", "pass a .tsm file written by save() or a checkpoint");
            try (ZipInputStream zip = new ZipInputStream(new java.io.SequenceInputStream(new ByteArrayInputStream(head), in))) {
                ZipEntry e;
                while ((e = zip.getNextEntry()) != null) entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (ZipException | java.io.EOFException e) {
            throw refuse(file, "it is truncated or corrupt (" + e.getMessage() + ")", "use another checkpoint, e.g. best.tsm or last.tsm");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read model " + file + ": " + e.getMessage(), e);
        }
        return entries;
    }

    private static JsonNode manifest(Path file, Map<String, byte[]> entries) {
        byte[] manifest = entries.get("manifest.json");
        if (manifest == null) throw refuse(file, "it has no manifest.json, so it is not a Tunesmith model (a zip of something else?)", "pass a file written by save()");
        JsonNode m;
        try {
            m = new ObjectMapper().readTree(manifest);
        } catch (IOException e) {
            throw refuse(file, "its manifest is not valid JSON (" + e.getMessage() + ")", "the file is damaged; use another checkpoint");
        }
        if (!FORMAT.equals(m.path("format").asText())) throw refuse(file, "its manifest is not of a Tunesmith model", "pass a file written by save()");
        if (m.path("version").asInt() > VERSION)
            throw refuse(file, "it was written by a newer Tunesmith (model format " + m.path("version").asInt() + ", this one reads " + VERSION + ")", "update Tunesmith");
        return m;
    }

    private static NetworkState parse(Path file, Map<String, byte[]> entries) {
        JsonNode m = manifest(file, entries);
        if (m.has("parts"))
            throw refuse(file, "it holds a " + m.path("kind").asText() + " model of several networks", "load it with the class that saved it, e.g. Counterpoint.load");
        byte[] net = entries.get("network.bin");
        if (net == null) throw refuse(file, "it has no network.bin (truncated?)", "use another checkpoint");
        if (!sha256(net).equals(m.path("networkSha256").asText()))
            throw refuse(file, "its network does not match the checksum in its manifest (corrupt)", "use another checkpoint");
        MultiLayerNetwork network;
        try {
            network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(net), true);
        } catch (IOException | RuntimeException e) {
            throw refuse(file, "its network cannot be restored (" + e.getMessage() + ")", "use another checkpoint");
        }
        Map<String, String> meta = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = m.path("meta").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            meta.put(e.getKey(), e.getValue().asText());
        }
        byte[] hist = entries.get("history.csv");
        History history = hist == null ? History.EMPTY : History.fromCsv(new String(hist, StandardCharsets.UTF_8));
        // which LSTM layer the network really has: files from before the fused layer say nothing and hold DL4J's
        LstmConfig config = LstmConfig.parse(m.path("config").asText()).withFused(Networks.fused(network));
        return new NetworkState(m.path("kind").asText(), config, network, history, meta);
    }

    private static ModelFileException refuse(Path file, String why, String todo) {
        return new ModelFileException("Cannot load model " + file + ": " + why + ". " + Character.toUpperCase(todo.charAt(0)) + todo.substring(1) + ".");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A model file that cannot be loaded, with the reason and what to do. */
    public static final class ModelFileException extends RuntimeException {
        public ModelFileException(String message) { super(message); }
    }
}
