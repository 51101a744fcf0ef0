package tunesmith.counterpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import tunesmith.corpus.Chorale;
import tunesmith.corpus.Chorales;
import tunesmith.encode.EncodingException;
import tunesmith.encode.MelodyGrid;
import tunesmith.modelfile.ModelArchive;
import tunesmith.music.Duration;
import tunesmith.music.Field;
import tunesmith.music.Key;
import tunesmith.music.Meter;
import tunesmith.music.NoteEvent;
import tunesmith.music.Tune;
import tunesmith.music.Voice;
import tunesmith.train.Trainer;
import tunesmith.train.Training;
import tunesmith.train.TrainingEvent;

/**
 * Bach's alto, tenor and bass under a soprano: the lecture's RNN encoder-decoder. A bidirectional
 * LSTM reads the whole soprano on the 16th grid; an LSTM decoder writes the three lower voices
 * together, step by step, each step conditioned on the encoder, on everything already written in
 * all three voices, and on the voices above it at that step (alto, then tenor, then bass); see
 * {@link Network}. Trained with teacher forcing on the JSB chorales' train split, transposed at
 * random each epoch; {@link #harmonize} sets any melody for four voices with a {@link Decoding}
 * (beam search, sampling, rules). Immutable once trained; save and load keep weights, settings,
 * history and the training chorales' ranges.
 */
public final class Counterpoint {

    public static final List<String> VOICES = List.of("alto", "tenor", "bass");
    static final String KIND = "counterpoint/encoder-decoder";

    /** Where a melody is put before harmonizing: its mean pitch moved by octaves nearest Bach's soprano mean (about A4-Bb4). */
    static final double SOPRANO_MEAN = 69.5;

    private final CounterpointConfig config;
    private final ComputationGraph net;
    private final List<TrainingEvent.Epoch> history;
    private final int[][] ranges; // per lower voice, Bach's lowest and highest in the training chorales
    private final tunesmith.modelfile.ModelCard card; // null unless it came from the model zoo
    private volatile Search search;

    private Counterpoint(CounterpointConfig config, ComputationGraph net, List<TrainingEvent.Epoch> history, int[][] ranges) {
        this(config, net, history, ranges, null);
    }

    private Counterpoint(CounterpointConfig config, ComputationGraph net, List<TrainingEvent.Epoch> history, int[][] ranges, tunesmith.modelfile.ModelCard card) {
        this.config = config;
        this.net = net;
        this.history = List.copyOf(history);
        this.ranges = ranges;
        this.card = card;
    }

    /** This model with its model card (what the zoo says of it); shown by {@link #toString()} and in notebooks. */
    public Counterpoint withCard(tunesmith.modelfile.ModelCard card) { return new Counterpoint(config, net, history, ranges, card); }

    /** The model card, when the model came from the zoo ({@code pretrained("bach-satb").counterpoint()}). */
    public java.util.Optional<tunesmith.modelfile.ModelCard> card() { return java.util.Optional.ofNullable(card); }

    // ---- training -------------------------------------------------------------------------------

    /** Trains a new model on the chorales' train split, validating on their valid split. */
    public static Counterpoint train(CounterpointConfig config, Chorales chorales, Training plan) {
        Counterpoint fresh = new Counterpoint(config, Network.build(config), List.of(), ranges(chorales.train()));
        return fresh.trainMore(chorales, plan);
    }

    /** Goes on training this model (its history goes on counting); the model returned has the best weights. */
    public Counterpoint trainMore(Chorales chorales, Training plan) {
        ComputationGraph copy = net.clone();
        CounterpointLearner learner = new CounterpointLearner(this, copy, examples(chorales.train()), examples(chorales.valid()));
        Trainer.run(learner, plan);
        return new Counterpoint(config, copy, learner.history(), ranges);
    }

    /** A model of these weights and history (the learner's checkpoints). */
    Counterpoint with(ComputationGraph weights, List<TrainingEvent.Epoch> h) { return new Counterpoint(config, weights, h, ranges); }

    static List<Network.Example> examples(List<Chorale> chorales) {
        List<Network.Example> out = new ArrayList<>();
        for (Chorale ch : chorales) {
            int[][] lower = new int[3][];
            for (int v = 0; v < 3; v++) lower[v] = ch.voice(v + 1);
            out.add(new Network.Example(ch.voice(0), lower, Encoding.POSITIONS));
        }
        return out;
    }

    static int[][] ranges(List<Chorale> chorales) {
        int[][] r = new int[3][];
        for (int v = 0; v < 3; v++) {
            int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
            for (Chorale ch : chorales) for (int p : ch.voice(v + 1)) if (p >= 0) { lo = Math.min(lo, p); hi = Math.max(hi, p); }
            if (lo > hi) { lo = Encoding.VOICES[v].lowest(); hi = Encoding.VOICES[v].highest(); }
            r[v] = new int[]{lo, hi};
        }
        return r;
    }

