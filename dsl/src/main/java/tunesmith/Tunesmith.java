package tunesmith;

import java.nio.file.Path;
import java.util.function.Predicate;
import tunesmith.notation.AbcReader;
import tunesmith.notation.AbcWriter;
import tunesmith.notation.Tunebook;
import tunesmith.corpus.Chorales;
import tunesmith.corpus.Corpus;
import tunesmith.corpus.CorpusResolver;
import tunesmith.corpus.Filters;
import tunesmith.corpus.MusicFiles;
import tunesmith.encode.AbcTokens;
import tunesmith.midi.Midi;
import tunesmith.midi.MidiIn;
import tunesmith.model.Lstm;
import tunesmith.model.MelodyModel;
import tunesmith.train.Training;
import tunesmith.midi.WavRender;
import tunesmith.music.Key;
import tunesmith.music.Meter;
import tunesmith.music.Pitch;
import tunesmith.music.Tune;

/**
 * The one entry point: {@code import static tunesmith.Tunesmith.*;} and every step of the DSL is
 * at hand. It composes the packages below it and implements nothing itself.
 *
 * <pre>{@code
 * var reels = corpus("oneills").where(rhythm("reel"));
 * reels.table();                      // one row per tune
 * reels.tune("Drowsy Maggie").transpose(2);
 * }</pre>
 */
public final class Tunesmith {

    private Tunesmith() {}

    // ---- corpora --------------------------------------------------------------------------

    /** A catalogued corpus: "starter", "oneills", "ryans", "essen", "nottingham", "jsb". */
    public static Corpus corpus(String name) { return Corpus.load(name); }

    /** An ABC or MIDI file, or a folder of them (a MIDI file that cannot be read is named in {@code report()}, the rest load). */
    public static Corpus corpus(Path path) { return Corpus.load(path); }

    /** A folder of MIDI files read with settings: {@code corpus(dir, midiIn().track("Melody"))}. */
    public static Corpus corpus(Path path, MidiIn midi) { return Corpus.load(path, midi); }

    /** The JSB chorales in their standard train/valid/test split. */
    public static Chorales chorales() {
        return Chorales.read(new CorpusResolver().resolve("jsb").resolve("Jsb16thSeparated.json"));
    }

    /** The catalogue of known corpora, for a look at what exists and where it comes from. */
    public static tunesmith.corpus.Catalogue catalogue() { return tunesmith.corpus.Catalogue.standard(); }

    // ---- tunes ----------------------------------------------------------------------------

    /** One tune from ABC text; the X: line may be left out. */
    public static Tune tune(String abc) { return AbcReader.readTune(abc); }

    /**
     * The tune of a file: a MIDI file ({@code .mid}, {@code .midi}: its melody, as {@link #midiIn()} reads it)
     * or an ABC file of one tune (one of several is refused, pointing at {@link #tunebook(Path)}).
     */
    public static Tune tune(Path file) { return MusicFiles.tune(file); }

    /**
     * A MIDI reader with its defaults, to set where the melody is and how it is put on the grid:
     * {@code midiIn().track("Melody").read(path)} gives the tune and its report ({@code midiIn().tune(path)} the tune).
     */
    public static MidiIn midiIn() { return MidiIn.midiIn(); }

    /** Every tune of an ABC file, with the report of what was skipped. */
    public static Tunebook tunebook(Path file) { return AbcReader.read(file); }

    /** Canonical ABC text of a tune. */
    public static String abcText(Tune tune) { return AbcWriter.write(tune); }

    // ---- encodings and models ---------------------------------------------------------------

    /** ABC tokens, folk-rnn style: {@code corpus.tokens(abc())}; {@code abc().inC()} normalises to root C. */
    public static AbcTokens abc() { return AbcTokens.abc(); }

    /** The 16th-note melody grid as tokens (rest, hold, note-on per pitch), for JSB sopranos and other 16th-note melodies. */
    public static tunesmith.encode.GridTokens grid() { return tunesmith.encode.GridTokens.grid(); }

