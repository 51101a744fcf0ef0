package tunesmith.vae;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import tunesmith.latent.LatentModel;
import tunesmith.latent.LatentModelReader;

/**
 * Lets the latent tools ({@code LatentModels.load}, {@code bench/encode-corpus.sh --model}) open
 * MusicVAE files without depending on this package: registered in
 * {@code META-INF/services/tunesmith.latent.LatentModelReader}.
 */
public final class VaeReader implements LatentModelReader {

    public VaeReader() {}

    /** A zip whose manifest names the MusicVAE kind; only the manifest is read. */
    @Override
    public boolean reads(Path file) {
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null)
                if (e.getName().equals("manifest.json")) return VaeFile.KIND.equals(new ObjectMapper().readTree(zip.readAllBytes()).path("kind").asText());
            return false;
        } catch (IOException | RuntimeException e) {
            return false; // not ours (or unreadable): LatentModels says which readers it tried
        }
    }

    @Override
    public LatentModel read(Path file) { return MusicVae.load(file); }

    @Override
    public String describe() { return "MusicVAE (.tsm, saved by musicVae()...train(...).save(path))"; }
}