    // ---- harmonizing ----------------------------------------------------------------------------

    private Search search() {
        Search s = search;
        if (s == null) search = s = new Search(new Decoder(net, config), ranges);
        return s;
    }

    /** The three voices under a soprano (MIDI per 16th, -1 silence): steps [T][4], soprano first. */
    public int[][] harmonizeSteps(int[] soprano, int barSteps, Decoding how) {
        if (soprano.length == 0) throw new EncodingException("harmonize: the soprano has no steps");
        synchronized (this) {
            return search().harmonize(soprano, barSteps, how);
        }
    }

    /** {@link #harmonize(Tune, Decoding)} with {@link Decoding#DEFAULT}. */
    public Tune harmonize(Tune melody) { return harmonize(melody, Decoding.DEFAULT); }

    /**
     * A four-voice setting (V:S, V:A, V:T, V:B) of any melody's first voice (a chorale soprano, a
     * jig, a song): moved by whole octaves so its mean pitch sits where Bach's sopranos do, then the
     * lower voices written under it. In the melody's meter and key; the melody's own rhythm kept.
     *
     * @throws EncodingException when the melody is not on the 16th grid (triplets), has no notes or a free meter
     */
    public Tune harmonize(Tune melody, Decoding how) {
        Meter meter = melody.meter();
        if (meter.isFree()) throw new EncodingException("harmonize: '" + melody.title() + "' has no meter (M:none); give it one such as 4/4");
        Duration bar = meter.barLength().dividedBy(MelodyGrid.STEP);
        if (bar.denominator() != 1) throw new EncodingException("harmonize: a bar of " + meter + " is not a whole number of 16ths");
        int shift = octaveShift(melody);
        int[] written = FULL.encode(melody); // the melody's own steps: re-struck notes stay re-struck
        for (int t = 0; t < written.length; t++) if (written[t] >= MelodyGrid.FIRST_NOTE) written[t] += shift;
        int[][] steps = harmonizeSteps(FULL.pitches(written), (int) bar.numerator(), how);
        return setting(melody.title() + " (harmonized)", written, steps, meter, melody.key());
    }

    /** Every MIDI pitch: the melody and the voices as written out. */
    private static final MelodyGrid FULL = MelodyGrid.grid().range(0, 127);

    private static Tune setting(String title, int[] sopranoSteps, int[][] steps, Meter meter, Key key) {
        List<Field> fields = new ArrayList<>(List.of(new Field('X', "1"), new Field('T', title), new Field('M', meter.toString()), new Field('L', "1/16")));
        List<Voice> parts = new ArrayList<>();
        String[] ids = {"S", "A", "T", "B"}, clefs = {"treble", "treble", "treble-8", "bass"}, names = {"Soprano", "Alto", "Tenor", "Bass"};
        for (int v = 0; v < 4; v++) {
            int[] line = new int[steps.length];
            for (int t = 0; t < line.length; t++) line[t] = steps[t][v];
            String props = "name=\"" + names[v] + "\" clef=" + clefs[v];
            fields.add(new Field('V', ids[v] + " " + props));
            Tune one = FULL.decode(v == 0 ? sopranoSteps : FULL.encode(line), meter, key);
            parts.add(new Voice(ids[v], props, one.melodyVoice().bars()));
        }
        fields.add(new Field('K', key.abc()));
        return new Tune(fields, parts);
    }

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

    // ---- evaluation -----------------------------------------------------------------------------

    /**
     * Everything the issue of a harmonizer asks, on a set of chorales (the test split), as one table:
     * see {@link CounterpointEvaluation}. {@code train} gives the trivial baselines their statistics.
     */
    public tech.tablesaw.api.Table evaluate(List<Chorale> chorales, List<Chorale> train) { return evaluate(chorales, train, Decoding.DEFAULT); }

    /** {@link #evaluate(List, List)} with the settings written by this decoding (and by it with rules). */
    public tech.tablesaw.api.Table evaluate(List<Chorale> chorales, List<Chorale> train, Decoding how) {
        return CounterpointEvaluation.of(this, chorales, train, how).table();
    }

    /** Teacher-forced scores per voice on chorales: NLL and accuracy per step and on onsets. */
    CounterpointLearner.Scores scores(List<Chorale> chorales) { return CounterpointLearner.scores(net, examples(chorales)); }

    // ---- files ----------------------------------------------------------------------------------

    /** Writes the model (weights with Adam's state, settings, history, ranges) atomically. */
    public Counterpoint save(Path file) {
        write(net, config, history, ranges, file, true);
        return this;
    }

