package tunesmith.notation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tunesmith.music.Bar;
import tunesmith.music.Tune;
import tunesmith.music.Voice;

/** Shared by the ABC tests: where the corpora are, and a readable diff of two tunes. */
final class AbcTestSupport {

    /** The four ABC corpora of the shared mirror (the JSB chorales are JSON, not ABC). */
    static final List<String> ABC_CORPORA = List.of("oneills1850", "ryans-mammoth", "essen", "nottingham");

    private AbcTestSupport() {}

    /**
     * The corpora folder: {@code -Dtunesmith.corpora}, else {@code $TUNESMITH_CORPORA} (as the
     * corpus resolver orders them), else the shared mirror next to the checkout.
     */
    static Optional<Path> corporaRoot() {
        List<String> candidates = new ArrayList<>();
        String prop = System.getProperty("tunesmith.corpora");
        if (prop != null && !prop.isBlank()) candidates.add(prop);
        String env = System.getenv("TUNESMITH_CORPORA");
        if (env != null && !env.isBlank()) candidates.add(env);
        String root = System.getProperty("tunesmith.root");
        if (root != null) candidates.add(root + "/../shared/corpora");
        candidates.add("../../shared/corpora");
        candidates.add("../shared/corpora");
        for (String c : candidates) {
            Path p = Path.of(c).toAbsolutePath().normalize();
            if (ABC_CORPORA.stream().allMatch(name -> Files.isDirectory(p.resolve(name)))) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** Every {@code .abc} file under a folder, in a stable order. */
    static List<Path> abcFiles(Path folder) {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().toLowerCase().endsWith(".abc"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where two tunes first differ: fields, voices, bars and elements, then the first differing line of their ABC. */
    static String diff(Tune expected, Tune actual) {
        StringBuilder b = new StringBuilder();
        if (!expected.fields().equals(actual.fields())) {
            b.append("  fields differ:\n    expected ").append(expected.fields()).append("\n    actual   ").append(actual.fields()).append('\n');
        }
        if (expected.voices().size() != actual.voices().size()) {
            b.append("  voices: expected ").append(expected.voices().size()).append(", actual ").append(actual.voices().size()).append('\n');
        }
        for (int v = 0; v < Math.min(expected.voices().size(), actual.voices().size()); v++) {
            Voice ev = expected.voices().get(v), av = actual.voices().get(v);
            if (ev.equals(av)) continue;
            if (!ev.id().equals(av.id()) || !ev.properties().equals(av.properties())) {
                b.append("  voice ").append(v).append(": expected V:").append(ev.id()).append(' ').append(ev.properties())
                        .append(", actual V:").append(av.id()).append(' ').append(av.properties()).append('\n');
            }
            List<Bar> eb = ev.bars(), ab = av.bars();
            if (eb.size() != ab.size()) b.append("  voice ").append(v).append(": expected ").append(eb.size()).append(" bars, actual ").append(ab.size()).append('\n');
            for (int i = 0; i < Math.min(eb.size(), ab.size()); i++) {
                if (eb.get(i).equals(ab.get(i))) continue;
                Bar x = eb.get(i), y = ab.get(i);
                b.append("  voice ").append(v).append(" bar ").append(i).append(" differs:\n");
                b.append("    expected ").append(barHead(x)).append("\n    actual   ").append(barHead(y)).append('\n');
                for (int k = 0; k < Math.max(x.elements().size(), y.elements().size()); k++) {
                    Object xe = k < x.elements().size() ? x.elements().get(k) : "(none)";
                    Object ye = k < y.elements().size() ? y.elements().get(k) : "(none)";
                    if (!xe.equals(ye)) {
                        b.append("    first differing element #").append(k).append(":\n      expected ").append(describe(xe))
                                .append("\n      actual   ").append(describe(ye)).append('\n');
                        break;
                    }
                }
                break;
            }
        }
        String ea = safeWrite(expected), aa = safeWrite(actual);
        String[] el = ea.split("\n", -1), al = aa.split("\n", -1);
        for (int i = 0; i < Math.max(el.length, al.length); i++) {
            String x = i < el.length ? el[i] : "(end)", y = i < al.length ? al[i] : "(end)";
            if (!x.equals(y)) {
                b.append("  ABC line ").append(i + 1).append(":\n    expected ").append(x).append("\n    actual   ").append(y).append('\n');
                break;
            }
        }
        return b.toString();
    }

    private static String barHead(Bar b) {
        return "{repeatStart=" + b.repeatStart() + ", ending=" + b.ending() + ", end=" + b.end() + ", repeatEnd=" + b.repeatEnd()
                + ", endsLine=" + b.endsLine() + ", lyrics=" + b.lyrics() + ", " + b.elements().size() + " elements}";
    }

    private static String describe(Object e) {
        if (e instanceof tunesmith.music.Note n) {
            return "Note[" + n.pitch() + ", written=" + n.written() + ", " + n.duration() + (n.tied() ? ", tied" : "") + "]";
        }
        return String.valueOf(e);
    }

    static String safeWrite(Tune t) {
        try {
            return AbcWriter.write(t);
        } catch (RuntimeException e) {
            return "(writer threw " + e + ")";
        }
    }

    /** Text with a line-number gutter, for printing a tune. */
    static String numbered(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.length; i++) b.append(String.format("%4d  %s%n", i + 1, lines[i]));
        return b.toString();
    }
}
