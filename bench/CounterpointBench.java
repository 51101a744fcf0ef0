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
 * model file) goes on training it; COUNTERPOINT_EPOCHS and COUNTERPOINT_PATIENCE bound the run;
 * COUNTERPOINT_EVALUATE (a model file) only evaluates it. test.json holds the figures as test_* numbers
 * (the model card's metrics, bench/zoo-add.sh).
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
        String only = System.getenv("COUNTERPOINT_EVALUATE");
        Counterpoint model = only != null ? Counterpoint.load(Path.of(only)) : resume != null ? Counterpoint.load(Path.of(resume)).trainMore(chorales, plan)
                : Counterpoint.train(CounterpointConfig.DEFAULTS.withUnits(units).withLayers(layers).withLearningRate(rate), chorales, plan);
        double trained = (System.nanoTime() - t0) / 1e9;
        if (out != null && only == null) model.save(Path.of(out, "model.tsm"));
        System.out.println(model);
        System.out.printf(Locale.ROOT, "trained %.0f s, %d epochs%n", trained, model.history().size());
        StringBuilder report = new StringBuilder();
        StringBuilder json = new StringBuilder("{\n  \"corpus\": \"jsb\",\n  \"test_chorales\": " + chorales.test().size());
        for (Decoding how : new Decoding[]{Decoding.DEFAULT, Decoding.greedy(), Decoding.sample(0.8)}) {
            long e0 = System.nanoTime();
            Table t = model.evaluate(chorales.test(), chorales.train(), how);
            String text = t.print(100) + String.format(Locale.ROOT, "%n(evaluated in %.0f s)%n", (System.nanoTime() - e0) / 1e9);
            System.out.println(text);
            report.append(text).append('\n');
            if (how.equals(Decoding.DEFAULT)) json.append(metrics(t, "test_"));
        }
        // the 59 test chorales whose melody no training chorale sets (Chorales.unseenTest)
        Table unseen = model.evaluate(chorales.unseenTest(), chorales.train(), Decoding.DEFAULT);
        String text = unseen.print(100).replace("Counterpoint on", "Unseen melodies: counterpoint on");
        System.out.println(text);
        report.append(text).append('\n');
        json.append(metrics(unseen, "test_unseen_"));
        if (out != null) {
            Files.writeString(Path.of(out, "test.txt"), model + "\n\n" + report);
            Files.writeString(Path.of(out, "test.json"), json + "\n}\n");
        }
    }

    /**
     * The figures the model card shows: NLL, onset accuracies, parallels, crossings, complete chords,
     * longest holds (with rules and baselines; Bach's are in test.txt); on the unseen melodies the onset accuracies.
     */
    static final java.util.regex.Pattern CARD = java.util.regex.Pattern.compile("nll|on_onsets|parallel|crossings|complete|longest_hold");

    /** The default decoding's table as test_* numbers: {@code test_<figure>} for the model, {@code ..._rules} with rules, {@code ..._bach}. */
    static String metrics(Table t, String prefix) {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < t.rowCount(); r++) {
            String key = prefix + t.stringColumn("figure").get(r).toLowerCase(Locale.ROOT).replaceAll("\\(.*?\\)", "").replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
            String[][] cols = {{"model", ""}, {"with rules", "_rules"}, {"baseline", "_baseline"}, {"Bach", "_bach"}};
            for (String[] c : cols) {
                if (!CARD.matcher(key).find() || c[1].equals("_bach")) continue;
                if (prefix.equals("test_unseen_") && (!key.contains("on_onsets") || c[1].equals("_rules"))) continue;
                if (t.doubleColumn(c[0]).isMissing(r)) continue; // Tablesaw keeps NaN as missing
                double v = t.doubleColumn(c[0]).get(r);
                if (!Double.isNaN(v)) b.append(String.format(Locale.ROOT, ",\n  \"%s%s\": %.6g", key, c[1], v));
            }
        }
        return b.toString();
    }
}
