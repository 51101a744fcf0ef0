package tunesmith.encode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Debian's abc2midi as a strict checker of ABC text ({@code abc2midi FILE -c}), for the tests of the sampling rules. */
final class Abc2midi {

    private Abc2midi() {}

    /** A warning that a bar, as abc2midi plays the tune (repeats unfolded), is not its meter's length. */
    private static final Pattern BAR_WARNING = Pattern.compile("Track \\d+ Bar \\d+ has .* time units while the time signature has .*");

    /** abc2midi on PATH, or null. */
    static Path onPath() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, "abc2midi");
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** The tunes abc2midi does not pass strictly (a line with "Error", or a bar of the wrong length): each with abc2midi's complaint. */
    static List<String> failures(Path abc2midi, Path dir, List<String> tunes) throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tunes.size(); i++) {
            Path in = dir.resolve("tune" + i + ".abc");
            Files.writeString(in, tunes.get(i), StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(abc2midi.toString(), in.toString(), "-c").directory(dir.toFile()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) { p.destroyForcibly(); log += "\n(timed out) Error"; }
            List<String> bad = log.lines().filter(l -> l.contains("Error") || BAR_WARNING.matcher(l).find()).toList();
            if (!bad.isEmpty()) out.add(String.join("\n", bad) + "\n" + tunes.get(i));
        }
        return out;
    }
}
