package tunesmith.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import tunesmith.modelfile.ModelArchive;
import tunesmith.modelfile.ModelFileException;

/**
 * A Deeplearning4j model in the model container ({@link ModelArchive}): the manifest adds the
 * configuration, metadata such as vocabulary and corpus fingerprint, and the sha256 of the
 * network; {@code network.bin} holds weights and updater state (so training resumes exactly),
 * {@code history.csv} the epochs. A corrupt, truncated or foreign file is refused saying which.
 */
final class ModelFile {

    private ModelFile() {}

    static void write(NetworkState s, Path file) { write(s, file, true); }

    /**
     * Writes a model with or without the updater's state (Adam's moments, about two thirds of a
     * saved LSTM): without it the file is for using and sharing (the model zoo holds such files);
     * training resumed from it starts Adam afresh. The manifest says which ({@code "updater"}).
     */
    static void write(NetworkState s, Path file, boolean updater) {
        byte[] net = network(s, updater);
        ModelArchive.write(file, manifest(s, net, updater), entries(s, net));
    }

    /**
     * Several networks that make one model (the three voices of counterpoint) in one file: a
     * manifest naming the parts, and each part as a whole model file of its own inside.
     */
    static void writeParts(String kind, Map<String, NetworkState> parts, Path file) {
        ObjectNode m = ModelArchive.manifest(kind);
        m.put("parts", String.join(",", parts.keySet()));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (Map.Entry<String, NetworkState> e : parts.entrySet()) {
            byte[] net = network(e.getValue(), true);
            entries.put("parts/" + e.getKey() + ".tsm", ModelArchive.bytes(manifest(e.getValue(), net, true), entries(e.getValue(), net)));
        }
        ModelArchive.write(file, m, entries);
    }

    /** The parts of a file written by {@link #writeParts}, in their order; refused unless it holds a model of this kind. */
    static Map<String, NetworkState> readParts(Path file, String kind) {
        ModelArchive.Archive archive = ModelArchive.read(file);
        if (!kind.equals(archive.kind()))
            throw ModelArchive.refusal(file, "it holds a " + (archive.kind().isEmpty() ? "single-network" : archive.kind()) + " model, not a " + kind + " model",
                    "load it with the class that saved it");
        Map<String, NetworkState> out = new LinkedHashMap<>();
        for (String name : archive.manifest().path("parts").asText().split(",")) {
            byte[] part = archive.entries().get("parts/" + name + ".tsm");
            if (part == null) throw ModelArchive.refusal(file, "its part '" + name + "' is missing (truncated?)", "save the model again");
            out.put(name, parse(ModelArchive.read(Path.of(file + "!" + name), part)));
        }
        return out;
    }

    private static byte[] network(NetworkState s, boolean updater) {
        try {
            ByteArrayOutputStream net = new ByteArrayOutputStream();
            ModelSerializer.writeModel(s.network(), net, updater);
            return net.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory
        }
    }

    private static ObjectNode manifest(NetworkState s, byte[] net, boolean updater) {
        ObjectNode m = ModelArchive.manifest(s.kind());
        m.put("config", s.config().toText());
        m.put("networkSha256", ModelArchive.sha256(net));
        m.put("updater", updater);
        ObjectNode meta = m.putObject("meta");
        s.meta().forEach(meta::put);
        return m;
    }

    private static Map<String, byte[]> entries(NetworkState s, byte[] net) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("network.bin", net);
        entries.put("history.csv", s.history().toCsv().getBytes(StandardCharsets.UTF_8));
        return entries;
    }

    static NetworkState read(Path file) { return parse(ModelArchive.read(file)); }

    private static NetworkState parse(ModelArchive.Archive archive) {
        Path file = archive.file();
        JsonNode m = archive.manifest();
        if (m.has("parts"))
            throw ModelArchive.refusal(file, "it holds a " + m.path("kind").asText() + " model of several networks", "load it with the class that saved it");
        byte[] net = archive.network();
        MultiLayerNetwork network;
        try {
            network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(net), true);
        } catch (IOException | RuntimeException e) {
            throw ModelArchive.refusal(file, "its network cannot be restored (" + e.getMessage() + ")", "use another checkpoint");
        }
        Map<String, String> meta = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = m.path("meta").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            meta.put(e.getKey(), e.getValue().asText());
        }
        byte[] hist = archive.entries().get("history.csv");
        History history = hist == null ? History.EMPTY : History.fromCsv(new String(hist, StandardCharsets.UTF_8));
        // which LSTM layer the network really has: files from before the fused layer say nothing and hold DL4J's
        LstmConfig config = LstmConfig.parse(m.path("config").asText()).withFused(Networks.fused(network));
        return new NetworkState(m.path("kind").asText(), config, network, history, meta);
    }

    /** Refusals of model files are worded in one place ({@link ModelArchive#refusal}). */
    static ModelFileException refusal(Path file, String why, String todo) { return ModelArchive.refusal(file, why, todo); }
}
