package tunesmith.encode;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tunesmith.TestCorpora;
import tunesmith.corpus.Corpus;
import tunesmith.notation.AbcWriter;
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

    /** The tune with every tie dropped whose next written note or rest (chords by their top note) is not the same pitch. */
    static Tune withoutTiesToOtherPitches(Tune tune) {
        List<tunesmith.music.Bar> bars = new java.util.ArrayList<>(tune.melodyVoice().bars());
        int tb = -1, ti = -1;
        for (int i = 0; i <= bars.size(); i++) {
            List<tunesmith.music.Element> es = i < bars.size() ? bars.get(i).elements() : List.of();
            for (int j = 0; j < es.size() || (i == bars.size() && j == 0); j++) {
                tunesmith.music.Element e = i < bars.size() ? es.get(j) : null;
                Integer midi = e instanceof tunesmith.music.Note n ? Integer.valueOf(n.pitch().midi())
                        : e instanceof tunesmith.music.Chord ch ? Integer.valueOf(ch.top().pitch().midi()) : null;
                boolean sounds = e == null || e instanceof tunesmith.music.Note || e instanceof tunesmith.music.Chord || e instanceof tunesmith.music.Rest;
                if (!sounds) continue;
                if (tb >= 0) {
                    tunesmith.music.Element from = bars.get(tb).elements().get(ti);
                    int fromMidi = from instanceof tunesmith.music.Note n ? n.pitch().midi() : ((tunesmith.music.Chord) from).top().pitch().midi();
                    if (midi == null || midi != fromMidi) {
                        List<tunesmith.music.Element> fix = new java.util.ArrayList<>(bars.get(tb).elements());
                        fix.set(ti, from instanceof tunesmith.music.Note n ? new tunesmith.music.Note(n.pitch(), n.written(), n.duration(), false)
                                : new tunesmith.music.Chord(((tunesmith.music.Chord) from).notes().stream().map(x -> new tunesmith.music.Note(x.pitch(), x.written(), x.duration(), false)).toList(),
                                        from.duration(), false));
                        bars.set(tb, bars.get(tb).withElements(fix));
                    }
                    tb = -1;
                }
                boolean tied = e instanceof tunesmith.music.Note n ? n.tied() : e instanceof tunesmith.music.Chord ch && (ch.tied() || ch.top().tied());
                if (tied) { tb = i; ti = j; }
                if (e == null) break;
            }
        }
        return tune.withVoices(List.of(tune.melodyVoice().withBars(bars)));
    }
}
