package tunesmith.model;

import tunesmith.modelfile.ModelFileException;

import tunesmith.train.TrainingEvent;
import tunesmith.train.Training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tunesmith.corpus.Chorale;
import tunesmith.corpus.Chorales;
import tunesmith.encode.EncodingException;
import tunesmith.encode.MelodyGrid;
import tunesmith.music.Duration;
import tunesmith.music.Field;
import tunesmith.music.Key;
import tunesmith.music.Meter;
import tunesmith.music.NoteEvent;
import tunesmith.music.Tune;
import tunesmith.music.Voice;

/**
 * Bach's lower voices under a soprano: an RNN whose output is not its input. For each of alto,
 * tenor and bass a bidirectional LSTM reads the whole soprano line on the 16th grid (with the
 * position in the bar) and gives that voice's class at every step: rest, hold, or a note-on of a
 * pitch in the voice's range. Trained on the JSB chorales' train split
 * ({@code lstm().layers(2).units(64).trainCounterpoint(chorales(), epochs(10))});
 * {@link #harmonize} sets any 16th-note melody for four voices.
 */
public final class Counterpoint {

    public static final List<String> VOICES = List.of("alto", "tenor", "bass");

    /** The soprano as input, folded by octaves into range (user melodies may sit anywhere). */
    static final MelodyGrid SOPRANO = MelodyGrid.grid().range(55, 84).octaveFold();

    /** Ranges a little wider than Bach's in the JSB data (alto 52-74, tenor 46-69, bass 36-66). */
    static final List<MelodyGrid> GRIDS = List.of(MelodyGrid.grid().range(48, 77), MelodyGrid.grid().range(41, 72), MelodyGrid.grid().range(31, 67));

    /** Position-in-bar classes: 16 sixteenths of a 4/4 bar (longer bars wrap). */
    static final int POSITIONS = 16;

    /** Where a melody is put before harmonizing: its mean pitch an octave step from Bach's soprano mean (about A4-Bb4). */
    static final double SOPRANO_MEAN = 69.5;

    private static final String KIND = "counterpoint/bi-lstm";

    private final List<NetworkState> voices;

    private Counterpoint(List<NetworkState> voices) { this.voices = List.copyOf(voices); }

    static Counterpoint train(LstmConfig config, Chorales chorales, Training plan) {
        LstmConfig c = config.withEmbedding(0).withTbptt(0);
        List<NetworkState> out = new ArrayList<>();
        for (int v = 0; v < VOICES.size(); v++) {
            Task.Labels task = task(chorales.train(), chorales.valid(), v);
            NetworkState s = new NetworkState(KIND, c, Networks.labeller(c, task.inputs(), task.outputs()), History.EMPTY,
                    Map.of("voice", VOICES.get(v)));
            out.add(NetworkLearner.train(s, task, plan));
            if (Thread.currentThread().isInterrupted()) break;
        }
        if (out.size() < VOICES.size())
            throw new IllegalStateException("counterpoint training was interrupted after the " + VOICES.get(out.size() - 1)
                    + "; train again to have all three voices");
        return new Counterpoint(out);
    }

    private static Task.Labels task(List<Chorale> train, List<Chorale> valid, int voice) {
        return new Task.Labels(examples(train, voice), examples(valid, voice), new int[]{SOPRANO.classes(), POSITIONS},
                GRIDS.get(voice).classes());
    }

    private static List<Batches.Labelled> examples(List<Chorale> chorales, int voice) {
        List<Batches.Labelled> out = new ArrayList<>();
        for (Chorale ch : chorales) out.add(new Batches.Labelled(inputs(ch.voice(0), POSITIONS), GRIDS.get(voice).encode(ch.voice(voice + 1))));
        return out;
    }

    private static int[][] inputs(int[] soprano, int barSteps) {
        int[] pos = new int[soprano.length];
        for (int t = 0; t < pos.length; t++) pos[t] = (t % barSteps) % POSITIONS;
        return new int[][]{SOPRANO.encode(soprano), pos};
    }

    /** The three voices' most probable lines under a soprano (MIDI per 16th, -1 silence): steps [T][4], soprano first. */
    public int[][] harmonizeSteps(int[] soprano, int barSteps) {
        int[][] out = new int[soprano.length][4];
        for (int t = 0; t < soprano.length; t++) out[t][0] = soprano[t];
        Batches.Labelled x = new Batches.Labelled(inputs(soprano, barSteps), new int[soprano.length]);
        for (int v = 0; v < VOICES.size(); v++) {
            Task.Labels task = new Task.Labels(List.of(), List.of(), new int[]{SOPRANO.classes(), POSITIONS}, GRIDS.get(v).classes());
            int[] classes = task.predict(voices.get(v).network(), List.of(x)).get(0);
            int[] midi = GRIDS.get(v).pitches(classes);
            for (int t = 0; t < midi.length; t++) out[t][v + 1] = midi[t];
        }
        return out;
    }

