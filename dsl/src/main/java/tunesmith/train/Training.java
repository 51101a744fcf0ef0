package tunesmith.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * How long and how carefully to train: {@code epochs(20).patience(3).checkpoints(dir)}.
 * Immutable; every step returns a new plan.
 *
 * @param epochs      upper bound on passes over the training data
 * @param patience    stop when validation loss has not improved for this many epochs (3: folk
 *                    corpora overfit within a few epochs of their best; 0 turns early stopping off)
 * @param seconds     wall-clock limit (0 = none), checked after every batch — used to compare
 *                    frameworks for the same training time
 * @param checkpoints folder for {@code last.tsm} (every epoch) and {@code best.tsm}; null for none
 * @param progress    draw a progress bar on the terminal (stderr)
 * @param listeners   subscribers to {@link TrainingEvent}s
 */
public record Training(int epochs, int patience, double seconds, Path checkpoints, boolean progress,
                       List<Consumer<TrainingEvent>> listeners) {

    public Training {
        if (epochs < 1) throw new IllegalArgumentException("epochs = " + epochs + ": train for at least 1 epoch");
        if (patience < 0) throw new IllegalArgumentException("patience = " + patience + ": expected 0 (off) or more epochs");
        if (seconds < 0) throw new IllegalArgumentException("seconds = " + seconds + ": expected 0 (no limit) or a positive time");
        listeners = List.copyOf(listeners);
    }

    public static Training epochs(int n) { return new Training(n, 3, 0, null, true, List.of()); }

    public Training patience(int n) { return new Training(epochs, n, seconds, checkpoints, progress, listeners); }

    public Training seconds(double s) { return new Training(epochs, patience, s, checkpoints, progress, listeners); }

    public Training checkpoints(Path dir) { return new Training(epochs, patience, seconds, dir, progress, listeners); }

    /** No progress bar (listeners still hear every event). */
    public Training quiet() { return new Training(epochs, patience, seconds, checkpoints, false, listeners); }

    public Training listener(Consumer<TrainingEvent> l) {
        List<Consumer<TrainingEvent>> all = new ArrayList<>(listeners);
        all.add(l);
        return new Training(epochs, patience, seconds, checkpoints, progress, all);
    }

    @Override
    public String toString() {
        return "Training " + epochs + " epochs, patience " + patience + (seconds > 0 ? ", limit " + seconds + " s" : "")
                + (checkpoints != null ? ", checkpoints in " + checkpoints : "");
    }
}
