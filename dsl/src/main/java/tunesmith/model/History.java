package tunesmith.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;
import tunesmith.train.EpochRows;
import tunesmith.train.TrainingEvent;

/** Per-epoch losses and accuracies of a training run (immutable); {@link #table()} for analysis and charts. */
public record History(List<TrainingEvent.Epoch> epochs) {

    public static final History EMPTY = new History(List.of());

    public History {
        epochs = List.copyOf(epochs);
    }

    public History plus(TrainingEvent.Epoch e) {
        List<TrainingEvent.Epoch> all = new ArrayList<>(epochs);
        all.add(e);
        return new History(all);
    }

    public int size() { return epochs.size(); }

    /** The epoch with the lowest validation loss, or null before any epoch. */
    public TrainingEvent.Epoch best() {
        TrainingEvent.Epoch b = null;
        for (TrainingEvent.Epoch e : epochs) if (b == null || e.validLoss() < b.validLoss()) b = e;
        return b;
    }

    private static final EpochRows<TrainingEvent.Epoch> ROWS = new EpochRows<>(TrainingEvent.Epoch.class, "history");

    /** Columns epoch, train_loss, valid_loss, train_accuracy, valid_accuracy, learning_rate, seconds, tokens_per_second. */
    public Table table() { return ROWS.table("history", epochs, "best"); }

    /** CSV text, saved inside model files: the table's columns and best. */
    public String toCsv() { return ROWS.toCsv(epochs); }

    public static History fromCsv(String csv) { return new History(ROWS.fromCsv(csv)); }

    @Override
    public String toString() {
        TrainingEvent.Epoch b = best();
        return b == null ? "History (no epochs)" : String.format(Locale.ROOT, "History %d epochs, best %d: valid %.4f nats/token",
                epochs.size(), b.epoch(), b.validLoss());
    }
}