    /** A next-step LSTM with the documented defaults: {@code lstm().layers(3).units(512).train(data, epochs(20))}. */
    public static Lstm lstm() { return Lstm.lstm(); }

    /** A training plan: {@code epochs(20).patience(3).checkpoints(dir)}. */
    public static Training epochs(int n) { return Training.epochs(n); }

    /** A training plan limited by wall-clock time: {@code seconds(600)} (at most 1000 epochs, early stopping as {@link #epochs}). */
    public static Training seconds(double s) { return Training.epochs(1000).seconds(s); }

    /**
     * A recurrent VAE over melody-grid excerpts (MusicVAE), with the documented defaults
     * ({@link tunesmith.vae.VaeConfig#DEFAULTS}): {@code musicVae().bars(2).dimension(64).train(corpus, epochs(5))}.
     */
    public static tunesmith.vae.MusicVaeBuilder musicVae() { return tunesmith.vae.MusicVaeBuilder.musicVae(); }

    /** A VAE saved with {@code save(path)}. */
    public static tunesmith.vae.MusicVae loadMusicVae(Path file) { return tunesmith.vae.MusicVae.load(file); }

    /**
     * A harmonizer to train: Bach's alto, tenor and bass under a soprano, an RNN encoder-decoder
     * ({@code counterpoint().train(chorales(), epochs(40))}); the trained one is {@code pretrained("bach-satb").counterpoint()}.
     */
    public static tunesmith.counterpoint.CounterpointBuilder counterpoint() { return tunesmith.counterpoint.CounterpointBuilder.counterpoint(); }

    /** A harmonizer saved with {@code save(path)}. */
    public static tunesmith.counterpoint.Counterpoint loadCounterpoint(Path file) { return tunesmith.counterpoint.Counterpoint.load(file); }

    /** How a harmonizer chooses its voices: a beam of this width ({@code beam(1)} is greedy), {@code beam(1).temperature(0.8)} samples; {@code .withRules()} adds the voice-leading rules. */
    public static tunesmith.counterpoint.Decoding beam(int width) { return tunesmith.counterpoint.Decoding.beam(width); }

    /** A melody model saved with {@code save(path)}. */
    public static MelodyModel loadModel(Path file) { return MelodyModel.load(file); }

    /**
     * The model against the split it was trained on, in one call: test NLL beside the unigram
     * baseline, and {@value tunesmith.eval.Defaults#SAMPLES} samples of the model alone and with the
     * sampling rules, checked by our reader and abc2midi and compared with the training tunes.
     * Refuses a split the model was not trained on. More settings: {@code evaluation(model, split)...run()}.
     */
    public static tunesmith.eval.EvaluationReport evaluate(MelodyModel model, tunesmith.encode.TokenSplit split) {
        return tunesmith.eval.Evaluation.of(model, split).run();
    }

    /** As {@link #evaluate(MelodyModel, tunesmith.encode.TokenSplit)}, the split rebuilt from its spec: {@code evaluate(model, splitOf("oneills1850"))}. */
    public static tunesmith.eval.EvaluationReport evaluate(MelodyModel model, tunesmith.encode.SplitSpec spec) {
        return tunesmith.eval.Evaluation.of(model, spec).run();
    }

    /** A corpus split as {@code tunesmith train} splits it by default (5% test, 5% validation, seed 42); change it with {@code .test(0.1)}, {@code .seed(7)}. */
    public static tunesmith.encode.SplitSpec splitOf(String corpus) { return tunesmith.encode.SplitSpec.of(corpus); }
    // ---- the model zoo ------------------------------------------------------------------------

    /**
     * A trained model of the zoo ({@code models/}) by name, its file checked against the catalogue's
     * size and sha256; it shows its model card, and the typed step loads it:
     * {@code var rnn = pretrained("folk-lstm").lstm();} or {@code var vae = pretrained("folk-musicvae").musicVae();}.
     */
    public static tunesmith.zoo.Pretrained pretrained(String name) { return tunesmith.zoo.Zoo.standard().pretrained(name); }

