package tunesmith.modelfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import tunesmith.io.AtomicFiles;

/**
 * The one container of every model kind: a zip with {@code manifest.json} (format, version, kind,
 * time of writing, and what the kind adds: configuration, checksums, metadata) and the kind's
 * entries (a network, arrays, a history). Written atomically; a file that is missing, not a zip,
 * truncated, of another format or of a newer version is refused saying which and what to do.
 */
public final class ModelArchive {

    public static final String FORMAT = "tunesmith-model";
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelArchive() {}

    /** An opened model file: its entries and its manifest, whose format and version are checked. */
    public record Archive(Path file, Map<String, byte[]> entries, JsonNode manifest) {
        public String kind() { return manifest.path("kind").asText(); }

        /**
         * The network's bytes ({@code network.bin}), checked against the sha256 the manifest gives
         * ({@code networkSha256}); a missing or changed network is refused saying which.
         */
        public byte[] network() {
            byte[] net = entries.get("network.bin");
            if (net == null) throw refusal(file, "it has no network.bin (truncated?)", "use another checkpoint");
            if (!sha256(net).equals(manifest.path("networkSha256").asText()))
                throw refusal(file, "its network does not match the checksum in its manifest (corrupt)", "use another checkpoint");
            return net;
        }
    }

    /** A new manifest of this kind, with the format, version and time of writing; the kind adds its fields. */
    public static ObjectNode manifest(String kind) {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", FORMAT);
        m.put("version", VERSION);
        m.put("kind", kind);
        m.put("created", Instant.now().toString());
        return m;
    }

    /** The archive as bytes: the manifest, then the entries in their order (a model may hold other archives as entries). */
    public static byte[] bytes(ObjectNode manifest, Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, "manifest.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            for (Map.Entry<String, byte[]> e : entries.entrySet()) entry(zip, e.getKey(), e.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory
        }
        return out.toByteArray();
    }

    /** Writes the archive to the file, atomically. */
    public static void write(Path file, ObjectNode manifest, Map<String, byte[]> entries) {
        try {
            AtomicFiles.write(file, bytes(manifest, entries));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the model to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens a model file of any kind. */
    public static Archive read(Path file) {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw refusal(file, "the file does not exist", "check the path");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read model " + file + ": " + e.getMessage(), e);
        }
        return read(file, in);
    }

    /** Opens an archive held inside another ({@code name} says where, in refusals). */
    public static Archive read(Path name, byte[] bytes) { return read(name, new ByteArrayInputStream(bytes)); }

    private static Archive read(Path file, InputStream stream) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = stream) {
            byte[] head = in.readNBytes(4);
            if (head.length < 4 || head[0] != 'P' || head[1] != 'K')
                throw refusal(file, "it is not a Tunesmith model file (not a zip archive)", "pass a .tsm file written by save() or a checkpoint");
            try (ZipInputStream zip = new ZipInputStream(new java.io.SequenceInputStream(new ByteArrayInputStream(head), in))) {
                ZipEntry e;
                while ((e = zip.getNextEntry()) != null) entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (ZipException | java.io.EOFException e) {
            throw refusal(file, "it is truncated or corrupt (" + e.getMessage() + ")", "use another checkpoint, e.g. best.tsm or last.tsm");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read model " + file + ": " + e.getMessage(), e);
        }
        byte[] manifest = entries.get("manifest.json");
        if (manifest == null) throw refusal(file, "it has no manifest.json, so it is not a Tunesmith model (a zip of something else?)", "pass a file written by save()");
        JsonNode m;
        try {
            m = JSON.readTree(manifest);
        } catch (IOException e) {
            throw refusal(file, "its manifest is not valid JSON (" + e.getMessage() + ")", "the file is damaged; use another checkpoint");
        }
        if (!FORMAT.equals(m.path("format").asText())) throw refusal(file, "its manifest is not of a Tunesmith model", "pass a file written by save()");
        if (m.path("version").asInt() > VERSION)
            throw refusal(file, "it was written by a newer Tunesmith (model format " + m.path("version").asInt() + ", this one reads " + VERSION + ")", "update Tunesmith");
        return new Archive(file, entries, m);
    }

    /** The refusal of a model file, worded as every model file's: what is wrong, then what to do. */
    public static ModelFileException refusal(Path file, String why, String todo) {
        return new ModelFileException("Cannot load model " + file + ": " + why + ". " + Character.toUpperCase(todo.charAt(0)) + todo.substring(1) + ".");
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
