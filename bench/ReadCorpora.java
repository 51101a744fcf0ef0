import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import tunesmith.notation.AbcReader;
import tunesmith.notation.Tunebook;

/**
 * Benchmark: "Reading all ~12,600 tunes takes under 3 s on one core after warm-up."
 *
 * <p>Reads the four ABC corpora (O'Neill's, Ryan's Mammoth, Essen, Nottingham) into memory,
 * then parses them with {@link AbcReader#read(String, String)}: 5 warm-up passes, 10 timed passes,
 * min and median in seconds and tunes per second. Then the same from disk ({@link AbcReader#read(Path)},
 * file I/O and decoding included), 3 timed passes. Run it with {@code bench/read-corpora.sh}, which
 * builds the dsl module and pins the JVM to one core.
 *
 * <p>Usage: {@code java -cp <dsl classes and dependencies> bench/ReadCorpora.java <corpora folder> [warmup] [passes]}
 */
public class ReadCorpora {

    static final List<String> CORPORA = List.of("oneills1850", "ryans-mammoth", "essen", "nottingham");
    static final double TARGET_SECONDS = 3.0;
    /** CPU time of the whole JVM (parsing thread, GC and JIT): on a busy machine it shows what the reader costs. */
    static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    record Source(Path path, String text) {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : System.getenv().getOrDefault("TUNESMITH_CORPORA", "../shared/corpora"));
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 10;

        List<Source> sources = new ArrayList<>();
        long bytes = 0, t0 = System.nanoTime();
        for (String corpus : CORPORA) {
            Path dir = root.resolve(corpus);
            if (!Files.isDirectory(dir)) throw new IllegalArgumentException("No corpus folder " + dir + " (pass the corpora folder, or set TUNESMITH_CORPORA)");
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".abc")).sorted().toList()) {
                    byte[] b = Files.readAllBytes(p);
                    bytes += b.length;
                    sources.add(new Source(p, decode(b)));
                }
            }
        }
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "Corpora: %s (%d files, %.1f MB) loaded into memory in %.2f s%n",
                root.toAbsolutePath().normalize(), sources.size(), bytes / 1e6, loadSeconds);
        System.out.printf(Locale.ROOT, "JVM: %s %s, %d available processor(s), max heap %d MB%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        // in memory: parsing only
        int tunes = 0;
        for (int i = 0; i < warmup; i++) {
            long s = System.nanoTime();
            tunes = readAll(sources);
            System.out.printf(Locale.ROOT, "  warm-up %d: %.3f s%n", i + 1, (System.nanoTime() - s) / 1e9);
        }
        double[] times = new double[passes], cpu = new double[passes];
        for (int i = 0; i < passes; i++) {
            long c = OS.getProcessCpuTime(), s = System.nanoTime();
            int n = readAll(sources);
            times[i] = (System.nanoTime() - s) / 1e9;
            cpu[i] = (OS.getProcessCpuTime() - c) / 1e9;
            if (n != tunes) throw new IllegalStateException("pass " + i + " read " + n + " tunes, earlier passes " + tunes);
        }
        report("in memory (parse only), wall", tunes, times);
        report("in memory (parse only), JVM CPU", tunes, cpu);

        // from disk: file I/O, decoding and parsing
        double[] disk = new double[3], diskCpu = new double[3];
        for (int i = 0; i < disk.length; i++) {
            long c = OS.getProcessCpuTime(), s = System.nanoTime();
            int n = 0;
            for (Source src : sources) n += AbcReader.read(src.path()).size();
            disk[i] = (System.nanoTime() - s) / 1e9;
            diskCpu[i] = (OS.getProcessCpuTime() - c) / 1e9;
            if (n != tunes) throw new IllegalStateException("from disk read " + n + " tunes, in memory " + tunes);
        }
        report("from disk (I/O+decode+parse), wall", tunes, disk);
        report("from disk (I/O+decode+parse), JVM CPU", tunes, diskCpu);

        // wall time is what the claim is about; on a busy machine the JVM's CPU time shows what the reader costs
        double median = median(times);
        System.out.printf(Locale.ROOT, "%s: median %.3f s wall (%.3f s JVM CPU) for %d tunes on one core (target < %.1f s)%n",
                median < TARGET_SECONDS ? "PASS" : "FAIL", median, median(cpu), tunes, TARGET_SECONDS);
        if (median >= TARGET_SECONDS) System.exit(1);
    }

    static int readAll(List<Source> sources) {
        int n = 0;
        for (Source s : sources) {
            Tunebook b = AbcReader.read(s.text(), s.path().toString());
            n += b.size();
        }
        return n;
    }

    static void report(String what, int tunes, double[] times) {
        double min = Arrays.stream(times).min().orElseThrow(), median = median(times);
        System.out.printf(Locale.ROOT, "%-38s %2d passes: min %.3f s, median %.3f s, max %.3f s; %,.0f tunes/s (median), %d tunes%n",
                what, times.length, min, median, Arrays.stream(times).max().orElseThrow(), tunes / median, tunes);
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** As the reader decodes files. */
    static String decode(byte[] bytes) { return tunesmith.notation.AbcReader.decode(bytes); }
}
