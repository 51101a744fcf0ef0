import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import tunesmith.encode.PianoRoll;
import tunesmith.encode.QuarterChorales;
import tunesmith.model.Lstm;
import tunesmith.model.MelodyModel;
import tunesmith.model.PolyphonicModel;
import tunesmith.train.Training;

/**
 * JSB chorales, quarter-note grid, standard split: the polyphonic LSTM's frame-level test NLL
 * (nats per step, summed over 88 keys). Run with bench/jsb-poly.sh.
 *   args: JSON_PATH SECONDS UNITS LAYERS
 */
public class JsbPoly {
    public static void main(String[] a) {
        QuarterChorales q = QuarterChorales.read(Path.of(a[0]));
        double seconds = Double.parseDouble(a[1]);
        int units = Integer.parseInt(a[2]), layers = Integer.parseInt(a[3]);
        List<boolean[][]> train = q.train().stream().map(PianoRoll::encode).toList();
        List<boolean[][]> valid = q.valid().stream().map(PianoRoll::encode).toList();
        List<boolean[][]> test = q.test().stream().map(PianoRoll::encode).toList();
        PolyphonicModel m = Lstm.lstm().layers(layers).units(units).dropout(0.0).tbptt(0).batch(16).learningRate(0.003)
                .trainPolyphonic(train, valid, Training.epochs(1000).patience(10).seconds(seconds));
        MelodyModel.Metrics t = m.evaluate(test);
        System.out.println(m);
        System.out.printf(Locale.ROOT, "{\"test_nll_per_frame\": %.4f, \"test_accuracy\": %.4f, \"test_frames\": %d, \"epochs\": %d}%n",
                t.nats(), t.accuracy(), t.tokens(), m.history().size());
    }
}
