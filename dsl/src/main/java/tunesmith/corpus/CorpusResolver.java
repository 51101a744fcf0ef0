package tunesmith.corpus;

import tunesmith.io.AtomicFiles;

import tunesmith.corpus.CatalogueEntry.CorpusFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds a catalogued corpus on this machine, or downloads it into the user cache.
 *
 * <p>Order: (a) the folder named by {@code -Dtunesmith.corpora} or {@code $TUNESMITH_CORPORA}
 * (property wins), laid out like the shared mirror, e.g. {@code <dir>/oneills1850/0001-0050.abc};
 * (b) the cache {@code $XDG_CACHE_HOME/tunesmith/corpora/<folder>} (or {@code ~/.cache/...},
 * or {@code -Dtunesmith.cache}{@code /corpora/<folder>}) once complete and checksum-verified;
 * (c) a download of each file from its catalogued URL into that cache, kept only if its SHA-256
 * matches. {@code -Dtunesmith.offline=true} forbids (c).
 *
 * <p>The built-in {@code starter} corpus is a single file, {@code corpora/starter.abc}, found in
 * the project checkout ({@code -Dtunesmith.root}, or the working directory or a parent) or on the
 * classpath; it is never downloaded.
 *
 * <p>A resolver is an immutable snapshot of its settings; it is safe to share between threads
 * except that two concurrent downloads of the same corpus each fetch every file (harmlessly:
 * files are moved into place atomically).
 */
public final class CorpusResolver {

    public static final String ENV_CORPORA = "TUNESMITH_CORPORA";
    public static final String PROP_CORPORA = "tunesmith.corpora";
    public static final String PROP_CACHE = "tunesmith.cache";
    public static final String PROP_OFFLINE = "tunesmith.offline";
    /** Replaces scheme, host and port of every download URL, e.g. {@code http://127.0.0.1:8123}; for tests and mirrors. */
    public static final String PROP_DOWNLOAD_BASE = "tunesmith.download.base";
    public static final String PROP_ROOT = "tunesmith.root";
    static final String ENV_XDG_CACHE = "XDG_CACHE_HOME";
    /** Written into a cached corpus folder once every file's SHA-256 has been checked. */
    static final String MARKER = ".verified";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    // Covers connecting and receiving the response headers; the body then streams at its own pace.
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final String CLASSPATH_DIR = "/tunesmith/corpora/";

    private final Catalogue catalogue;
    private final Path corporaDir;        // null when neither property nor env is set
    private final String corporaSetting;  // which of the two named corporaDir, for messages
    private final Path cacheRoot;         // holds one folder per corpus
    private final boolean offline;
    private final String downloadBase;    // null: download from the catalogued URLs as they are
    private final Path root;              // project checkout, may be null
    private final Path workDir;
    private final PrintStream log;
    private final boolean terminal;
    private volatile HttpClient http;     // created on first download only

    /** A resolver over the standard catalogue, configured from system properties and the environment. */
    public CorpusResolver() {
        this(Catalogue.standard(), systemSettings());
    }

    /**
     * A resolver configured from {@code settings}, which maps the property names
     * ({@code tunesmith.corpora}, {@code tunesmith.cache}, {@code tunesmith.offline},
     * {@code tunesmith.download.base}, {@code tunesmith.root}, {@code user.home}, {@code user.dir})
     * and environment names ({@code TUNESMITH_CORPORA}, {@code XDG_CACHE_HOME}) to values.
     * Tests pass a plain map; {@link #systemSettings()} gives the real ones.
     */
    public CorpusResolver(Catalogue catalogue, Map<String, String> settings) {
        this(catalogue, settings, System.err, System.console() != null);
    }

    CorpusResolver(Catalogue catalogue, Map<String, String> settings, PrintStream log, boolean terminal) {
        this.catalogue = catalogue;
        String prop = blankToNull(settings.get(PROP_CORPORA));
        String env = blankToNull(settings.get(ENV_CORPORA));
        this.corporaDir = prop != null ? Path.of(prop) : env != null ? Path.of(env) : null;
        this.corporaSetting = prop != null ? "-D" + PROP_CORPORA : env != null ? "$" + ENV_CORPORA : null;
        this.cacheRoot = cacheRoot(settings);
        this.offline = Boolean.parseBoolean(settings.get(PROP_OFFLINE));
        this.downloadBase = blankToNull(settings.get(PROP_DOWNLOAD_BASE));
        String rootSetting = blankToNull(settings.get(PROP_ROOT));
        this.root = rootSetting == null ? null : Path.of(rootSetting);
        this.workDir = Path.of(settings.getOrDefault("user.dir", "")).toAbsolutePath();
        this.log = log;
        this.terminal = terminal;
    }

