package tunesmith.train;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where a training's progress is drawn when the plan asks for progress: by default a one-line
 * bar on stderr. An environment that can draw better (a notebook kernel updating one display in
 * place) installs its own factory once at start-up; the model never knows which it is.
 */
public final class ProgressDisplays {

    private static volatile Supplier<Consumer<TrainingEvent>> factory = ProgressBar::stderr;

    private ProgressDisplays() { }

    /** Installs the factory used for every later training that shows progress. */
    public static void use(Supplier<Consumer<TrainingEvent>> displays) {
        factory = Objects.requireNonNull(displays, "displays");
    }

    /** Back to the terminal progress bar. */
    public static void terminal() { factory = ProgressBar::stderr; }

    /** A new display from the installed factory (models outside this package draw their progress with it too). */
    public static Consumer<TrainingEvent> create() { return factory.get(); }
}
