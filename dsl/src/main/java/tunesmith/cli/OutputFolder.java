package tunesmith.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code --out} folder of a command, made (or checked) before any work, so a folder that cannot be
 * written is said once, with its reason, instead of once per file the command would have written.
 */
final class OutputFolder {

    private OutputFolder() {}

    /** Creates {@code dir} (and its parents) and proves it writable with a probe file; else a {@link Main.Failure} naming why. */
    static Path create(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir))
            throw new Main.Failure(dir + " exists and is a file, not a folder: give " + option + " a new or existing folder");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new Main.Failure("Cannot create the output folder " + dir + ": " + reason(e));
        }
        String problem = unwritable(dir);
        if (problem != null) throw new Main.Failure(problem + "; give " + option + " a folder you can write to");
        return dir;
    }

    /** Null when a file can be made in {@code dir}; else what stops it ("Cannot write into the output folder X: permission denied"). */
    static String unwritable(Path dir) {
        try {
            // a probe file: it catches read-only mounts, full disks and ACLs that Files.isWritable does not see
            Files.delete(Files.createTempFile(dir, ".tunesmith-write-check", ".tmp"));
            return null;
        } catch (IOException e) {
            return "Cannot write into the output folder " + dir + ": " + reason(e);
        }
    }

    /** Why an I/O call failed, in words: Java's own messages for these are only the path. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileAlreadyExistsException x)
            return (x.getFile() == null ? "a part of the path" : x.getFile()) + " exists and is a file, not a folder";
        if (e instanceof java.nio.file.NoSuchFileException) return "a folder on the way does not exist";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
