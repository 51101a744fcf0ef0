package tunesmith.latent;

import java.nio.file.Path;

/**
 * Reads one kind of latent model file, for {@link LatentModels#load}. A model package (the
 * recurrent VAE in {@code tunesmith.vae}) registers its reader in
 * {@code META-INF/services/tunesmith.latent.LatentModelReader}, so the latent tools, the benchmark
 * and the command line open its files without depending on it.
 */
public interface LatentModelReader {

    /** Whether this reader knows the file (by its header, cheaply; not by loading it). */
    boolean reads(Path file);

    /** The model in the file; errors say what is wrong with the file and what to do. */
    LatentModel read(Path file);

    /** What files it reads, for the message when no reader knows a file: "recurrent VAE (.tsm)". */
    String describe();
}
