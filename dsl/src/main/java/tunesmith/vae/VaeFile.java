package tunesmith.vae;

import tunesmith.modelfile.ModelFileException;
import tunesmith.modelfile.ModelArchive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A VAE in one file, in the style of the other models' files (the same zip layout and format
 * name, so each loader recognises the other's files and says so): {@code manifest.json} (kind,
 * configuration, grid, meters, batch count, checksums), {@code weights.bin} and {@code adam.bin}
 * (every array by name and shape, float32) and {@code history.csv}. Arrays rather than a SameDiff
 * file because SameDiff.load cannot read graphs with lstmLayer: the graph is rebuilt in code and
 * the arrays put back, bit for bit. Written to a temporary file and renamed (atomic); a corrupt,
 * truncated or foreign file is refused with the reason.
 */
final class VaeFile {

    static final String KIND = "music-vae/flat";
    static final int VERSION = 1;

    private VaeFile() {}

    static void write(VaeState s, Path file) { write(s, file, true); }

    /**
     * With or without Adam's moments (two thirds of the file): without them the file is for using
     * and sharing (the model zoo's); training resumed from it starts Adam afresh. The manifest says which ({@code "adam"}).
     */
    static void write(VaeState s, Path file, boolean withAdam) {
        byte[] weights, adam;
        try {
            weights = arrays(s.weights());
            adam = withAdam ? arrays(s.moments()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the VAE to " + file + ": " + e.getMessage(), e);
        }
        ObjectNode m = ModelArchive.manifest(KIND);
        m.put("config", s.config.toText());
        m.put("grid", VaeData.grid(s.config).spec());
        m.put("meters", Meters.CLASSES.stream().map(x -> x.text()).toList().toString());
        m.put("iteration", s.iteration);
        m.put("weightsSha256", sha256(weights));
        m.put("adam", withAdam);
        if (withAdam) m.put("adamSha256", sha256(adam));
        ObjectNode meta = m.putObject("meta");
        s.meta.forEach(meta::put);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("weights.bin", weights);
        if (withAdam) entries.put("adam.bin", adam);
        entries.put("history.csv", s.history.toCsv().getBytes(StandardCharsets.UTF_8));
        ModelArchive.write(file, m, entries);
    }

    static VaeState read(Path file) {
        ModelArchive.Archive archive = ModelArchive.read(file);
        Map<String, byte[]> entries = archive.entries();
        JsonNode m = archive.manifest();
        if (!KIND.equals(m.path("kind").asText()))
            throw refuse(file, "it holds a " + m.path("kind").asText() + " model, not a MusicVAE", "load it with loadModel(path) or the class for that kind");
        if (m.path("version").asInt() > VERSION)
            throw refuse(file, "it was written by a newer Tunesmith (VAE format " + m.path("version").asInt() + ", this one reads " + VERSION + ")", "update Tunesmith");
        byte[] weights = entries.get("weights.bin"), adam = entries.get("adam.bin");
        boolean withAdam = m.path("adam").asBoolean(true); // files from before weights-only saving always have it
        if (weights == null || (withAdam && adam == null)) throw refuse(file, "it has no " + (weights == null ? "weights.bin" : "adam.bin") + " (truncated?)", "use another checkpoint");
        if (!sha256(weights).equals(m.path("weightsSha256").asText()) || (withAdam && !sha256(adam).equals(m.path("adamSha256").asText())))
            throw refuse(file, "its arrays do not match the checksums in its manifest (corrupt)", "use another checkpoint");
        VaeConfig config;
        try {
            config = VaeConfig.parse(m.path("config").asText());
        } catch (IllegalArgumentException e) {
            throw refuse(file, "its configuration cannot be read (" + e.getMessage() + ")", "use another checkpoint");
        }
        String meters = Meters.CLASSES.stream().map(x -> x.text()).toList().toString();
        if (!meters.equals(m.path("meters").asText()))
            throw refuse(file, "its meter classes " + m.path("meters").asText() + " are not this Tunesmith's " + meters, "load it with the Tunesmith version that wrote it");
        Map<String, INDArray> w = arrays(weights), moments = withAdam ? arrays(adam) : null;
        VaeParams.shapes(config).forEach((name, shape) -> {
            INDArray a = w.get(name);
            if (a == null || !java.util.Arrays.equals(a.shape(), shape) || (moments != null && (moments.get(name + "/M") == null || moments.get(name + "/V") == null)))
                throw refuse(file, "its array " + name + " is missing or not of shape " + java.util.Arrays.toString(shape) + " as its configuration needs", "use another checkpoint");
        });
        Map<String, String> meta = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = m.path("meta").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            meta.put(e.getKey(), e.getValue().asText());
        }
        byte[] hist = entries.get("history.csv");
        VaeHistory history;
        try {
            history = hist == null ? VaeHistory.EMPTY : VaeHistory.fromCsv(new String(hist, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw refuse(file, "its history cannot be read (" + e.getMessage() + ")", "use another checkpoint");
        }
        return new VaeState(config, w, moments, m.path("iteration").asLong(), history, meta);
    }

    /** Arrays as: count, then per array its name, rank, shape and float32 values (c order). */
    static byte[] arrays(Map<String, INDArray> arrays) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(arrays.size());
            for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                out.writeUTF(e.getKey());
                long[] shape = e.getValue().shape();
                out.writeInt(shape.length);
                for (long d : shape) out.writeLong(d);
                for (float f : e.getValue().dup('c').reshape(e.getValue().length()).toFloatVector()) out.writeFloat(f);
            }
        }
        return bytes.toByteArray();
    }

    static Map<String, INDArray> arrays(byte[] bytes) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                long[] shape = new long[in.readInt()];
                long len = 1;
                for (int k = 0; k < shape.length; k++) { shape[k] = in.readLong(); len *= shape[k]; }
                float[] v = new float[(int) len];
                for (int k = 0; k < v.length; k++) v[k] = in.readFloat();
                out.put(name, Nd4j.create(v, shape, 'c'));
            }
        } catch (IOException e) {
            throw new IllegalStateException("array data ends early: " + e.getMessage(), e);
        }
        return out;
    }

    private static ModelFileException refuse(Path file, String why, String todo) { return ModelArchive.refusal(file, why, todo); }

    static String sha256(byte[] bytes) { return ModelArchive.sha256(bytes); }
}
