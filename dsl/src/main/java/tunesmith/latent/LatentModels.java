package tunesmith.latent;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Opening latent model files of any kind: the linear baseline here, others through {@link LatentModelReader}s. */
public final class LatentModels {

    private LatentModels() {}

    /**
     * The model in {@code file}: a {@link LinearLatentModel}, or whatever a registered
     * {@link LatentModelReader} (the recurrent VAE's) recognises.
     */
    public static LatentModel load(Path file) {
        if (!Files.isRegularFile(file))
            throw new IllegalArgumentException("No latent model file at " + file.toAbsolutePath() + (Files.isDirectory(file) ? " (it is a folder)" : "")
                    + "; give the file a model was saved to");
        List<String> known = new ArrayList<>();
        for (LatentModelReader r : ServiceLoader.load(LatentModelReader.class)) {
            if (r.reads(file)) return r.read(file);
            known.add(r.describe());
        }
        if (isLinear(file)) return LinearLatentModel.load(file);
        known.add("linear PCA baseline (LinearLatentModel.save)");
        throw new IllegalArgumentException(file + " is not a latent model file this Tunesmith can read; it reads: " + String.join(", ", known)
                + ". A model package adds its files by registering a tunesmith.latent.LatentModelReader");
    }

    private static boolean isLinear(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            return in.readUTF().equals(LinearLatentModel.MAGIC) && in.readUTF().equals(LinearLatentModel.KIND);
        } catch (java.io.EOFException | java.io.UTFDataFormatException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e, e);
        }
    }
}
