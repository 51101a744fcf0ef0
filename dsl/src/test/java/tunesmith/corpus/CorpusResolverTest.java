package tunesmith.corpus;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.corpus.CatalogueEntry.CorpusFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Resolution order, cache verification and downloads, against a loopback HTTP server only. */
class CorpusResolverTest {

    private static final byte[] TUNE_A = "X:1\nT:A\nK:D\nABcd|\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TUNE_B = "X:1\nT:B\nK:G\nGABc|\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    // A two-file corpus whose canonical URLs point at a host that does not exist: only the
    // tunesmith.download.base rewrite to the loopback server can reach them.
    private final CatalogueEntry demo = new CatalogueEntry("demo", List.of("demo-corpus"), "Demo", "two tunes",
            "abc", 2, null, "public domain", null, "demo-folder", false, List.of(
            new CorpusFile("a.abc", URI.create("https://corpora.invalid/owner/repo/0123abcd/data/a.abc"), sha(TUNE_A), TUNE_A.length),
            new CorpusFile("sub/b.abc", URI.create("https://corpora.invalid/owner/repo/0123abcd/data/b.abc"), sha(TUNE_B), TUNE_B.length)));
    private final Catalogue catalogue = new Catalogue(List.of(demo));

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = served.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    // ------------------------------------------------------------------ order

    @Test
    void propertyBeatsEnvironment() throws IOException {
        Path fromEnv = layout(tmp.resolve("env"), "demo-folder");
        Path fromProp = layout(tmp.resolve("prop"), "demo-folder");
        Map<String, String> settings = settings(Map.of(
                CorpusResolver.ENV_CORPORA, fromEnv.toString(),
                CorpusResolver.PROP_CORPORA, fromProp.toString()));
        assertEquals(fromProp.resolve("demo-folder"), resolver(settings).resolve("demo"));
    }

    @Test
    void environmentIsUsedWithoutProperty() throws IOException {
        Path fromEnv = layout(tmp.resolve("env"), "demo-folder");
        Map<String, String> settings = settings(Map.of(CorpusResolver.ENV_CORPORA, fromEnv.toString()));
        assertEquals(fromEnv.resolve("demo-folder"), resolver(settings).resolve("DEMO"));
    }

    @Test
    void folderMayBeNamedByAlias() throws IOException {
        Path dir = layout(tmp.resolve("mine"), "demo-corpus");
        Map<String, String> settings = settings(Map.of(CorpusResolver.ENV_CORPORA, dir.toString()));
        assertEquals(dir.resolve("demo-corpus"), resolver(settings).resolve("demo"));
    }

    @Test
    void incompleteCorporaFolderFallsThroughToTheCache() throws IOException {
        Path dir = tmp.resolve("partial");
        Files.createDirectories(dir.resolve("demo-folder"));
        Files.write(dir.resolve("demo-folder/a.abc"), TUNE_A);
        Path cache = layout(tmp.resolve("cache/corpora"), "demo-folder");
        Map<String, String> settings = settings(Map.of(
                CorpusResolver.ENV_CORPORA, dir.toString(),
                CorpusResolver.PROP_OFFLINE, "true"));
        assertEquals(cache.resolve("demo-folder"), resolver(settings).resolve("demo"));
    }

    @Test
    void completeCacheIsVerifiedOnceAndUsedWithoutNetwork() throws IOException {
        Path cached = layout(tmp.resolve("cache/corpora"), "demo-folder").resolve("demo-folder");
        Map<String, String> settings = settings(Map.of(CorpusResolver.PROP_OFFLINE, "true"));
        assertEquals(cached, resolver(settings).resolve("demo"));
        assertEquals(CorpusResolver.fingerprint(demo), Files.readString(cached.resolve(CorpusResolver.MARKER)).strip());

        // Verified once: with the marker in place the files are not hashed again.
        Files.writeString(cached.resolve("a.abc"), "changed after verification");
        assertEquals(cached, resolver(settings).resolve("demo"));
        assertEquals(0, requests.get());
    }

    @Test
    void cachedFileWithWrongHashIsDiscardedAndFetchedAgain() throws IOException {
        Path cached = layout(tmp.resolve("cache/corpora"), "demo-folder").resolve("demo-folder");
        Files.writeString(cached.resolve("a.abc"), "corrupt");
        serveDemo();
        assertEquals(cached, resolver(settings(Map.of())).resolve("demo"));
        assertTrue(Arrays.equals(TUNE_A, Files.readAllBytes(cached.resolve("a.abc"))));
        assertEquals(1, requests.get(), "only the bad file is fetched");
    }

    // ------------------------------------------------------------------ download

