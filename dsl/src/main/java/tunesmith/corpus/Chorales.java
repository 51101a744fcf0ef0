package tunesmith.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSB chorales of {@code Jsb16thSeparated.json} in their standard split (Boulanger-Lewandowski
 * 2012: 229 train, 76 valid, 77 test). Each 16th-note step holds four MIDI pitches, soprano,
 * alto, tenor and bass, -1 for silence.
 */
public record Chorales(List<Chorale> train, List<Chorale> valid, List<Chorale> test) {

    public static final List<String> SPLITS = JsbJson.SPLITS;

    public Chorales {
        train = List.copyOf(train);
        valid = List.copyOf(valid);
        test = List.copyOf(test);
    }

    /** Reads the 4-voice 16th-grid JSON ({@link JsbJson}). A malformed file is refused with what was wrong and where. */
    public static Chorales read(Path json) {
        List<List<List<int[]>>> parts = JsbJson.read(json, "Jsb16thSeparated.json of czhuang/JSB-Chorales-dataset", (p, where) -> {
            if (p.length != 4) throw new CorpusException(where + " has " + p.length + " pitches (expected 4: soprano, alto, tenor, bass)");
            for (int v = 0; v < 4; v++)
                if (p[v] != -1 && (p[v] < 0 || p[v] > 127))
                    throw new CorpusException(where + " voice " + v + " has pitch " + p[v] + " (expected a MIDI number 0-127 or -1)");
            return p;
        });
        List<List<Chorale>> out = new ArrayList<>();
        for (int s = 0; s < SPLITS.size(); s++) {
            List<Chorale> chorales = new ArrayList<>();
            List<List<int[]>> split = parts.get(s);
            for (int i = 0; i < split.size(); i++) chorales.add(new Chorale(SPLITS.get(s), i + 1, split.get(i).toArray(new int[0][])));
            out.add(chorales);
        }
        return new Chorales(out.get(0), out.get(1), out.get(2));
    }

    public List<Chorale> split(String name) {
        return switch (name) {
            case "train" -> train;
            case "valid" -> valid;
            case "test" -> test;
            default -> throw new IllegalArgumentException("Unknown split '" + name + "' (expected train, valid or test)");
        };
    }

    /** Notes of a melody's opening that identify it ({@link Chorale#melodyOpening}). */
    public static final int MELODY_OPENING = 12;

    /**
     * The test chorales whose melody is not a training chorale's: the standard split puts 18 of the
     * 77 test chorales on a melody that opens (first {@value #MELODY_OPENING} notes, in any key) as a
     * training chorale does (Bach harmonized many chorale melodies more than once), 2 on the very
     * same soprano. Figures on these 59 measure harmonizing melodies never seen.
     */
    public List<Chorale> unseenTest() {
        java.util.Set<List<Integer>> seen = new java.util.HashSet<>();
        for (Chorale c : train) seen.add(c.melodyOpening(MELODY_OPENING));
        return test.stream().filter(c -> !seen.contains(c.melodyOpening(MELODY_OPENING))).toList();
    }

    /** All chorales as 4-voice tunes, train then valid then test. */
    public Corpus all() {
        List<tunesmith.music.Tune> tunes = new ArrayList<>();
        for (String s : SPLITS) for (Chorale c : split(s)) tunes.add(c.tune());
        return Corpus.of("jsb", tunes);
    }

    /** The standard split as corpora of 4-voice tunes. */
    public Corpus.Split corpora() {
        return new Corpus.Split(corpus("train"), corpus("valid"), corpus("test"));
    }

    /** The soprano lines (the chorale melodies) in the standard split, one-voice tunes in 4/4. */
    public Corpus.Split sopranos() {
        return new Corpus.Split(sopranos("train"), sopranos("valid"), sopranos("test"));
    }

    private Corpus sopranos(String s) {
        return Corpus.of("jsb-soprano:" + s, split(s).stream().map(Chorale::soprano).toList());
    }

    private Corpus corpus(String s) {
        return Corpus.of("jsb:" + s, split(s).stream().map(Chorale::tune).toList());
    }

    @Override
    public String toString() {
        return "JSB chorales: train " + train.size() + ", valid " + valid.size() + ", test " + test.size();
    }
}