    /** The zoo's models as a table: name, kind, what each learnt, size, test metrics, how to reproduce it. */
    public static tech.tablesaw.api.Table models() { return tunesmith.zoo.Zoo.standard().table(); }

    /** A MIDI file of a tune (unfolded), with program, velocity and grace notes settable: {@code midi(t).program(73).write(path)}. */
    public static Midi midi(Tune tune) { return Midi.of(tune); }

    /** Audio of a tune rendered by the JDK's software synthesizer: {@code wav(t).write(path)}. */
    public static WavRender wav(Tune tune) { return WavRender.of(tune); }

    /** A tune as a MusicXML score for MuseScore and other score editors, one part per voice: {@code musicXml(t).write(Path.of("t.musicxml"))}. */
    public static tunesmith.musicxml.MusicXml musicXml(Tune tune) { return tunesmith.musicxml.MusicXml.of(tune); }

    /** Every tune of a corpus as MusicXML, one file per tune: {@code musicXml(corpus("starter")).write(Path.of("scores"))}. */
    public static tunesmith.musicxml.MusicXmlBook musicXml(Corpus corpus) { return tunesmith.musicxml.MusicXmlBook.of(corpus); }

    /** Every tune of a tunebook as MusicXML, one file per tune. */
    public static tunesmith.musicxml.MusicXmlBook musicXml(Tunebook book) { return tunesmith.musicxml.MusicXmlBook.of(book.tunes()); }

    public static Key key(String text) { return Key.parse(text); }

    public static Meter meter(String text) { return Meter.parse(text); }

    public static Pitch pitch(String name) { return Pitch.parse(name); }

    // ---- chords ---------------------------------------------------------------------------

    /** A chord progression in 4/4, bars between {@code |}: {@code chords("G D7 G C | G D7 G")}; a chord-hearing model plays over it with {@code model.over(...)}. */
    public static tunesmith.music.Progression chords(String bars) { return tunesmith.music.Progression.parse(bars); }

    /** A chord progression in a meter: {@code chords("G D7 | G", "6/8")}. */
    public static tunesmith.music.Progression chords(String bars, String meter) { return tunesmith.music.Progression.parse(bars, meter); }

    /** A tune's own chord symbols as performed, bar by bar: to play another melody over them. */
    public static tunesmith.music.Progression chordsOf(Tune tune) { return tunesmith.music.Progression.of(tune); }

    /** One chord symbol read as harmony (root, kind, bass, pitch classes): {@code chord("D7/F#")}. */
    public static tunesmith.music.ChordSymbol chord(String symbol) { return tunesmith.music.ChordSymbol.parse(symbol); }

    /** How often a melody sounds a tone of its chord on the strong beats, over tunes with chord symbols. */
    public static tunesmith.music.ChordTones chordTones(Iterable<Tune> tunes) { return tunesmith.music.ChordTones.of(tunes); }

    /** How often a tune's melody sounds a tone of its chord on the strong beats. */
    public static tunesmith.music.ChordTones chordTones(Tune tune) { return tunesmith.music.ChordTones.of(tune); }

    /** Chord symbols for melodies, learned from tunes with chords: {@code chordHmm(corpus("nottingham")).suggest(tune)}. */
    public static tunesmith.harmony.ChordHmm chordHmm(Iterable<Tune> tunesWithChords) { return tunesmith.harmony.ChordHmm.train(tunesWithChords); }

    // ---- filters --------------------------------------------------------------------------

    public static Predicate<Tune> rhythm(String... names) { return Filters.rhythm(names); }

    public static Predicate<Tune> inMeter(String... meters) { return Filters.meter(meters); }

    public static Predicate<Tune> inKey(String... keys) { return Filters.key(keys); }

    public static Predicate<Tune> mode(String... modes) { return Filters.mode(modes); }

    public static Predicate<Tune> bars(int min, int max) { return Filters.bars(min, max); }

    public static Predicate<Tune> notes(int min, int max) { return Filters.notes(min, max); }

    public static Predicate<Tune> title(String text) { return Filters.title(text); }

    // ---- evaluation ---------------------------------------------------------------------------