    @Test
    void downloadsIntoTheCacheFromTheRewrittenBase() throws IOException {
        serveDemo();
        CorpusResolver resolver = resolver(settings(Map.of()));
        Path dir = resolver.resolve("demo");

        assertEquals(tmp.resolve("cache/corpora/demo-folder"), dir);
        assertTrue(Arrays.equals(TUNE_A, Files.readAllBytes(dir.resolve("a.abc"))));
        assertTrue(Arrays.equals(TUNE_B, Files.readAllBytes(dir.resolve("sub/b.abc"))));
        assertEquals(sha(TUNE_A), CorpusResolver.sha256(dir.resolve("a.abc")));
        assertTrue(Files.isRegularFile(dir.resolve(CorpusResolver.MARKER)));
        assertEquals(List.of(), leftovers(dir));
        assertEquals(2, requests.get());

        assertEquals(dir, resolver.resolve("demo"));
        assertEquals(2, requests.get(), "a complete cache is not downloaded again");
        String progress = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("file 2/2"), progress);
        assertTrue(progress.contains("100%"), progress);
        assertFalse(progress.contains("\r"), "plain lines when not a terminal: " + progress);
    }

    @Test
    void progressRedrawsOneLineOnATerminal() {
        serveDemo();
        new CorpusResolver(catalogue, settings(Map.of()), log, true).resolve("demo");
        String progress = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("\rdemo ["), progress);
        assertTrue(progress.contains("file 1/2 a.abc"), progress);
        assertTrue(progress.contains("file 2/2 sub/b.abc"), progress);
    }

    @Test
    void wrongHashFailsNamingExpectedAndActualAndKeepsNothing() throws IOException {
        byte[] tampered = "X:1\nT:Not what the catalogue says\n".getBytes(StandardCharsets.UTF_8);
        served.put("/owner/repo/0123abcd/data/a.abc", tampered);
        served.put("/owner/repo/0123abcd/data/b.abc", TUNE_B);

        CorpusException e = assertThrows(CorpusException.class, () -> resolver(settings(Map.of())).resolve("demo"));

        String url = base() + "/owner/repo/0123abcd/data/a.abc";
        assertTrue(e.getMessage().contains("a.abc"), e.getMessage());
        assertTrue(e.getMessage().contains(url), e.getMessage());
        assertTrue(e.getMessage().contains("expected sha256 " + sha(TUNE_A)), e.getMessage());
        assertTrue(e.getMessage().contains("but got " + sha(tampered)), e.getMessage());
        Path dir = tmp.resolve("cache/corpora/demo-folder");
        assertFalse(Files.exists(dir.resolve("a.abc")), "bad file not kept");
        assertEquals(List.of(), leftovers(dir), "no temporary files left");
        assertFalse(Files.exists(dir.resolve(CorpusResolver.MARKER)));
    }

    @Test
    void httpErrorNamesTheUrlAndStatus() {
        CorpusException e = assertThrows(CorpusException.class, () -> resolver(settings(Map.of())).resolve("demo"));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains(base() + "/owner/repo/0123abcd/data/a.abc"), e.getMessage());
    }

    @Test
    void offlineModeSaysWhereItLookedAndWhatToDo() {
        serveDemo();
        Map<String, String> settings = settings(Map.of(CorpusResolver.PROP_OFFLINE, "true"));
        CorpusException e = assertThrows(CorpusException.class, () -> resolver(settings).resolve("demo"));
        String m = e.getMessage();
        assertTrue(m.contains("Corpus 'demo' is not available locally and downloads are disabled"), m);
        assertTrue(m.contains("TUNESMITH_CORPORA / -Dtunesmith.corpora: not set"), m);
        assertTrue(m.contains(tmp.resolve("cache/corpora/demo-folder") + " (cache): 2 of 2 files missing"), m);
        assertTrue(m.contains("set TUNESMITH_CORPORA (or -Dtunesmith.corpora) to a folder that contains demo-folder/"), m);
        assertTrue(m.contains("allow downloads"), m);
        assertEquals(0, requests.get(), "offline means no network");
    }

    @Test
    void offlineModeMentionsAMissingCorporaFolder() {
        Map<String, String> settings = settings(Map.of(
                CorpusResolver.ENV_CORPORA, tmp.resolve("nowhere").toString(),
                CorpusResolver.PROP_OFFLINE, "true"));
        CorpusException e = assertThrows(CorpusException.class, () -> resolver(settings).resolve("demo"));
        assertTrue(e.getMessage().contains(tmp.resolve("nowhere/demo-folder") + " ($TUNESMITH_CORPORA): no such folder"),
                e.getMessage());
    }

    @Test
    void downloadBaseReplacesSchemeAndHostOnly() {
        CorpusResolver r = resolver(settings(Map.of(CorpusResolver.PROP_DOWNLOAD_BASE, "http://127.0.0.1:9/mirror/")));
        assertEquals(URI.create("http://127.0.0.1:9/mirror/o/r/abc/x%20y.abc?raw=1"),
                r.downloadUri(URI.create("https://raw.githubusercontent.com/o/r/abc/x%20y.abc?raw=1")));
    }

    @Test
    void cacheDefaultsToXdgThenHome() {
        Map<String, String> xdg = Map.of("XDG_CACHE_HOME", "/x/cache", "user.home", "/home/u");
        assertEquals(Path.of("/x/cache/tunesmith/corpora"), new CorpusResolver(catalogue, xdg).cacheRoot());
        assertEquals(Path.of("/home/u/.cache/tunesmith/corpora"),
                new CorpusResolver(catalogue, Map.of("user.home", "/home/u")).cacheRoot());
    }

    // ------------------------------------------------------------------ built-in

    @Test
    void builtinCorpusIsFoundUnderTheProjectRoot() throws IOException {
        CatalogueEntry extra = new CatalogueEntry("extra", List.of(), "Extra", "", "abc", 0, null, "x", null, null, true, null);
        Path file = tmp.resolve("checkout/corpora/extra.abc");
        Files.createDirectories(file.getParent());
        Files.write(file, TUNE_A);
        CorpusResolver r = new CorpusResolver(new Catalogue(List.of(extra)),
                settings(Map.of(CorpusResolver.PROP_ROOT, tmp.resolve("checkout").toString())), log, false);
        assertEquals(file, r.resolve("extra"));
    }

    @Test
    void builtinCorpusIsFoundFromASubfolderOfTheCheckout() throws IOException {
        CatalogueEntry extra = new CatalogueEntry("extra", List.of(), "Extra", "", "abc", 0, null, "x", null, null, true, null);
        Path file = tmp.resolve("checkout/corpora/extra.abc");
        Files.createDirectories(file.getParent());
        Files.write(file, TUNE_A);
        Path sub = Files.createDirectories(tmp.resolve("checkout/dsl/src"));
        CorpusResolver r = new CorpusResolver(new Catalogue(List.of(extra)),
                settings(Map.of("user.dir", sub.toString())), log, false);
        assertEquals(file, r.resolve("extra"));
    }

    @Test
    void missingBuiltinCorpusExplainsWhereItLooked() {
        CatalogueEntry extra = new CatalogueEntry("extra", List.of(), "Extra", "", "abc", 0, null, "x", null, null, true, null);
        CorpusResolver r = new CorpusResolver(new Catalogue(List.of(extra)),
                settings(Map.of(CorpusResolver.PROP_ROOT, tmp.toString())), log, false);
        CorpusException e = assertThrows(CorpusException.class, () -> r.resolve("extra"));
        assertTrue(e.getMessage().contains(tmp.resolve("corpora/extra.abc").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("classpath /tunesmith/corpora/extra.abc"), e.getMessage());
    }

    @Test
    void starterResolvesToTheRepositoryFile() {
        String root = System.getProperty(CorpusResolver.PROP_ROOT);
        assumeTrue(root != null, "tunesmith.root is set by the Maven build");
        Path starter = Path.of(root, "corpora", "starter.abc").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(starter), "corpora/starter.abc is not written yet");
        assertEquals(starter, new CorpusResolver().resolve("starter"));
    }

    // ------------------------------------------------------------------ helpers

    private CorpusResolver resolver(Map<String, String> settings) {
        return new CorpusResolver(catalogue, settings, log, false);
    }

    /** Settings isolated in the temp folder: cache there, downloads to the loopback server. */
    private Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> s = new HashMap<>();
        s.put(CorpusResolver.PROP_CACHE, tmp.resolve("cache").toString());
        s.put(CorpusResolver.PROP_DOWNLOAD_BASE, base());
        s.put("user.home", tmp.resolve("home").toString());
        s.put("user.dir", tmp.toString());
        s.putAll(extra);
        return s;
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void serveDemo() {
        served.put("/owner/repo/0123abcd/data/a.abc", TUNE_A);
        served.put("/owner/repo/0123abcd/data/b.abc", TUNE_B);
    }

    /** Lays out the demo corpus under {@code parent/folder}; returns parent. */
    private static Path layout(Path parent, String folder) throws IOException {
        Path dir = parent.resolve(folder);
        Files.createDirectories(dir.resolve("sub"));
        Files.write(dir.resolve("a.abc"), TUNE_A);
        Files.write(dir.resolve("sub/b.abc"), TUNE_B);
        return parent;
    }

    private static List<String> leftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")).toList();
        }
    }

    private static String sha(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