    /** The settings this JVM was started with: the relevant system properties and environment variables. */
    public static Map<String, String> systemSettings() {
        Map<String, String> s = new HashMap<>();
        for (String env : List.of(ENV_CORPORA, ENV_XDG_CACHE)) {
            putIfSet(s, env, System.getenv(env));
        }
        for (String prop : List.of(PROP_CORPORA, PROP_CACHE, PROP_OFFLINE, PROP_DOWNLOAD_BASE, PROP_ROOT,
                "user.home", "user.dir")) {
            putIfSet(s, prop, System.getProperty(prop));
        }
        return s;
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    /** The folder holding one cached folder per corpus, e.g. {@code ~/.cache/tunesmith/corpora}. */
    public Path cacheRoot() {
        return cacheRoot;
    }

    /**
     * The local folder of the named corpus (or, for the built-in {@code starter}, its file),
     * downloading it first if needed and allowed.
     *
     * @param name a catalogue name or alias, case-insensitive
     * @throws IllegalArgumentException for an unknown name
     * @throws CorpusException          when the corpus cannot be found, fetched or verified
     */
    public Path resolve(String name) {
        CatalogueEntry entry = catalogue.entry(name);
        return entry.builtin() ? resolveBuiltin(entry) : resolveFolder(entry);
    }

    private Path resolveFolder(CatalogueEntry entry) {
        List<String> looked = new ArrayList<>();
        if (corporaDir == null) {
            looked.add("$" + ENV_CORPORA + " / -D" + PROP_CORPORA + ": not set");
        } else {
            boolean seen = false;
            for (String folder : folderNames(entry)) {
                Path dir = corporaDir.resolve(folder);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                seen = true;
                List<CorpusFile> missing = missing(dir, entry);
                if (missing.isEmpty()) {
                    return dir;
                }
                looked.add(dir + " (" + corporaSetting + "): incomplete, " + missing.size() + " of "
                        + entry.files().size() + " files missing, e.g. " + missing.get(0).path());
            }
            if (!seen) {
                looked.add(corporaDir.resolve(entry.folder()) + " (" + corporaSetting + "): no such folder");
            }
        }

        Path cached = cacheRoot.resolve(entry.folder());
        if (verifyCache(cached, entry)) {
            return cached;
        }
        List<CorpusFile> missing = missing(cached, entry);
        if (offline) {
            looked.add(cached + " (cache): " + missing.size() + " of " + entry.files().size() + " files missing");
            throw new CorpusException(offlineMessage(entry, looked, missing));
        }
        download(entry, cached, missing);
        writeMarker(cached, entry);
        return cached;
    }

    // ---------------------------------------------------------------- cache

    /**
     * True when every file is present and verified. Hashes each file once; the marker records
     * which catalogue state was verified, so a changed catalogue triggers a fresh check.
     * A file with the wrong hash is deleted so that it is fetched again.
     */
    private boolean verifyCache(Path dir, CatalogueEntry entry) {
        if (!Files.isDirectory(dir) || !missing(dir, entry).isEmpty()) {
            deleteMismatches(dir, entry);
            return false;
        }
        if (fingerprint(entry).equals(readMarker(dir))) {
            return true;
        }
        if (deleteMismatches(dir, entry)) {
            return false;
        }
        writeMarker(dir, entry);
        return true;
    }

    /** Deletes present files whose hash is wrong; true if it deleted any. */
    private boolean deleteMismatches(Path dir, CatalogueEntry entry) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        boolean deleted = false;
        for (CorpusFile f : entry.files()) {
            Path p = dir.resolve(f.path());
            try {
                if (Files.isRegularFile(p) && !sha256(p).equals(f.sha256())) {
                    log.println("tunesmith: cached " + p + " has the wrong checksum; it will be fetched again");
                    Files.delete(p);
                    deleted = true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot check cached corpus file " + p, e);
            }
        }
        return deleted;
    }

    private static String readMarker(Path dir) {
        try {
            return Files.readString(dir.resolve(MARKER), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static void writeMarker(Path dir, CatalogueEntry entry) {
        try {
            Files.writeString(dir.resolve(MARKER), fingerprint(entry) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + dir.resolve(MARKER), e);
        }
    }

    /** A hash of the catalogue's view of the corpus (paths and checksums). */
    static String fingerprint(CatalogueEntry entry) {
        MessageDigest md = newSha256();
        for (CorpusFile f : entry.files()) {
            md.update((f.sha256() + "  " + f.path() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static List<CorpusFile> missing(Path dir, CatalogueEntry entry) {
        return entry.files().stream().filter(f -> !Files.isRegularFile(dir.resolve(f.path()))).toList();
    }

    // ---------------------------------------------------------------- download

    private void download(CatalogueEntry entry, Path dir, List<CorpusFile> files) {
        long total = files.stream().mapToLong(CorpusFile::bytes).sum();
        log.println("tunesmith: downloading corpus '" + entry.name() + "' (" + files.size() + " files, "
                + megabytes(total) + ") into " + dir);
        Progress progress = new Progress(entry.name(), total, files.size());
        for (int i = 0; i < files.size(); i++) {
            progress.startFile(i + 1, files.get(i).path());
            fetch(files.get(i), dir.resolve(files.get(i).path()), progress);
        }
        progress.finish();
    }

    /** Downloads one file to a temporary name and moves it into place only if its SHA-256 matches. */
    private void fetch(CorpusFile file, Path target, Progress progress) {
        URI uri = downloadUri(file.url());
        try {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(REQUEST_TIMEOUT)
                    .header("User-Agent", "tunesmith-corpus-resolver")
                    .GET()
                    .build();
            HttpResponse<InputStream> response = http().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new CorpusException("Download of " + file.path() + " from " + uri
                            + " failed: HTTP " + response.statusCode());
                }
                AtomicFiles.write(target, out -> { // kept only when its checksum matches
                    MessageDigest md = newSha256();
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        out.write(buffer, 0, n);
                        md.update(buffer, 0, n);
                        progress.advance(n);
                    }
                    String actual = HexFormat.of().formatHex(md.digest());
                    if (!actual.equals(file.sha256())) {
                        throw new CorpusException("Checksum mismatch for " + file.path() + " downloaded from " + uri
                                + ": expected sha256 " + file.sha256() + " but got " + actual
                                + ". The file was not kept. If upstream changed, point " + ENV_CORPORA
                                + " at a verified copy or update corpora/catalogue.json.");
                    }
                });
            }
        } catch (IOException e) {
            throw new CorpusException("Download of " + file.path() + " from " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CorpusException("Download of " + file.path() + " from " + uri + " was interrupted", e);
        }
    }

    /** Applies {@code tunesmith.download.base}: same path, other scheme and host. */
    URI downloadUri(URI url) {
        if (downloadBase == null) {
            return url;
        }
        String base = downloadBase.endsWith("/") ? downloadBase.substring(0, downloadBase.length() - 1) : downloadBase;
        String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
        return URI.create(base + url.getRawPath() + query);
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder()
                            .followRedirects(HttpClient.Redirect.NORMAL)
                            .connectTimeout(CONNECT_TIMEOUT)
                            .build();
                }
                client = http;
            }
        }
        return client;
    }

    /** One-line progress: redrawn with '\r' on a terminal, a plain line per 10% otherwise (logs, CI). */
    private final class Progress {
        private final String corpus;
        private final long total;
        private final int count;
        private long done;
        private int index;
        private String current = "";
        private long lastDraw;
        private int lastDecile = -1;

        Progress(String corpus, long total, int count) {
            this.corpus = corpus;
            this.total = Math.max(total, 1);
            this.count = count;
        }

        void startFile(int index, String path) {
            this.index = index;
            this.current = path;
            draw(true);
        }

        void advance(long bytes) {
            done += bytes;
            draw(false);
        }

        void finish() {
            done = Math.max(done, total);
            if (terminal) {
                log.print("\r" + line() + "\n");
            } else if (lastDecile < 10) {
                log.println("tunesmith: " + line());
            }
            log.flush();
        }

        private void draw(boolean force) {
            int percent = (int) Math.min(100, done * 100 / total);
            if (terminal) {
                long now = System.nanoTime();
                if (force || now - lastDraw > 100_000_000L) {
                    lastDraw = now;
                    log.print("\r" + line());
                    log.flush();
                }
            } else if (percent / 10 > lastDecile) {
                lastDecile = percent / 10;
                log.println("tunesmith: " + line());
            }
        }

        private String line() {
            int percent = (int) Math.min(100, done * 100 / total);
            int filled = percent / 5;
            String bar = "#".repeat(filled) + "-".repeat(20 - filled);
            String text = String.format(Locale.ROOT, "%s [%s] %3d%%  %s / %s  file %d/%d %s",
                    corpus, bar, percent, megabytes(done), megabytes(total), index, count, current);
            return text.length() < 100 ? text + " ".repeat(100 - text.length()) : text; // clear the previous line
        }
    }

    // ---------------------------------------------------------------- built-in

    private Path resolveBuiltin(CatalogueEntry entry) {
        String file = entry.name() + ".abc";
        Path rel = Path.of("corpora", file);
        List<String> looked = new ArrayList<>();
        if (root != null) {
            Path p = root.resolve(rel);
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath().normalize();
            }
            looked.add(p + " (-D" + PROP_ROOT + ")");
        }
        for (Path dir = workDir; dir != null; dir = dir.getParent()) {
            Path p = dir.resolve(rel);
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        looked.add(workDir.resolve(rel) + " and the same under each parent folder");
        URL resource = CorpusResolver.class.getResource(CLASSPATH_DIR + file);
        if (resource != null) {
            return fromClasspath(resource, cacheRoot.resolve(entry.name()).resolve(file));
        }
        looked.add("classpath " + CLASSPATH_DIR + file);
        throw new CorpusException("Built-in corpus '" + entry.name() + "' (corpora/" + file + ") was not found. Looked in:\n  - "
                + String.join("\n  - ", looked)
                + "\nRun from inside the Tunesmith checkout, set -D" + PROP_ROOT + " to it, or put the Tunesmith jar on the classpath.");
    }

    /** A classpath resource as a real file: itself when on disk, else a copy in the cache (e.g. inside a jar). */
    private static Path fromClasspath(URL resource, Path copy) {
        try {
            if ("file".equals(resource.getProtocol())) {
                return Path.of(resource.toURI());
            }
            byte[] bytes;
            try (InputStream in = resource.openStream()) {
                bytes = in.readAllBytes();
            }
            if (!Files.isRegularFile(copy) || !Arrays.equals(Files.readAllBytes(copy), bytes)) {
                AtomicFiles.write(copy, bytes);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + resource + " to " + copy, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Bad classpath URL " + resource, e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private String offlineMessage(CatalogueEntry entry, List<String> looked, List<CorpusFile> missing) {
        long bytes = missing.stream().mapToLong(CorpusFile::bytes).sum();
        return "Corpus '" + entry.name() + "' is not available locally and downloads are disabled (-D"
                + PROP_OFFLINE + "=true). Looked in:\n  - " + String.join("\n  - ", looked)
                + "\nTo fix: set " + ENV_CORPORA + " (or -D" + PROP_CORPORA + ") to a folder that contains "
                + entry.folder() + "/ laid out like the catalogue (see corpora/README.md), or allow downloads"
                + " (drop -D" + PROP_OFFLINE + "=true) to fetch " + missing.size() + " files (" + megabytes(bytes)
                + ") into " + cacheRoot.resolve(entry.folder()) + ".";
    }

    private static Set<String> folderNames(CatalogueEntry entry) {
        Set<String> names = new LinkedHashSet<>();
        names.add(entry.folder());
        names.add(entry.name());
        names.addAll(entry.aliases());
        return names;
    }

    private static Path cacheRoot(Map<String, String> settings) {
        String explicit = blankToNull(settings.get(PROP_CACHE));
        if (explicit != null) {
            return Path.of(explicit).resolve("corpora");
        }
        String xdg = blankToNull(settings.get(ENV_XDG_CACHE));
        Path base = xdg != null ? Path.of(xdg) : Path.of(settings.getOrDefault("user.home", ""), ".cache");
        return base.resolve("tunesmith").resolve("corpora");
    }

    /** Lower-case hex SHA-256 of a file's bytes. */
    static String sha256(Path file) throws IOException {
        MessageDigest md = newSha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }


    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static void putIfSet(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