    /**
     * An evaluation of a melody model to set up and run: {@code evaluation(model).test(data.test())
     * .against(data.train()).samples(24).seed(1).run()}; the model's own split when it came from the zoo.
     */
    public static tunesmith.eval.Evaluation evaluation(MelodyModel model) { return tunesmith.eval.Evaluation.of(model); }

    /** An evaluation against the split the model was trained on (refused otherwise). */
    public static tunesmith.eval.Evaluation evaluation(MelodyModel model, tunesmith.encode.TokenSplit split) { return tunesmith.eval.Evaluation.of(model, split); }

    // ---- charts -------------------------------------------------------------------------------

    /** Train and validation loss by epoch, from a model's {@code historyTable()}. */
    public static tunesmith.chart.Chart lossCurve(tech.tablesaw.api.Table history) { return tunesmith.chart.Charts.loss(history); }

    /** Bars of labelled values, e.g. counts: {@code barChart(corpus.count(t -> t.meter().toString()), "Meters")}. */
    public static tunesmith.chart.Chart barChart(java.util.Map<String, ? extends Number> values, String title) { return tunesmith.chart.Charts.bar(values, title); }

    /** A histogram of values in {@code bins} equal bins. */
    public static tunesmith.chart.Chart histogram(double[] values, int bins, String title) { return tunesmith.chart.Charts.histogram(values, bins, title); }

    /** A tune's voices on a piano roll: time across, pitch up. */
    public static tunesmith.chart.Chart pianoRoll(Tune tune) { return tunesmith.chart.Charts.pianoRoll(tune); }

    /** Pitch-class histograms of groups of tunes side by side: {@code pitchClassChart(Map.of("corpus", c.tunes(), "samples", s.tunes()))}. */
    public static tunesmith.chart.Chart pitchClassChart(java.util.Map<String, ? extends Iterable<Tune>> groups) { return tunesmith.chart.Charts.pitchClasses(groups); }

    /** Melodic-interval histograms of groups of tunes side by side. */
    public static tunesmith.chart.Chart intervalChart(java.util.Map<String, ? extends Iterable<Tune>> groups) { return tunesmith.chart.Charts.intervals(groups); }

    /** Note-length histograms of groups of tunes side by side. */
    public static tunesmith.chart.Chart durationChart(java.util.Map<String, ? extends Iterable<Tune>> groups) { return tunesmith.chart.Charts.durations(groups); }

    // ---- latent spaces ------------------------------------------------------------------------

    /** The latent space of a model (a MusicVAE, a linear model): codes, interpolation, attribute vectors, neighbours, maps. */
    public static tunesmith.latent.LatentSpace latentSpace(tunesmith.latent.LatentModel model) { return tunesmith.latent.LatentSpace.of(model); }

    /** The linear baseline of a latent space: PCA of the tunes' {@code bars}-bar excerpts on the 16th grid, {@code dimension} components. */
    public static tunesmith.latent.LinearLatentModel linearLatentModel(java.util.List<Tune> tunes, int bars, int dimension) {
        return tunesmith.latent.LinearLatentModel.fit(tunes, bars, dimension);
    }

    /** The t-SNE settings of latent maps, to change: {@code codes.tsne(tsne().perplexity(5))}. */
    public static tunesmith.latent.Tsne tsne() { return tunesmith.latent.Tsne.DEFAULTS; }

    /** A tune's rhythm (reel, jig, ...): from R:, else the title, else the meter. */
    public static String rhythmOf(Tune tune) { return tunesmith.corpus.Rhythms.of(tune); }

    // ---- classroom ------------------------------------------------------------------------

    /**
     * A self-check for an exercise: ✓ when the condition holds, else ✗ with the hint; never throws
     * (an answer left null counts as not yet): {@code check("jigs", () -> jigCount == 9, "use where(rhythm(\"jig\")).size()")}.
     */
    public static Exercise.Check check(String name, Exercise.Condition condition, String hint) {
        return Exercise.check(name, condition, hint);
    }

    /** The checks run so far in this session and how many pass. */
    public static Exercise.Summary checks() { return Exercise.summary(); }
}
