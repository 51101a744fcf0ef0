package tunesmith;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real corpora the tests read: the folder in $TUNESMITH_CORPORA (CI sets it to ../shared/corpora). */
public final class TestCorpora {

    private TestCorpora() {}

    /** The corpora folder; the calling test is skipped when it is not configured. */
    public static Path root() {
        String dir = System.getenv("TUNESMITH_CORPORA");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "TUNESMITH_CORPORA not set: corpus tests skipped");
        return Path.of(dir);
    }

    public static Path folder(String name) {
        Path p = root().resolve(name);
        assumeTrue(Files.isDirectory(p), "no " + p);
        return p;
    }

    /** The repository root (the pom passes it as a system property). */
    public static Path repo() {
        return Path.of(System.getProperty("tunesmith.root", "..")).toAbsolutePath().normalize();
    }
}
