package tunesmith.midi;

import tunesmith.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Writes rendered files whole or not at all: a temporary file beside the target, then a rename. */
final class AudioFiles {

    private AudioFiles() {}

    static Path write(Path file, byte[] data, String what) {
        try {
            AtomicFiles.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + what + " file " + file + ": " + e
                    + " (check that the folder is writable and the name is not a folder)", e);
        }
        return file;
    }
}
