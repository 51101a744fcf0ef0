package tunesmith.notebook;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongSupplier;

import tunesmith.model.TrainingEvent;

/**
 * A training's progress as ONE notebook display updated in place: opened when training starts,
 * updated on batches (at most twice a second, so a fast training does not flood the notebook),
 * on every epoch and at the end. One instance per training.
 */
final class NotebookProgress implements java.util.function.Consumer<TrainingEvent> {

    /** Where displays go: the kernel sends display_data and update_display_data with the id. */
    interface Displays {
        void open(String displayId, MimeBundle bundle);
        void update(String displayId, MimeBundle bundle);
    }

    static final long MIN_UPDATE_NANOS = 500_000_000L;

    private final Displays displays;
    private final LongSupplier clock;
    private final String id = "tunesmith-training-" + UUID.randomUUID();
    private boolean opened;
    private long lastUpdate = Long.MIN_VALUE;
    private TrainingEvent.Started started;
    private TrainingEvent.Epoch lastEpoch;

    NotebookProgress(Displays displays, LongSupplier clock) {
        this.displays = Objects.requireNonNull(displays, "displays");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    NotebookProgress(Displays displays) { this(displays, System::nanoTime); }

    String displayId() { return id; }

    @Override
    public void accept(TrainingEvent event) {
        // Java 17: no pattern switch yet; the event types are sealed, so this list is complete
        if (event instanceof TrainingEvent.Started s) {
            started = s;
            show(bundle("training: " + s.epochs() + " epochs of " + s.batchesPerEpoch() + " batches, "
                    + s.trainTokens() + " training tokens, " + s.parameters() + " parameters"), true);
        } else if (event instanceof TrainingEvent.Batch b) {
            long now = clock.getAsLong();
            if (opened && lastUpdate != Long.MIN_VALUE && now - lastUpdate < MIN_UPDATE_NANOS) return;
            lastUpdate = now;
            show(bundle(String.format(Locale.ROOT, "epoch %d/%s, batch %d/%d, loss %.3f, %,.0f tokens/s, ETA %s%s",
                    b.epoch(), epochs(), b.batch(), b.batches(), b.loss(), b.tokensPerSecond(),
                    duration(b.etaSeconds()), epochLine())), false);
        } else if (event instanceof TrainingEvent.Epoch e) {
            lastEpoch = e;
            show(bundle(String.format(Locale.ROOT, "epoch %d/%s done in %s%s", e.epoch(), epochs(),
                    duration(e.seconds()), epochLine())), false);
        } else if (event instanceof TrainingEvent.Finished f) {
            show(bundle(String.format(Locale.ROOT,
                    "finished (%s) after %d epochs in %s; best epoch %d, validation loss %.3f%s",
                    f.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '), f.epochs(), duration(f.seconds()),
                    f.bestEpoch(), f.bestValidLoss(), epochLine())), false);
        }
    }

    private void show(MimeBundle bundle, boolean first) {
        if (!opened || first) {
            displays.open(id, bundle);
            opened = true;
        } else {
            displays.update(id, bundle);
        }
    }

    private String epochs() { return started == null ? "?" : String.valueOf(started.epochs()); }

    private String epochLine() {
        if (lastEpoch == null) return "";
        return String.format(Locale.ROOT, "\nlast epoch %d: train loss %.3f, valid loss %.3f%s",
                lastEpoch.epoch(), lastEpoch.trainLoss(), lastEpoch.validLoss(), lastEpoch.best() ? " (best)" : "");
    }

    private static MimeBundle bundle(String text) {
        String html = "<pre class=\"tunesmith-progress\">" + escape(text) + "</pre>";
        return MimeBundle.text(text).with(MimeBundle.HTML, html);
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) return "?";
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
