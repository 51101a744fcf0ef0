package tunesmith.vae;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import tech.tablesaw.api.Table;
import tunesmith.corpus.Corpus;
import tunesmith.encode.EncodingException;
import tunesmith.encode.MelodyGrid;
import tunesmith.latent.EncodedCorpus;
import tunesmith.latent.Interpolation;
import tunesmith.latent.LatentModel;
import tunesmith.latent.LatentSpace;
import tunesmith.sample.Strategy;
import tunesmith.train.Training;
import tunesmith.music.Tune;

/**
 * A trained recurrent VAE over melody-grid excerpts (MusicVAE's flat model): a tune's first
 * {@link #bars()} bars to a point z of a {@link #dimension()}-dimensional space and back.
 * {@link #encode}, {@link #decode}, {@link #reconstruct}, {@link #sample()}, {@link #evaluate};
 * {@link #save}/{@link #load} keep it in one file, and a loaded model decodes exactly as the saved one.
 */
public final class MusicVae implements LatentModel {

    private final VaeState state;
    private final tunesmith.modelfile.ModelCard card; // null unless it came from the model zoo

    private MusicVae(VaeState state) { this(state, null); }

    private MusicVae(VaeState state, tunesmith.modelfile.ModelCard card) {
        this.state = state;
        this.card = card;
    }

    /** This model with its model card (what the zoo says of it); shown by {@link #toString()} and in notebooks. */
    public MusicVae withCard(tunesmith.modelfile.ModelCard card) { return new MusicVae(state, card); }

    /** The model card, when the model came from the zoo ({@code pretrained("folk-musicvae").musicVae()}). */
    public java.util.Optional<tunesmith.modelfile.ModelCard> card() { return java.util.Optional.ofNullable(card); }

    static MusicVae train(VaeConfig config, VaeData data, Training plan) {
        if (data.bars() != config.bars())
            throw new IllegalArgumentException("train: the data holds " + data.bars() + "-bar excerpts, the model is for " + config.bars()
                    + " bars; excerpt with the same settings (musicVae().bars(" + config.bars() + ").data(corpus))");
        Map<String, String> meta = new HashMap<>();
        meta.put("corpus", data.name());
        meta.put("data", data.toString());
        VaeState s = VaeState.fresh(config, meta);
        VaeTrainer.train(s, data, plan);
        return new MusicVae(s);
    }

    /**
     * More epochs on data cut like the model's, from where this model is (Adam's moments and the
     * batch count included): {@code loadMusicVae(path).resume(data, plan)}.
     */
    public MusicVae resume(VaeData data, Training plan) {
        if (data.bars() != bars()) throw new IllegalArgumentException("resume: the data holds " + data.bars() + "-bar excerpts, the model " + bars());
        VaeState copy = new VaeState(state.config, state.weights(), state.moments(), state.iteration, state.history, state.meta);
        VaeTrainer.train(copy, data, plan);
        return new MusicVae(copy);
    }

    /** Reads a model written by {@link #save}; refuses other files with the reason. */
    public static MusicVae load(Path file) { return new MusicVae(VaeFile.read(file)); }

    /**
     * Writes the weights without Adam's moments: a third of the size of {@link #save}, for sharing and
     * for the model zoo. It loads and decodes exactly as the saved model; {@link #resume} from it starts Adam afresh.
     */
    public MusicVae saveWeights(Path file) {
        VaeFile.write(state, file, false);
        return this;
    }

    /** Writes the model to one file, atomically. */
    public MusicVae save(Path file) {
        VaeFile.write(state, file);
        return this;
    }

    // ---- the latent space -----------------------------------------------------------------------

    @Override
    public int dimension() { return state.config.latent(); }

    @Override
    public int bars() { return state.config.bars(); }

    public VaeConfig config() { return state.config; }

    public MelodyGrid grid() { return VaeData.grid(state.config); }

