package tunesmith.midi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes rendered files whole or not at all: a temporary file beside the target, then a rename. */
final class AudioFiles {

    private AudioFiles() {}

    static Path write(Path file, byte[] data, String what) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
            try {
                Files.write(tmp, data);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + what + " file " + file + ": " + e
                    + " (check that the folder is writable and the name is not a folder)", e);
        }
        return file;
    }
}
