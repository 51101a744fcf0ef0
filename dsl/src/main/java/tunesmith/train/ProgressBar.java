package tunesmith.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One line on a terminal, redrawn in place: epoch, batch, loss, tokens/s, ETA. Without a
 * terminal (a log, CI) it prints one line per epoch instead, so logs stay readable.
 */
final class ProgressBar implements Consumer<TrainingEvent> {

    private final PrintStream out;
    private final boolean terminal;
    private long lastDraw;

    ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    static ProgressBar stderr() { return new ProgressBar(System.err, System.console() != null); }

    @Override
    public void accept(TrainingEvent e) {
        if (e instanceof TrainingEvent.Started s) {
            out.printf(Locale.ROOT, "training: %,d parameters, %,d train tokens, %,d valid tokens, %d batches per epoch%n",
                    s.parameters(), s.trainTokens(), s.validTokens(), s.batchesPerEpoch());
        } else if (e instanceof TrainingEvent.Batch b && terminal) {
            long now = System.nanoTime();
            if (now - lastDraw < 200_000_000L && b.batch() != b.batches()) return; // 5 redraws a second are enough
            lastDraw = now;
            int width = 24, filled = (int) Math.round(width * (double) b.batch() / b.batches());
            out.printf(Locale.ROOT, "\repoch %d [%s%s] %d/%d loss %.3f  %,.0f tok/s  ETA %s   ", b.epoch(),
                    "=".repeat(filled), " ".repeat(width - filled), b.batch(), b.batches(), b.loss(), b.tokensPerSecond(), eta(b.etaSeconds()));
            out.flush();
        } else if (e instanceof TrainingEvent.Epoch ep) {
            if (terminal) out.print("\r" + " ".repeat(90) + "\r");
            out.printf(Locale.ROOT, "epoch %d: train %.4f  valid %.4f nats/token  valid acc %.3f  %,.0f tok/s  %.0f s%s%n",
                    ep.epoch(), ep.trainLoss(), ep.validLoss(), ep.validAccuracy(), ep.tokensPerSecond(), ep.seconds(), ep.best() ? "  *best" : "");
        } else if (e instanceof TrainingEvent.Finished f) {
            out.printf(Locale.ROOT, "training %s after %d epochs (%.0f s); best epoch %d, valid %.4f nats/token%n",
                    f.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '), f.epochs(), f.seconds(), f.bestEpoch(), f.bestValidLoss());
        }
    }

    static String eta(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) return "--";
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60) : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
