package tunesmith.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Files written whole or not at all: the bytes go to a temporary file beside the target, which
 * is then renamed over it, so a killed process, a full disk or a failed check never leaves half a
 * model, chart, download or recording where the old one was. Every writer of the library goes
 * through here.
 */
public final class AtomicFiles {

    /** The ending of the temporary files (hidden: their names start with a dot). */
    public static final String TEMP_SUFFIX = ".part";

    private AtomicFiles() {}

    /** What goes into a file; it may throw to abandon the file (a failed checksum), leaving the old one. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code bytes} to {@code file}, creating its folders; the temporary file never outlives the call. */
    public static Path write(Path file, byte[] bytes) throws IOException { return write(file, out -> out.write(bytes)); }

    /** Streams {@code content} into {@code file}, creating its folders; the file is replaced only when it is complete. */
    public static Path write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", TEMP_SUFFIX);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.writeTo(out);
            }
            promote(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    /**
     * Removes the temporary files that writes of {@code target} left behind when their process was killed
     * ({@code kill -9}, a power cut): in its folder, {@code .NAME.<digits>.part} (this class's naming) and
     * {@code .NAME<digits>.tmp} (the naming before it), last modified before {@code before}, so a write
     * still running in another process is left alone. No other file is touched.
     *
     * @return the files removed
     */
    public static List<Path> removeLeftovers(Path target, Instant before) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) return List.of();
        String name = Pattern.quote(target.getFileName().toString());
        Pattern ours = Pattern.compile("\\." + name + "(\\.[0-9]+" + Pattern.quote(TEMP_SUFFIX) + "|[0-9]+\\.tmp)");
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, p -> ours.matcher(p.getFileName().toString()).matches())) {
            for (Path p : files) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) continue;
                if (!Files.getLastModifiedTime(p).toInstant().isBefore(before)) continue;
                if (Files.deleteIfExists(p)) removed.add(p);
            }
        }
        return removed;
    }

    /** Renames a complete file over the target in one step (where the file system cannot, a plain replace). */
    public static void promote(Path complete, Path target) throws IOException {
        try {
            Files.move(complete, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) { // some file systems (network mounts) cannot rename atomically
            Files.move(complete, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
