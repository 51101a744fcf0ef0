package tunesmith.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium}, headless, for tests that must see a page as a browser draws it: the
 * DOM after its scripts ran ({@link #dumpDom}) or a picture ({@link #screenshot}). Each run gets a
 * fresh profile folder (deleted after) and no network chatter of its own (no background
 * networking, component updates, sync or QUIC), so a run is the same offline and on CI.
 *
 * <p>A missing browser fails the test rather than skipping it: CI installs {@code chromium}
 * ({@code .ci/run}), and a check that silently does not run is no check.
 */
public final class HeadlessChromium {

    public static final Path BINARY = Path.of("/usr/bin/chromium");

    /** Virtual time for timers and loading before the DOM is taken: scripts that wait (setTimeout) finish without real waiting. */
    public static final int DEFAULT_VIRTUAL_TIME_MS = 5000;

    private static final long TIMEOUT_SECONDS = 120;

    private final int virtualTimeMs;

    private HeadlessChromium(int virtualTimeMs) { this.virtualTimeMs = virtualTimeMs; }

    /** The browser, or an AssertionError that says how to install it. */
    public static HeadlessChromium require() {
        if (!Files.isExecutable(BINARY))
            throw new AssertionError(BINARY + " not found: the browser checks need Debian's chromium. Install it with "
                    + "`apt-get update && apt-get install -y chromium` (as root; .ci/run does this for CI).");
        return new HeadlessChromium(DEFAULT_VIRTUAL_TIME_MS);
    }

    /** This browser with another virtual-time budget. */
    public HeadlessChromium virtualTime(int millis) { return new HeadlessChromium(millis); }

    /** The page's DOM as HTML after its scripts ran, as {@code --dump-dom} prints it. */
    public String dumpDom(Path page) {
        return run(List.of("--dump-dom", page.toUri().toString())).stdout();
    }

    /** A PNG of the page at {@code width}×{@code height}, written to {@code png}, which is returned. */
    public Path screenshot(Path page, Path png, int width, int height) {
        run(List.of("--hide-scrollbars", "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(), page.toUri().toString()));
        if (!Files.isRegularFile(png)) throw new AssertionError("chromium wrote no screenshot to " + png);
        return png;
    }

    private record Result(String stdout, String stderr) {}

    private Result run(List<String> what) {
        Path profile = null, out = null, err = null;
        try {
            profile = Files.createTempDirectory("tunesmith-chromium-");
            out = Files.createTempFile("chromium-", ".out");
            err = Files.createTempFile("chromium-", ".err");
            List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + profile, "--virtual-time-budget=" + virtualTimeMs));
            cmd.addAll(what);
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", cmd));
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8), stderr = Files.readString(err, StandardCharsets.UTF_8);
            if (p.exitValue() != 0)
                throw new AssertionError("chromium exited with " + p.exitValue() + ": " + String.join(" ", cmd) + "\n" + stderr);
            return new Result(stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + BINARY + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while chromium ran", e);
        } finally {
            delete(profile);
            delete(out);
            delete(err);
        }
    }

    private static void delete(Path path) {
        if (path == null || !Files.exists(path)) return;
        try (Stream<Path> all = Files.walk(path)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless; the test's own result matters more
        }
    }
}
