package tunesmith.encode;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tunesmith.TestCorpora;
import tunesmith.corpus.Corpus;
import tunesmith.abc.AbcWriter;
import tunesmith.music.Bar;
import tunesmith.music.NoteEvent;
import tunesmith.music.Tune;

/** Shared by the encoding tests: readable differences between tunes and melodies. */
final class EncodeTestSupport {

    private EncodeTestSupport() {}

    private static final Map<String, Corpus> CORPORA = new ConcurrentHashMap<>();

    /** A corpus of the shared mirror by folder name, read once per test run (the test is skipped without $TUNESMITH_CORPORA). */
    static Corpus corpus(String folder) {
        var path = TestCorpora.folder(folder);
        return CORPORA.computeIfAbsent(folder, f -> Corpus.load(path).renamed(f));
    }

    /** The starter tunebook of the repository (no corpora mirror needed). */
    static Corpus starter() {
        return CORPORA.computeIfAbsent("starter", f -> Corpus.load(TestCorpora.repo().resolve("corpora/starter.abc")).renamed("starter"));
    }

    /** Where two tunes first differ: fields, then the first differing bar and element, then the first differing ABC line. */
    static String diff(Tune expected, Tune actual) {
        StringBuilder b = new StringBuilder();
        if (!expected.fields().equals(actual.fields()))
            b.append("  fields: expected ").append(expected.fields()).append("\n          actual   ").append(actual.fields()).append('\n');
        if (expected.voices().size() != actual.voices().size())
            b.append("  voices: expected ").append(expected.voices().size()).append(", actual ").append(actual.voices().size()).append('\n');
        List<Bar> eb = expected.melodyVoice().bars(), ab = actual.melodyVoice().bars();
        if (eb.size() != ab.size()) b.append("  bars: expected ").append(eb.size()).append(", actual ").append(ab.size()).append('\n');
        for (int i = 0; i < Math.min(eb.size(), ab.size()); i++) {
            if (eb.get(i).equals(ab.get(i))) continue;
            b.append("  bar ").append(i).append(":\n    expected ").append(eb.get(i)).append("\n    actual   ").append(ab.get(i)).append('\n');
            break;
        }
        String[] el = write(expected).split("\n"), al = write(actual).split("\n");
        for (int i = 0; i < Math.max(el.length, al.length); i++) {
            String x = i < el.length ? el[i] : "(end)", y = i < al.length ? al[i] : "(end)";
            if (!x.equals(y)) {
                b.append("  ABC line ").append(i + 1).append(":\n    expected ").append(x).append("\n    actual   ").append(y).append('\n');
                break;
            }
        }
        return b.toString();
    }

    static String write(Tune t) {
        try {
            return AbcWriter.write(t);
        } catch (RuntimeException e) {
            return "(writer threw " + e + ")";
        }
    }

    /** A melody as sounding notes: MIDI pitch, onset and length (spelling left out). */
    static List<String> sounding(List<NoteEvent> melody) {
        return melody.stream().map(e -> e.midi() + "@" + e.onset() + "+" + e.duration()).toList();
    }
}