    /** Writes the weights without Adam's state: a file for using and sharing (the zoo's), a third the size; training on from it starts Adam afresh. */
    public Counterpoint saveWeights(Path file) {
        write(net, config, history, ranges, file, false);
        return this;
    }

    static void write(ComputationGraph net, CounterpointConfig config, List<TrainingEvent.Epoch> history, int[][] ranges, Path file, boolean updater) {
        byte[] bin;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ModelSerializer.writeModel(net, out, updater);
            bin = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory
        }
        ObjectNode m = ModelArchive.manifest(KIND);
        m.put("config", config.toText());
        m.put("networkSha256", ModelArchive.sha256(bin));
        m.put("updater", updater);
        ObjectNode r = m.putObject("ranges");
        for (int v = 0; v < 3; v++) r.putArray(VOICES.get(v)).add(ranges[v][0]).add(ranges[v][1]);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("network.bin", bin);
        entries.put("history.csv", historyCsv(history).getBytes(StandardCharsets.UTF_8));
        ModelArchive.write(file, m, entries);
    }

    /** A model written by {@link #save}; a file of another kind, corrupt or truncated, is refused with the reason. */
    public static Counterpoint load(Path file) {
        ModelArchive.Archive a = ModelArchive.read(file);
        if (!KIND.equals(a.kind()))
            throw ModelArchive.refusal(file, "it holds a " + (a.kind().isEmpty() ? "melody" : a.kind()) + " model, not a counterpoint model",
                    "load it with the class that saved it (a melody LSTM with loadModel, a MusicVAE with loadMusicVae)");
        byte[] bin = a.network();
        ComputationGraph net;
        try {
            net = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bin), true);
        } catch (IOException | RuntimeException e) {
            throw ModelArchive.refusal(file, "its network cannot be restored (" + e.getMessage() + ")", "use another checkpoint");
        }
        CounterpointConfig config = CounterpointConfig.parse(a.manifest().path("config").asText());
        int[][] ranges = new int[3][];
        for (int v = 0; v < 3; v++) {
            JsonNode r = a.manifest().path("ranges").path(VOICES.get(v));
            ranges[v] = r.size() == 2 ? new int[]{r.get(0).asInt(), r.get(1).asInt()} : new int[]{Encoding.VOICES[v].lowest(), Encoding.VOICES[v].highest()};
        }
        byte[] h = a.entries().get("history.csv");
        return new Counterpoint(config, net, h == null ? List.of() : parseHistory(new String(h, StandardCharsets.UTF_8)), ranges);
    }

    /** The history's rows as every model kind writes them ({@link tunesmith.train.EpochRows}). */
    static final tunesmith.train.EpochRows<TrainingEvent.Epoch> ROWS = new tunesmith.train.EpochRows<>(TrainingEvent.Epoch.class, "counterpoint history");

    static String historyCsv(List<TrainingEvent.Epoch> epochs) { return ROWS.toCsv(epochs); }

    static List<TrainingEvent.Epoch> parseHistory(String csv) { return ROWS.fromCsv(csv); }

    /** The epochs as a table: losses per voice-step, accuracies, learning rate, time. */
    public tech.tablesaw.api.Table historyTable() { return ROWS.table("counterpoint history", history, "best"); }

    // ---- what it is -----------------------------------------------------------------------------

    public CounterpointConfig config() { return config; }

    /** The epochs trained, oldest first. */
    public List<TrainingEvent.Epoch> history() { return history; }

    /** Bach's range per lower voice in the training chorales, {lowest, highest} MIDI: what the rules keep to. */
    public int[][] ranges() {
        int[][] out = new int[3][];
        for (int v = 0; v < 3; v++) out[v] = ranges[v].clone();
        return out;
    }

    long parameters() { return net.numParams(); }

    ComputationGraph network() { return net; }

    @Override
    public String toString() {
        TrainingEvent.Epoch best = null;
        for (TrainingEvent.Epoch e : history) if (best == null || e.validLoss() < best.validLoss()) best = e;
        return String.format(Locale.ROOT, "Counterpoint encoder-decoder: %d×%d bidirectional LSTM encoder, %d×%d LSTM decoder, heads %d (%,d parameters); %s (harmonize(tune) to set a melody)",
                config.layers(), config.units(), config.layers(), config.units(), config.head(), net.numParams(),
                best == null ? "untrained" : String.format(Locale.ROOT, "%d epochs, best valid %.3f nats per voice-step, %.1f%% per step", history.size(),
                        best.validLoss(), 100 * best.validAccuracy()))
                + (card == null ? "" : "\n" + card);
    }
}