    /**
     * A four-voice setting (V:S, V:A, V:T, V:B) of a melody's first voice: the melody is moved by
     * octaves to a soprano's range, then each lower voice takes its most probable class at every step.
     * In the melody's meter and key; tied notes and rests as on the 16th grid.
     *
     * @throws EncodingException when the melody is not on the 16th grid (triplets) or has a free meter
     */
    public Tune harmonize(Tune melody) {
        Meter meter = melody.meter();
        if (meter.isFree()) throw new EncodingException("harmonize: '" + melody.title() + "' has no meter (M:none); give it one such as 4/4");
        Duration bar = meter.barLength().dividedBy(MelodyGrid.STEP);
        if (bar.denominator() != 1) throw new EncodingException("harmonize: a bar of " + meter + " is not a whole number of 16ths");
        int shift = octaveShift(melody);
        int[] written = FULL.encode(melody); // the melody's own steps: re-struck notes stay re-struck
        for (int t = 0; t < written.length; t++) if (written[t] >= MelodyGrid.FIRST_NOTE) written[t] += shift;
        int[][] steps = harmonizeSteps(FULL.pitches(written), (int) bar.numerator());
        Key key = melody.key();
        List<Field> fields = new ArrayList<>(List.of(new Field('X', "1"), new Field('T', melody.title() + " (harmonized)"),
                new Field('M', meter.toString()), new Field('L', "1/16")));
        List<Voice> parts = new ArrayList<>();
        String[] ids = {"S", "A", "T", "B"}, clefs = {"treble", "treble", "treble-8", "bass"}, names = {"Soprano", "Alto", "Tenor", "Bass"};
        for (int v = 0; v < 4; v++) {
            int[] line = new int[steps.length];
            for (int t = 0; t < line.length; t++) line[t] = steps[t][v];
            String props = "name=\"" + names[v] + "\" clef=" + clefs[v];
            fields.add(new Field('V', ids[v] + " " + props));
            Tune one = FULL.decode(v == 0 ? written : FULL.encode(line), meter, key);
            parts.add(new Voice(ids[v], props, one.melodyVoice().bars()));
        }
        fields.add(new Field('K', key.abc()));
        return new Tune(fields, parts);
    }

    /** Every MIDI pitch: the melody and the voices as written out. */
    private static final MelodyGrid FULL = MelodyGrid.grid().range(0, 127);

    /** Whole octaves that bring the melody's mean pitch nearest a soprano's. */
    static int octaveShift(Tune melody) {
        double sum = 0;
        int n = 0;
        for (NoteEvent e : melody.melody()) { sum += e.midi(); n++; }
        if (n == 0) throw new EncodingException("harmonize: '" + melody.title() + "' has no notes to harmonize");
        int shift = 12 * (int) Math.round((SOPRANO_MEAN - sum / n) / 12.0);
        for (NoteEvent e : melody.melody())
            if (e.midi() + shift < 0 || e.midi() + shift > 127) throw new EncodingException("harmonize: '" + melody.title() + "' spans more than MIDI can hold");
        return shift;
    }

    /**
     * The three voices on a set of chorales (e.g. the test split), one row each: NLL per step (nats),
     * accuracy per 16th step, and the best trivial baselines: the most frequent interval below the
     * soprano (learned from the training split, following the soprano's rhythm) and the most frequent
     * class; also the lowest and highest predicted pitch beside Bach's, and parallel fifths and octaves
     * per 100 chords against Bach's in the same chorales.
     */
    public Table evaluate(List<Chorale> chorales, List<Chorale> train) {
        StringColumn voice = StringColumn.create("voice");
        DoubleColumn nll = DoubleColumn.create("nll"), acc = DoubleColumn.create("accuracy"), intervalBase = DoubleColumn.create("interval baseline"),
                majorityBase = DoubleColumn.create("majority baseline"), par = DoubleColumn.create("parallels /100 chords"),
                bachPar = DoubleColumn.create("Bach parallels /100 chords");
        IntColumn lo = IntColumn.create("lowest"), hi = IntColumn.create("highest"), bachLo = IntColumn.create("Bach lowest"), bachHi = IntColumn.create("Bach highest");
        List<int[][]> predicted = new ArrayList<>();
        for (Chorale ch : chorales) predicted.add(harmonizeSteps(ch.voice(0), POSITIONS));
        for (int v = 0; v < VOICES.size(); v++) {
            Task.Labels task = task(List.of(), chorales, v);
            Task.Metrics m = task.evaluate(voices.get(v).network(), examples(chorales, v));
            voice.append(VOICES.get(v));
            nll.append(m.loss());
            acc.append(m.accuracy());
            intervalBase.append(intervalBaseline(train, chorales, v));
            majorityBase.append(majorityBaseline(train, chorales, v));
            int[] range = range(predicted, v + 1), bach = range(chorales.stream().map(Chorale::steps).toList(), v + 1);
            if (range[0] <= range[1]) { lo.append(range[0]); hi.append(range[1]); } else { lo.appendMissing(); hi.appendMissing(); } // no note predicted
            bachLo.append(bach[0]);
            bachHi.append(bach[1]);
            par.append(Parallels.per100(predicted, v + 1));
            bachPar.append(Parallels.per100(chorales.stream().map(Chorale::steps).toList(), v + 1));
        }
        return Table.create("Counterpoint on " + chorales.size() + " chorales", voice, nll, acc, intervalBase, majorityBase, lo, hi, bachLo, bachHi, par, bachPar);
    }

