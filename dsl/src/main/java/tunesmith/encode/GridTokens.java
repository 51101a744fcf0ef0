package tunesmith.encode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tunesmith.corpus.Corpus;
import tunesmith.music.Key;
import tunesmith.music.Meter;
import tunesmith.music.Tune;

/**
 * A {@link MelodyGrid} as tokens for a next-step model: {@code <s>}, one token per 16th ("rest",
 * "hold" or the pitch of a note-on such as "D5"), {@code </s>}. The vocabulary is fixed by the
 * grid's range, so every split of every corpus shares it. Samples decode in the encoding's meter
 * (the grid itself has none) and in the key estimated from their notes.
 *
 * <p>Used for the JSB soprano lines ({@code chorales().sopranos().tokens(grid())}) and any
 * corpus of 16th-note melodies. Immutable.
 */
public final class GridTokens implements TuneEncoding {

    static final String SPEC_NAME = "grid-tokens";
    private static final String SPEC_VERSION = "v1";
    /** The chorales' meter; change it with {@link #meter} for a corpus in another. */
    public static final Meter DEFAULT_METER = Meter.parse("4/4");
    private static final GridTokens DEFAULT = new GridTokens(MelodyGrid.grid(), DEFAULT_METER, false);
    private static final String CHORDS = "chords";

    private final MelodyGrid grid;
    private final Meter meter;
    private final boolean chords;
    private final Vocabulary vocabulary;

    private GridTokens(MelodyGrid grid, Meter meter, boolean chords) {
        if (meter.isFree()) throw new IllegalArgumentException("grid tokens: meter " + meter + " has no bar length; give one such as 4/4 or 6/8");
        this.grid = grid;
        this.meter = meter;
        this.chords = chords;
        List<String> tokens = new ArrayList<>(Vocabulary.RESERVED);
        for (int c = 0; c < grid.classes(); c++) tokens.add(grid.label(c));
        this.vocabulary = Vocabulary.parse(String.join("\n", tokens) + "\n");
    }

    /** The default: {@link MelodyGrid#grid()} (MIDI 48..84), decoded in 4/4. */
    public static GridTokens grid() { return DEFAULT; }

    /** The same tokens over another grid (range, octave folding). */
    public GridTokens over(MelodyGrid g) { return new GridTokens(Objects.requireNonNull(g, "grid"), meter, chords); }

    /** Samples decode in this meter (e.g. "3/4"). */
    public GridTokens meter(String m) { return new GridTokens(grid, Meter.parse(m), chords); }

    /**
     * The same tokens with the chord sounding at every step beside them ({@link ChordInput}): a model
     * trained on them plays a melody over a given progression. Tunes without chord symbols are skipped.
     */
    public GridTokens withChords() { return new GridTokens(grid, meter, true); }

    /** Whether the tokens come with their chords. */
    public boolean hasChords() { return chords; }

    @Override
    public int conditionWidth() { return chords ? ChordInput.WIDTH : 0; }

    /**
     * The chord columns of a tune's input steps ({@code <s>} and every grid step; the last predicts
     * {@code </s>} and hears no chord), from its chord symbols as performed.
     */
    public int[] conditions(Tune tune, int steps) {
        int[] grid = ChordInput.steps(tunesmith.music.Progression.of(tune), steps);
        int[] out = java.util.Arrays.copyOf(grid, steps + 1);
        out[steps] = ChordInput.NO_CHORD;
        return out;
    }

    public MelodyGrid melodyGrid() { return grid; }

    public Meter decodingMeter() { return meter; }

    @Override
    public Optional<Vocabulary> vocabulary() { return Optional.of(vocabulary); }

    /** The vocabulary is the grid's; giving another is an error (a model saved with this grid has exactly it). */
    @Override
    public GridTokens withVocabulary(Vocabulary v) {
        if (!vocabulary.equals(v))
            throw new IllegalArgumentException("grid tokens: the vocabulary (" + v.size() + " tokens) is not this grid's ("
                    + vocabulary.size() + " tokens for " + grid + "); the grid fixes its vocabulary");
        return this;
    }

    @Override
    public String spec() { return SPEC_NAME + " " + SPEC_VERSION + " meter=" + meter + (chords ? " " + CHORDS : "") + " | " + grid.spec(); }

