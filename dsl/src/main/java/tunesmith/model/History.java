package tunesmith.model;
import tunesmith.train.TrainingEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

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

    /** Columns epoch, train_loss, valid_loss, train_accuracy, valid_accuracy, learning_rate, seconds, tokens_per_second. */
    public Table table() {
        IntColumn epoch = IntColumn.create("epoch");
        DoubleColumn tl = DoubleColumn.create("train_loss"), vl = DoubleColumn.create("valid_loss"),
                ta = DoubleColumn.create("train_accuracy"), va = DoubleColumn.create("valid_accuracy"),
                lr = DoubleColumn.create("learning_rate"), s = DoubleColumn.create("seconds"), tps = DoubleColumn.create("tokens_per_second");
        for (TrainingEvent.Epoch e : epochs) {
            epoch.append(e.epoch()); tl.append(e.trainLoss()); vl.append(e.validLoss()); ta.append(e.trainAccuracy());
            va.append(e.validAccuracy()); lr.append(e.learningRate()); s.append(e.seconds()); tps.append(e.tokensPerSecond());
        }
        return Table.create("history", epoch, tl, vl, ta, va, lr, s, tps);
    }

    /** CSV text, saved inside model files. */
    public String toCsv() {
        StringBuilder b = new StringBuilder("epoch,train_loss,valid_loss,train_accuracy,valid_accuracy,learning_rate,seconds,tokens_per_second,best\n");
        for (TrainingEvent.Epoch e : epochs) {
            b.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%s,%s,%s%n", e.epoch(), e.trainLoss(), e.validLoss(), e.trainAccuracy(),
                    e.validAccuracy(), e.learningRate(), e.seconds(), e.tokensPerSecond(), e.best()));
        }
        return b.toString();
    }

    public static History fromCsv(String csv) {
        List<TrainingEvent.Epoch> out = new ArrayList<>();
        String[] lines = csv.strip().split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            if (f.length != 9) throw new IllegalArgumentException("history line " + (i + 1) + " has " + f.length + " fields, expected 9");
            out.add(new TrainingEvent.Epoch(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                    Double.parseDouble(f[7]), Boolean.parseBoolean(f[8])));
        }
        return new History(out);
    }

    @Override
    public String toString() {
        TrainingEvent.Epoch b = best();
        return b == null ? "History (no epochs)" : String.format(Locale.ROOT, "History %d epochs, best %d: valid %.4f nats/token",
                epochs.size(), b.epoch(), b.validLoss());
    }
}
