package tunesmith.train;

import java.nio.file.Path;
import java.util.List;

/**
 * A model in training, as the one training loop ({@link Trainer}) drives it: its sizes, the
 * batches of an epoch, the evaluation after an epoch, its history rows, its weights (to keep the
 * best) and its checkpoints. The LSTMs and the MusicVAE implement it; the loop owns the rest
 * (events, patience, the time limit, checkpoints' timing, interrupts and Ctrl-C).
 *
 * @param <R> one epoch's row of the model's history
 */
public interface Learner<R> {

    /** One batch of an epoch: {@link #fit()} takes one optimisation step on it. */
    interface Step {
        /** Trains on the batch; returns its mean loss per token (nats), or NaN when the model cannot say. */
        double fit();

        /** Tokens (or steps) the batch holds: the unit of the progress figures. */
        long tokens();
    }

    /** Weights set aside, to be put back. */
    interface Snapshot {
        void restore();
    }

    long parameters();

    long trainTokens();

    long validTokens();

    int batchesPerEpoch();

    /** Epochs already in the history (a resumed model goes on counting from there). */
    int epochsDone();

    /** The best row of the history so far, or null before any epoch. */
    R best();

    /** The epoch's batches in their (seeded) order. */
    List<? extends Step> batches(int epoch);

    /**
     * After an epoch's batches (taking {@code trainSeconds} over {@code epochTokens}): the row of
     * figures measured in evaluation mode, not yet in the history.
     */
    R evaluate(int epoch, long epochTokens, double trainSeconds);

    /** The epoch a row is of. */
    int epochOf(R row);

    /** What picks the best epoch, lower is better (a validation loss or objective). */
    double score(R row);

    /** Appends the row to the history, marked best or not, and says it as the event every display knows. */
    TrainingEvent.Epoch record(R row, boolean best, double seconds);

    /** A copy of the current weights. */
    Snapshot snapshot();

    /** Writes the model (with what resuming needs) to this file, atomically. */
    void save(Path file);
}
