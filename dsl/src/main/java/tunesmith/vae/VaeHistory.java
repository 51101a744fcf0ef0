package tunesmith.vae;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

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

    private static final String HEADER = "epoch,train_recon,train_kl,valid_recon,valid_kl,valid_accuracy,beta,learning_rate,seconds,tokens_per_second,best";

    /** Columns as in {@link #toCsv()}. */
    public Table table() {
        IntColumn epoch = IntColumn.create("epoch");
        DoubleColumn tr = DoubleColumn.create("train_recon"), tk = DoubleColumn.create("train_kl"), vr = DoubleColumn.create("valid_recon"),
                vk = DoubleColumn.create("valid_kl"), va = DoubleColumn.create("valid_accuracy"), beta = DoubleColumn.create("beta"),
                lr = DoubleColumn.create("learning_rate"), s = DoubleColumn.create("seconds"), tps = DoubleColumn.create("tokens_per_second");
        BooleanColumn best = BooleanColumn.create("best");
        for (Epoch e : epochs) {
            epoch.append(e.epoch()); tr.append(e.trainRecon()); tk.append(e.trainKl()); vr.append(e.validRecon()); vk.append(e.validKl());
            va.append(e.validAccuracy()); beta.append(e.beta()); lr.append(e.learningRate()); s.append(e.seconds()); tps.append(e.tokensPerSecond());
            best.append(e.best());
        }
        return Table.create("VAE history", epoch, tr, tk, vr, vk, va, beta, lr, s, tps, best);
    }

    public String toCsv() {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (Epoch e : epochs)
            b.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s%n", e.epoch(), e.trainRecon(), e.trainKl(), e.validRecon(), e.validKl(),
                    e.validAccuracy(), e.beta(), e.learningRate(), e.seconds(), e.tokensPerSecond(), e.best()));
        return b.toString();
    }

    public static VaeHistory fromCsv(String csv) {
        String[] lines = csv.strip().split("\n");
        if (!lines[0].strip().equals(HEADER)) throw new IllegalArgumentException("VAE history: header '" + lines[0] + "', expected '" + HEADER + "'");
        List<Epoch> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].strip().split(",");
            if (f.length != 11) throw new IllegalArgumentException("VAE history line " + (i + 1) + " has " + f.length + " fields, expected 11");
            out.add(new Epoch(Integer.parseInt(f[0]), d(f[1]), d(f[2]), d(f[3]), d(f[4]), d(f[5]), d(f[6]), d(f[7]), d(f[8]), d(f[9]), Boolean.parseBoolean(f[10])));
        }
        return new VaeHistory(out);
    }

    private static double d(String s) { return Double.parseDouble(s); }

    @Override
    public String toString() {
        Epoch b = best();
        return b == null ? "VaeHistory (no epochs)" : String.format(Locale.ROOT, "VaeHistory %d epochs, best %d: valid recon %.4f nats/step, KL %.2f nats, accuracy %.3f",
                epochs.size(), b.epoch(), b.validRecon(), b.validKl(), b.validAccuracy());
    }
}
