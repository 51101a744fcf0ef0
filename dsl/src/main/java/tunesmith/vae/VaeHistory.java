package tunesmith.vae;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;
import tunesmith.train.EpochRows;

/**
 * Per-epoch losses of a VAE training, reconstruction and KL apart (immutable); {@link #table()}
 * for analysis and charts. Reconstruction is in nats per step (the meter token and every 16th),
 * KL in nats per excerpt, both with z = μ; accuracy is teacher-forced, per 16th step.
 */
public record VaeHistory(List<Epoch> epochs) {

    /** One epoch: train figures on a sample of the training excerpts, valid on the validation excerpts. */
    public record Epoch(int epoch, double trainRecon, double trainKl, double validRecon, double validKl, double validAccuracy,
                        double beta, double learningRate, double seconds, double tokensPerSecond, boolean best) {
        /** The negative ELBO per step on the validation excerpts (β = 1, no free bits). */
        public double validLoss(double stepsPerExcerpt) { return validRecon + validKl / stepsPerExcerpt; }

        /**
         * The validation loss that picks the best epoch: what training minimises, at the final β,
         * per step: reconstruction + β·max(KL − free nats, 0). Not the ELBO, which charges every nat
         * of KL: a model trained with free bits is meant to spend them, and by the ELBO each epoch
         * that puts more of the melody into z would look worse even as reconstruction improves.
         */
        public double validObjective(double stepsPerExcerpt, VaeConfig c) {
            return validRecon + c.beta() * Math.max(0, validKl - c.freeNats()) / stepsPerExcerpt;
        }

        /** {@link #validObjective} on the training sample. */
        public double trainObjective(double stepsPerExcerpt, VaeConfig c) {
            return trainRecon + c.beta() * Math.max(0, trainKl - c.freeNats()) / stepsPerExcerpt;
        }
    }

    public static final VaeHistory EMPTY = new VaeHistory(List.of());

    public VaeHistory {
        epochs = List.copyOf(epochs);
    }

    public VaeHistory plus(Epoch e) {
        List<Epoch> all = new ArrayList<>(epochs);
        all.add(e);
        return new VaeHistory(all);
    }

    public int size() { return epochs.size(); }

    /** The epoch marked best, or null before any epoch. */
    public Epoch best() {
        Epoch b = null;
        for (Epoch e : epochs) if (e.best()) b = e;
        return b;
    }

    private static final EpochRows<Epoch> ROWS = new EpochRows<>(Epoch.class, "VAE history");

    /** Columns as in {@link #toCsv()}. */
    public Table table() { return ROWS.table("VAE history", epochs); }

    /** CSV text, saved inside model files: epoch, train_recon, train_kl, valid_recon, valid_kl, valid_accuracy, beta, learning_rate, seconds, tokens_per_second, best. */
    public String toCsv() { return ROWS.toCsv(epochs); }

    public static VaeHistory fromCsv(String csv) { return new VaeHistory(ROWS.fromCsv(csv)); }

    @Override
    public String toString() {
        Epoch b = best();
        return b == null ? "VaeHistory (no epochs)" : String.format(Locale.ROOT, "VaeHistory %d epochs, best %d: valid recon %.4f nats/step, KL %.2f nats, accuracy %.3f",
                epochs.size(), b.epoch(), b.validRecon(), b.validKl(), b.validAccuracy());
    }
}
