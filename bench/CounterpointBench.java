import java.util.Locale;
import tech.tablesaw.api.Table;
import tunesmith.Tunesmith;
import tunesmith.corpus.Chorales;
import tunesmith.model.Counterpoint;
import tunesmith.model.Lstm;
import tunesmith.train.Training;

/**
 * The counterpoint bar: alto, tenor and bass accuracy on the JSB test split against the best
 * trivial baseline (the most frequent interval below the soprano, per voice). Trains
 * lstm().layers(L).units(U) for SECONDS per voice (early stopping on the valid split), then
 * evaluates. Run with bench/counterpoint.sh [SECONDS] [UNITS] [LAYERS] [LEARNING RATE].
 */
public class CounterpointBench {
    public static void main(String[] a) {
        double seconds = Double.parseDouble(a[0]);
        int units = Integer.parseInt(a[1]), layers = Integer.parseInt(a[2]);
        double rate = a.length > 3 ? Double.parseDouble(a[3]) : 0.005;
        Chorales chorales = Tunesmith.chorales();
        long t0 = System.nanoTime();
        Counterpoint model = Lstm.lstm().layers(layers).units(units).dropout(0.3).batch(8).learningRate(rate)
                .trainCounterpoint(chorales, Training.epochs(200).patience(8).seconds(seconds).quiet());
        double trained = (System.nanoTime() - t0) / 1e9;
        Table t = model.evaluate(chorales.test(), chorales.train());
        System.out.println(model);
        System.out.println(t.print());
        System.out.printf(Locale.ROOT, "trained %.0f s for the three voices; epochs per voice %s%n", trained,
                model.histories().stream().map(h -> Integer.toString(h.size())).toList());
        for (int r = 0; r < t.rowCount(); r++) {
            double acc = t.doubleColumn("accuracy").get(r);
            double best = Math.max(t.doubleColumn("interval baseline").get(r), t.doubleColumn("majority baseline").get(r));
            System.out.printf(Locale.ROOT, "%s: accuracy %.4f vs best trivial baseline %.4f: %s%n", t.stringColumn("voice").get(r), acc, best,
                    acc > best ? "beats it" : "does NOT beat it");
        }
    }
}
