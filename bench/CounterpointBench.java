import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import tech.tablesaw.api.Table;
import tunesmith.Tunesmith;
import tunesmith.corpus.Chorales;
import tunesmith.counterpoint.Counterpoint;
import tunesmith.counterpoint.CounterpointConfig;
import tunesmith.counterpoint.Decoding;
import tunesmith.train.Training;

/**
 * Trains the counterpoint encoder-decoder on the JSB chorales' train split (early stopping on the
 * valid split) and evaluates it on the test split: bench/counterpoint.sh [SECONDS] [UNITS] [LAYERS] [RATE].
 * COUNTERPOINT_OUT (a folder) keeps checkpoints/, model.tsm and test.txt; COUNTERPOINT_RESUME (a
 * model file) goes on training it; COUNTERPOINT_EPOCHS and COUNTERPOINT_PATIENCE bound the run.
 */
public class CounterpointBench {
    public static void main(String[] a) throws Exception {
        double seconds = Double.parseDouble(a[0]);
        int units = Integer.parseInt(a[1]), layers = Integer.parseInt(a[2]);
        double rate = Double.parseDouble(a[3]);
        String out = System.getenv("COUNTERPOINT_OUT"), resume = System.getenv("COUNTERPOINT_RESUME");
        int epochs = Integer.parseInt(System.getenv().getOrDefault("COUNTERPOINT_EPOCHS", "200"));
        int patience = Integer.parseInt(System.getenv().getOrDefault("COUNTERPOINT_PATIENCE", "6"));
        Chorales chorales = Tunesmith.chorales();
        Training plan = Training.epochs(epochs).patience(patience).seconds(seconds);
        if (out != null) plan = plan.checkpoints(Path.of(out, "checkpoints"));
        long t0 = System.nanoTime();
        Counterpoint model = resume != null ? Counterpoint.load(Path.of(resume)).trainMore(chorales, plan)
                : Counterpoint.train(CounterpointConfig.DEFAULTS.withUnits(units).withLayers(layers).withLearningRate(rate), chorales, plan);
        double trained = (System.nanoTime() - t0) / 1e9;
        if (out != null) model.save(Path.of(out, "model.tsm"));
        System.out.println(model);
        System.out.printf(Locale.ROOT, "trained %.0f s, %d epochs%n", trained, model.history().size());
        StringBuilder report = new StringBuilder();
        for (Decoding how : new Decoding[]{Decoding.DEFAULT, Decoding.greedy(), Decoding.sample(0.8)}) {
            long e0 = System.nanoTime();
            Table t = model.evaluate(chorales.test(), chorales.train(), how);
            String text = t.print(100) + String.format(Locale.ROOT, "%n(evaluated in %.0f s)%n", (System.nanoTime() - e0) / 1e9);
            System.out.println(text);
            report.append(text).append('\n');
        }
        if (out != null) Files.writeString(Path.of(out, "test.txt"), model + "\n\n" + report);
    }
}
