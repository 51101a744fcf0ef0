package tunesmith.notebook;

import java.util.Locale;
import tunesmith.model.History;
import tunesmith.train.TrainingEvent;

/**
 * What a notebook shows while a model trains, as one display updated in place: a progress bar
 * with epoch, batch, loss, speed and time left, and the table of finished epochs below. An
 * immutable value; the kernel's listener keeps the latest and redraws it:
 *
 * <pre>{@code
 * progress = progress.after(event);
 * updateDisplay(displayId, progress.bundle());   // throttle Batch events: a few redraws a second are plenty
 * }</pre>
 */
public record TrainingProgress(TrainingEvent.Started started, TrainingEvent.Batch batch, History history, TrainingEvent.Finished finished) {

    /** Before the first event. */
    public static final TrainingProgress NONE = new TrainingProgress(null, null, History.EMPTY, null);

    public TrainingProgress {
        if (history == null) history = History.EMPTY;
    }

    /** This progress with one more event taken in. */
    public TrainingProgress after(TrainingEvent event) {
        if (event instanceof TrainingEvent.Started s) return new TrainingProgress(s, null, History.EMPTY, null);
        if (event instanceof TrainingEvent.Batch b) return new TrainingProgress(started, b, history, finished);
        if (event instanceof TrainingEvent.Epoch e) return new TrainingProgress(started, batch, history.plus(e), finished);
        if (event instanceof TrainingEvent.Finished f) return new TrainingProgress(started, batch, history, f);
        return this;
    }

    /** Share of this run's batches done, 0..1 (1 once finished, however it stopped). */
    public double fraction() {
        if (finished != null) return 1;
        if (started == null || batch == null) return 0;
        double total = (double) started.epochs() * Math.max(1, started.batchesPerEpoch());
        double done = (double) (batch.epoch() - started.startEpoch()) * started.batchesPerEpoch() + batch.batch();
        return Math.max(0, Math.min(1, done / total));
    }

    /** One line: where the run is, or how it ended. */
    @Override
    public String toString() {
        if (started == null) return "training: not started";
        if (finished != null) return String.format(Locale.ROOT, "training %s after %d epochs (%.0f s); best epoch %d, valid %.4f nats/token",
                finished.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '), finished.epochs(), finished.seconds(),
                finished.bestEpoch(), finished.bestValidLoss());
        int last = started.startEpoch() + started.epochs() - 1;
        if (batch == null) return String.format(Locale.ROOT, "training: %,d parameters, %d epochs of %d batches, starting",
                started.parameters(), started.epochs(), started.batchesPerEpoch());
        return String.format(Locale.ROOT, "training %.0f%%: epoch %d/%d, batch %d/%d, loss %.3f, %,.0f tokens/s, ETA %s",
                100 * fraction(), batch.epoch(), last, batch.batch(), batch.batches(), batch.loss(), batch.tokensPerSecond(), eta(batch.etaSeconds()));
    }

    /** text/plain: {@link #toString()}; text/html: a progress bar and the epochs so far. */
    public MimeBundle bundle() {
        StringBuilder h = new StringBuilder("<div class=\"tunesmith-progress\">\n<progress max=\"1\" value=\"")
                .append(String.format(Locale.ROOT, "%.4f", fraction())).append("\" style=\"width:50%;\"></progress> ")
                .append(Html.escape(toString())).append('\n');
        if (history.size() > 0) h.append(TableHtml.of(history.table()));
        return MimeBundle.text(toString()).with(MimeBundle.HTML, h.append("</div>\n").toString());
    }

    private static String eta(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) return "--";
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60) : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
