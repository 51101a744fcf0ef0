package tunesmith.notebook;

import java.util.Objects;
import java.util.UUID;
import java.util.function.LongSupplier;

import tunesmith.train.TrainingEvent;

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
    private TrainingProgress progress = TrainingProgress.NONE; // what is drawn: a bar and the epochs so far

    NotebookProgress(Displays displays, LongSupplier clock) {
        this.displays = Objects.requireNonNull(displays, "displays");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    NotebookProgress(Displays displays) { this(displays, System::nanoTime); }

    String displayId() { return id; }

    @Override
    public void accept(TrainingEvent event) {
        progress = progress.after(event);
        if (event instanceof TrainingEvent.Batch) {
            long now = clock.getAsLong();
            if (opened && lastUpdate != Long.MIN_VALUE && now - lastUpdate < MIN_UPDATE_NANOS) return;
            lastUpdate = now;
        }
        show(progress.bundle(), event instanceof TrainingEvent.Started);
    }

    private void show(MimeBundle bundle, boolean first) {
        if (!opened || first) {
            displays.open(id, bundle);
            opened = true;
        } else {
            displays.update(id, bundle);
        }
    }
}