    private static int[] range(List<int[][]> all, int v) {
        int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
        for (int[][] steps : all) for (int[] s : steps) if (s[v] >= 0) { lo = Math.min(lo, s[v]); hi = Math.max(hi, s[v]); }
        return new int[]{lo, hi};
    }

    /** Accuracy of "the voice sits a fixed interval (the most frequent in training) below the soprano, in its rhythm". */
    static double intervalBaseline(List<Chorale> train, List<Chorale> test, int voice) {
        Map<Integer, Integer> counts = new java.util.HashMap<>();
        for (Chorale ch : train) for (int[] s : ch.steps()) if (s[0] >= 0 && s[voice + 1] >= 0) counts.merge(s[0] - s[voice + 1], 1, Integer::sum);
        int interval = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        MelodyGrid g = GRIDS.get(voice).octaveFold();
        long hit = 0, n = 0;
        for (Chorale ch : test) {
            int[] s = ch.voice(0), guess = new int[s.length];
            for (int t = 0; t < s.length; t++) guess[t] = s[t] < 0 ? -1 : s[t] - interval;
            int[] predicted = g.encode(guess), truth = GRIDS.get(voice).encode(ch.voice(voice + 1));
            for (int t = 0; t < truth.length; t++) { if (predicted[t] == truth[t]) hit++; n++; }
        }
        return hit / (double) n;
    }

    /** Accuracy of always the most frequent class of the training split (usually "hold"). */
    static double majorityBaseline(List<Chorale> train, List<Chorale> test, int voice) {
        MelodyGrid g = GRIDS.get(voice);
        int[] counts = new int[g.classes()];
        for (Chorale ch : train) for (int c : g.encode(ch.voice(voice + 1))) counts[c]++;
        int best = 0;
        for (int c = 1; c < counts.length; c++) if (counts[c] > counts[best]) best = c;
        long hit = 0, n = 0;
        for (Chorale ch : test) for (int c : g.encode(ch.voice(voice + 1))) { if (c == best) hit++; n++; }
        return hit / (double) n;
    }

    /** Writes the three voices to one file (atomically, like every model file); {@link #load} reads it back. */
    public Counterpoint save(java.nio.file.Path file) {
        Map<String, NetworkState> parts = new java.util.LinkedHashMap<>();
        for (int v = 0; v < VOICES.size(); v++) parts.put(VOICES.get(v), voices.get(v));
        ModelFile.writeParts(KIND, parts, file);
        return this;
    }

    /**
     * A counterpoint model saved with {@link #save}; a file of another kind, or one that is corrupt or
     * truncated, is refused with the reason.
     */
    public static Counterpoint load(java.nio.file.Path file) {
        Map<String, NetworkState> parts = ModelFile.readParts(file, KIND);
        List<NetworkState> out = new ArrayList<>();
        for (String v : VOICES) {
            NetworkState s = parts.get(v);
            if (s == null) throw new ModelFileException("Cannot load model " + file + ": it has no " + v + " voice (it holds " + parts.keySet()
                    + "). Save the counterpoint model again.");
            out.add(s);
        }
        return new Counterpoint(out);
    }

    public List<History> histories() { return voices.stream().map(NetworkState::history).toList(); }

    public LstmConfig config() { return voices.get(0).config(); }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "Counterpoint: %d×%d bidirectional LSTM per voice", config().layers(), config().units()));
        for (int v = 0; v < voices.size(); v++) {
            TrainingEvent.Epoch best = voices.get(v).history().best();
            b.append(String.format(Locale.ROOT, "; %s %s", VOICES.get(v),
                    best == null ? "untrained" : String.format(Locale.ROOT, "valid %.3f nats, %.1f%%", best.validLoss(), 100 * best.validAccuracy())));
        }
        return b.append(" (harmonize(tune) to set a melody)").toString();
    }
}