    /** Reads {@link #spec()}. */
    public static GridTokens fromSpec(String spec) {
        String s = spec == null ? "" : spec.strip();
        String[] parts = s.split("\\|", 2);
        String[] w = parts[0].strip().split("\\s+");
        if (parts.length != 2 || w.length < 3 || w.length > 4 || !w[0].equals(SPEC_NAME) || !w[1].equals(SPEC_VERSION) || !w[2].startsWith("meter=")
                || (w.length == 4 && !w[3].equals(CHORDS)))
            throw new IllegalArgumentException("Not a grid token spec: '" + s + "' (expected e.g. '" + DEFAULT.spec() + "', with '" + CHORDS + "' after the meter for chords)");
        return new GridTokens(MelodyGrid.fromSpec(parts[1]), Meter.parse(w[2].substring("meter=".length())), w.length == 4);
    }

    @Override
    public int[] encode(Tune tune) { return wrap(grid.encode(tune)); }

    private static int[] wrap(int[] steps) {
        int[] out = new int[steps.length + 2];
        out[0] = Vocabulary.START_INDEX;
        for (int i = 0; i < steps.length; i++) out[i + 1] = steps[i] + Vocabulary.RESERVED.size();
        out[out.length - 1] = Vocabulary.END_INDEX;
        return out;
    }

    @Override
    public String text(int[] tokens) { return String.join(" ", vocabulary.tokens(tokens)); }

    /**
     * The steps between {@code <s>} and {@code </s>} as a one-voice tune in {@link #decodingMeter()}
     * and the key {@link Key#estimate estimated} from its notes (the last note deciding minor).
     */
    @Override
    public Tune decode(int[] tokens) {
        int from = tokens.length > 0 && tokens[0] == Vocabulary.START_INDEX ? 1 : 0;
        int to = tokens.length > from && tokens[tokens.length - 1] == Vocabulary.END_INDEX ? tokens.length - 1 : tokens.length;
        int[] steps = new int[to - from];
        for (int i = from; i < to; i++) {
            int c = tokens[i] - Vocabulary.RESERVED.size();
            if (c < 0 || c >= grid.classes())
                throw new EncodingException("decode: token " + tokens[i] + " ('" + (tokens[i] >= 0 && tokens[i] < vocabulary.size() ? vocabulary.token(tokens[i]) : "?")
                        + "') at position " + i + " is not a grid step (expected rest, hold or a note-on)");
            steps[i - from] = c;
        }
        if (steps.length == 0) throw new EncodingException("decode: no steps between <s> and </s> (an empty melody)");
        int[] pitch = grid.pitches(steps);
        double[] weight = new double[12];
        int last = -1;
        for (int p : pitch) if (p >= 0) { weight[p % 12]++; last = p % 12; }
        return grid.decode(steps, meter, Key.estimate(weight, last));
    }

    /** Every tune on the grid, in order; tunes off it (triplets, out of range) are skipped with the reason. */
    @Override
    public TokenCorpus encode(Corpus corpus) {
        List<TokenCorpus.Sequence> entries = new ArrayList<>();
        List<int[]> out = new ArrayList<>();
        List<TokenCorpus.Skipped> skipped = new ArrayList<>();
        List<int[]> conds = chords ? new ArrayList<>() : null;
        List<Tune> tunes = corpus.tunes();
        for (int i = 0; i < tunes.size(); i++) {
            Tune t = tunes.get(i);
            try {
                int[] tokens = encode(t);
                if (chords) {
                    if (t.meter().isFree() || !tunesmith.music.Progression.of(t).hasChords())
                        throw new EncodingException(AbcTokens.describe(t) + ": no chord symbols to play over");
                    conds.add(conditions(t, tokens.length - 2));
                }
                out.add(tokens);
                entries.add(new TokenCorpus.Sequence(t.title(), i, 0));
            } catch (EncodingException e) {
                skipped.add(new TokenCorpus.Skipped(AbcTokens.describe(t), 0, e.getMessage()));
            }
        }
        return new TokenCorpus(corpus.name(), entries, out, vocabulary, this, skipped, Map.of(), corpus.duplicates().groups(), conds);
    }

    @Override
    public boolean equals(Object o) { return o instanceof GridTokens g && g.grid.equals(grid) && g.meter.equals(meter) && g.chords == chords; }

    @Override
    public int hashCode() { return Objects.hash(grid, meter, chords); }

    @Override
    public String toString() { return "grid tokens: " + grid + ", " + vocabulary.size() + " tokens, decoded in " + meter + (chords ? ", with the chord sounding at every step" : ""); }
}