    @Override
    public boolean accepts(Tune tune) {
        try {
            return !VaeExcerpts.cut(tune, bars(), grid(), 1).excerpts().isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The excerpt the model reads from a tune: its first {@link #bars()} full bars. */
    public Excerpt excerpt(Tune tune) {
        VaeExcerpts.Result r = VaeExcerpts.cut(tune, bars(), grid(), 1);
        if (r.excerpts().isEmpty())
            throw new EncodingException("MusicVAE: '" + tune.title() + "' (" + tune.meter() + ") has no " + bars() + " full bars the model can read"
                    + (r.counts().isEmpty() ? " (too short, or only a pickup)" : ": " + r.counts()) + "; it reads tunes in " + Meters.names()
                    + ", on the 16th grid (no triplets), spanning at most " + (grid().highest() - grid().lowest()) + " semitones");
        return r.excerpts().get(0);
    }

    /** μ of q(z|x) for a tune's first bars. */
    public float[] encode(Tune tune) { return encode(List.of(tune))[0]; }

    @Override
    public float[][] encode(List<Tune> tunes) { return encodeExcerpts(tunes.stream().map(this::excerpt).toList()); }

    public float[][] encodeExcerpts(List<Excerpt> excerpts) { return VaeOps.mu(state, excerpts); }

    /** The old name of {@link #encodeExcerpts}. */
    @Deprecated
    public float[][] encodeSlices(List<Excerpt> excerpts) { return encodeExcerpts(excerpts); }

    /** The excerpt of a z, greedily (argmax at every step), in the key its notes suggest. */
    public Tune decode(float[] z) { return decode(new float[][]{z}).get(0); }

    @Override
    public List<Tune> decode(float[][] z) {
        List<Tune> out = new ArrayList<>();
        for (Excerpt s : decodeExcerpts(z)) out.add(s.toTune(grid(), null));
        return out;
    }

    public List<Excerpt> decodeExcerpts(float[][] z) { return VaeOps.decode(state, z, Strategy.greedy(), null); }

    /** The old name of {@link #decodeExcerpts}. */
    @Deprecated
    public List<Excerpt> decodeSlices(float[][] z) { return decodeExcerpts(z); }

    /** A tune's first bars through z = μ and back, greedily, in the tune's key. */
    public Tune reconstruct(Tune tune) {
        Excerpt back = decodeExcerpts(new float[][]{encode(tune)}).get(0);
        return back.toTune(grid(), tune.key().isTonal() ? tune.key() : null).withTitle(tune.title() + " (reconstructed)");
    }

    /** Excerpts from the prior: {@code vae.sample().temperature(0.5).seed(3).count(4)}. */
    public VaeSampling sample() { return new VaeSampling(this, Strategy.temperature(1.0), 1); }

    /** {@code n} excerpts: z drawn from N(0, I) with the seed, then decoded by the strategy (the same random source goes on). */
    List<Excerpt> sampleExcerpts(int n, Strategy strategy, long seed) {
        Random r = new Random(seed);
        float[][] z = new float[n][dimension()];
        for (float[] row : z) for (int k = 0; k < row.length; k++) row[k] = (float) r.nextGaussian();
        return VaeOps.decode(state, z, strategy, r);
    }

    /**
     * This model's latent space, for the operations written for any latent model: interpolation
     * beside the data-space baseline, attribute vectors, averages, neighbours, maps.
     */
    public LatentSpace space() { return LatentSpace.of(this); }

    /** {@code steps} tunes along the spherical path between the two tunes' codes, beside the data-space baseline. */
    public Interpolation interpolate(Tune a, Tune b, int steps) { return space().interpolate(a, b, steps); }

    /**
     * The codes of a corpus's tunes, for maps ({@code vae.project(folk).tsne().colorBy("rhythm")}),
     * attribute vectors ({@code .attribute("density")}) and neighbours ({@code .similar(tune, 5)}).
     */
    public EncodedCorpus project(Corpus corpus) { return space().encode(corpus); }

    // ---- evaluation -------------------------------------------------------------------------------

    /**
     * Held-out figures on a set of excerpts, e.g. {@code vae.evaluate(data.test())}: accuracies with the
     * "always hold" and "repeat the previous step" baselines on the same steps, meter, NLL and KL.
     */
    public VaeEvaluationReport evaluate(List<Excerpt> excerpts) { return evaluate(excerpts, VaeOps.reconstructions(state, excerpts)); }

    private VaeEvaluationReport evaluate(List<Excerpt> excerpts, List<Excerpt> back) {
        VaeOps.Sums tf = VaeOps.teacherForced(state, excerpts);
        double[] sampled = VaeOps.sampled(excerpts, back), base = VaeOps.baselines(excerpts);
        return new VaeEvaluationReport(excerpts.size(), tf.steps(), tf.accuracy(), sampled[0], base[0], base[1], sampled[1], tf.reconPerToken(),
                tf.klPerExcerpt(), List.of());
    }

    /** Prior samples {@link #evaluatePrior} draws by default: enough for shares to ±5 points. */
    public static final int PRIOR_SAMPLES = 100;

    /**
     * The prior scored beside the posterior: {@link #evaluate(List)} on {@code data.test()} (held-out tunes),
     * and the melodies of the training excerpts, of those held-out excerpts' reconstructions and of
     * {@value #PRIOR_SAMPLES} excerpts decoded from z ~ N(0, I) at temperature 1, seed 1 (abc2midi's
     * strict share, notes per bar, and the pitch-class, interval and note-length histograms' distances
     * to the training excerpts'). Other samplings: {@code vae.sample().greedy().seed(7).evaluate(data, 500)}.
     */
    public VaeEvaluationReport evaluatePrior(VaeData data) { return sample().evaluate(data, PRIOR_SAMPLES); }

    VaeEvaluationReport evaluatePrior(VaeData data, VaeSampling sampling, int n) {
        if (data.bars() != bars())
            throw new IllegalArgumentException("evaluatePrior: the data holds " + data.bars() + "-bar excerpts, the model " + bars()
                    + "; excerpt with the model's settings (new MusicVaeBuilder(vae.config()).data(corpus))");
        if (data.train().isEmpty() || data.test().isEmpty())
            throw new IllegalArgumentException("evaluatePrior: " + data + " has no " + (data.train().isEmpty() ? "training" : "test (held-out)")
                    + " excerpts to compare with; excerpt a corpus of more tunes (musicVae().data(corpus) keeps 5% of the tunes for test)");
        if (n < 1) throw new IllegalArgumentException("evaluatePrior: " + n + " prior samples; expected at least 1, e.g. " + PRIOR_SAMPLES);
        List<Excerpt> back = VaeOps.reconstructions(state, data.test());
        VaeEvaluationReport e = evaluate(data.test(), back);
        List<Excerpt> prior = sampleExcerpts(n, sampling.strategy(), sampling.seed());
        tunesmith.eval.Abc2Midi checker = tunesmith.eval.Abc2Midi.available() ? tunesmith.eval.Abc2Midi.checker() : null;
        String status = checker == null ? tunesmith.eval.Abc2Midi.PROGRAM + " is not on PATH (Debian/Ubuntu: apt-get install abcmidi)" : "checked";
        MelodyGrid g = grid();
        var training = VaeEvaluationReport.Melodies.of(VaeEvaluationReport.TRAINING, data.train(), g, null, checker, status, VaeEvaluationReport.MAX_REFERENCE_CHECKS);
        var recon = VaeEvaluationReport.Melodies.of(VaeEvaluationReport.RECONSTRUCTIONS, back, g, training, checker, status, Integer.MAX_VALUE);
        var sampled = VaeEvaluationReport.Melodies.of(VaeEvaluationReport.PRIOR, prior, g, training, checker, status, Integer.MAX_VALUE);
        return e.withMelodies(List.of(training, recon, sampled));
    }

    /**
     * {@code corpus} cut into this model's excerpts and split by tune as its training data was (its
     * bars, grid and seed): with the corpus it was trained on, {@code test()} is its held-out part.
     */
    public VaeData data(Corpus corpus) { return VaeData.of(corpus, state.config); }

    /** The excerpts of a corpus (every window of every tune) evaluated. */
    public VaeEvaluationReport evaluate(Corpus tunes) {
        List<Excerpt> all = new ArrayList<>();
        for (Tune t : tunes) all.addAll(VaeExcerpts.cut(t, bars(), grid()).excerpts());
        return evaluate(all);
    }

    public VaeHistory history() { return state.history; }

    /** Per-epoch reconstruction and KL, train and valid, as a Tablesaw table. */
    public Table historyTable() { return state.history.table(); }

    /** Batches trained so far (drives β and the learning rate). */
    public long iteration() { return state.iteration; }

    public long parameters() { return state.parameters(); }

    @Override
    public String toString() {
        VaeHistory.Epoch b = state.history.best();
        VaeConfig c = state.config;
        return String.format(Locale.ROOT, "MusicVAE %d bars, z %d, encoder 2x%d, decoder %d%s, %,d parameters, %d epochs (%,d batches)%s",
                c.bars(), c.latent(), c.encoderUnits(), c.decoderUnits(), c.conductorUnits() > 0 ? " under a conductor " + c.conductorUnits() : "",
                parameters(), state.history.size(), state.iteration,
                b == null ? "" : String.format(Locale.ROOT, ", best valid: accuracy %.3f, recon %.3f nats/step, KL %.1f nats (epoch %d)",
                        b.validAccuracy(), b.validRecon(), b.validKl(), b.epoch()))
                + (card == null ? "" : "\n" + card);
    }
}
