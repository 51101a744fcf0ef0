package tunesmith.counterpoint;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import tunesmith.model.fused.FusedLstm;

/**
 * The encoder-decoder as a Deeplearning4j graph, trained with teacher forcing:
 *
 * <pre>
 * soprano ─ enc0 … encN (bidirectional LSTMs) ─┐
 * previous (the three voices' states at t-1) ───┴ dec0 … decN (LSTMs) ─ h
 * h ─────────────────────── headA (dense) ─ alto  (softmax)
 * h + alto's state at t ─── headT (dense) ─ tenor (softmax)
 * h + alto's, tenor's ───── headB (dense) ─ bass  (softmax)
 * </pre>
 *
 * So the voices at step t are chosen in a fixed order, each conditioned on the whole soprano, on
 * everything written before t in all three voices, and on the voices above it at t. Sampling runs
 * the same weights by hand ({@link Decoder}); names of layers and vertices are fixed here.
 */
final class Network {

    static final String[] INPUTS = {"soprano", "previous", "altoNow", "altoTenorNow"};
    static final String[] OUTPUTS = {"alto", "tenor", "bass"};
    static final String[] HEADS = {"headA", "headT", "headB"};

    private Network() {}

    static String enc(int i) { return "enc" + i; }

    static String dec(int i) { return "dec" + i; }

    static ComputationGraph build(CounterpointConfig c) {
        int u = c.units();
        Dropout drop = c.dropout() > 0 ? new Dropout(1.0 - c.dropout()) : null; // DL4J takes the keep probability
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(c.seed())
                .updater(new Adam(new ExponentialSchedule(ScheduleType.EPOCH, c.learningRate(), c.decay())))
                .weightInit(WeightInit.XAVIER)
                .gradientNormalization(GradientNormalization.ClipL2PerLayer)
                .gradientNormalizationThreshold(c.clip())
                .graphBuilder()
                .addInputs(INPUTS)
                .setInputTypes(InputType.recurrent(Encoding.SOPRANO_WIDTH, RNNFormat.NCW), InputType.recurrent(Encoding.PREVIOUS_WIDTH, RNNFormat.NCW),
                        InputType.recurrent(Encoding.stateWidth(0), RNNFormat.NCW),
                        InputType.recurrent(Encoding.stateWidth(0) + Encoding.stateWidth(1), RNNFormat.NCW));
        String below = INPUTS[0];
        int width = Encoding.SOPRANO_WIDTH;
        for (int i = 0; i < c.layers(); i++) {
            g.addLayer(enc(i), new Bidirectional(Bidirectional.Mode.CONCAT, lstm(c, width, u, i > 0 ? drop : null)), below);
            below = enc(i);
            width = 2 * u;
        }
        g.addVertex("decoderIn", new MergeVertex(), below, INPUTS[1]);
        below = "decoderIn";
        width = 2 * u + Encoding.PREVIOUS_WIDTH;
        for (int i = 0; i < c.layers(); i++) {
            g.addLayer(dec(i), lstm(c, width, u, i > 0 ? drop : null), below);
            below = dec(i);
            width = u;
        }
        String h = below;
        g.addVertex("tenorIn", new MergeVertex(), h, INPUTS[2]);
        g.addVertex("bassIn", new MergeVertex(), h, INPUTS[3]);
        String[] headIn = {h, "tenorIn", "bassIn"};
        int[] headWidth = {u, u + Encoding.stateWidth(0), u + Encoding.stateWidth(0) + Encoding.stateWidth(1)};
        for (int v = 0; v < 3; v++) {
            DenseLayer.Builder d = new DenseLayer.Builder().nIn(headWidth[v]).nOut(c.head()).activation(Activation.RELU);
            if (drop != null) d.dropOut(drop);
            g.addLayer(HEADS[v], d.build(), headIn[v]);
            RnnOutputLayer.Builder out = new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                    .nIn(c.head()).nOut(Encoding.VOICES[v].classes()).dataFormat(RNNFormat.NCW);
            if (drop != null) out.dropOut(drop);
            g.addLayer(OUTPUTS[v], out.build(), HEADS[v]);
        }
        g.setOutputs(OUTPUTS);
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    private static LSTM lstm(CounterpointConfig c, int nIn, int units, Dropout drop) {
        LSTM.Builder b = new LSTM.Builder().nIn(nIn).nOut(units).activation(Activation.TANH);
        if (drop != null) b.dropOut(drop);
        LSTM stock = b.build();
        return c.fused() ? FusedLstm.of(stock) : stock;
    }

    /** One chorale (or a melody with lines written for it): MIDI per step, -1 silence; bar length in steps. */
    record Example(int[] soprano, int[][] lower, int barSteps) {
        int length() { return soprano.length; }

        /** All four voices moved by {@code shift} semitones, or null when a lower voice would leave its grid. */
        Example transposed(int shift) {
            if (shift == 0) return this;
            int[][] out = new int[3][];
            for (int v = 0; v < 3; v++) {
                out[v] = lower[v].clone();
                for (int t = 0; t < out[v].length; t++) {
                    if (out[v][t] < 0) continue;
                    out[v][t] += shift;
                    if (out[v][t] < Encoding.VOICES[v].lowest() || out[v][t] > Encoding.VOICES[v].highest()) return null;
                }
            }
            int[] s = soprano.clone();
            for (int t = 0; t < s.length; t++) if (s[t] >= 0) s[t] += shift;
            return new Example(s, out, barSteps);
        }
    }

    /** Teacher-forced batch: inputs (the true voices written so far), labels per voice, masks for shorter chorales. */
    static MultiDataSet batch(List<Example> examples) {
        int n = examples.size(), len = 0;
        for (Example e : examples) len = Math.max(len, e.length());
        int[] widths = {Encoding.SOPRANO_WIDTH, Encoding.PREVIOUS_WIDTH, Encoding.stateWidth(0), Encoding.stateWidth(0) + Encoding.stateWidth(1)};
        float[][] in = new float[4][];
        for (int k = 0; k < 4; k++) in[k] = new float[n * widths[k] * len];
        float[][] labels = new float[3][];
        for (int v = 0; v < 3; v++) labels[v] = new float[n * Encoding.VOICES[v].classes() * len];
        float[] mask = new float[n * len];
        float[][] rows = new float[4][];
        for (int k = 0; k < 4; k++) rows[k] = new float[widths[k]];
        for (int b = 0; b < n; b++) {
            Example e = examples.get(b);
            int[] sc = Encoding.SOPRANO.encode(e.soprano());
            int[][] cls = new int[3][];
            for (int v = 0; v < 3; v++) cls[v] = Encoding.VOICES[v].encode(e.lower()[v]);
            int[] held = new int[3];
            for (int t = 0; t < e.length(); t++) {
                for (float[] r : rows) java.util.Arrays.fill(r, 0);
                Encoding.soprano(sc, e.soprano(), t, e.barSteps(), rows[0], 0);
                Encoding.previous(cls, e.lower(), held, t, rows[1], 0);
                Encoding.state(0, cls[0][t], e.lower()[0][t], rows[2], 0);
                Encoding.state(0, cls[0][t], e.lower()[0][t], rows[3], 0);
                Encoding.state(1, cls[1][t], e.lower()[1][t], rows[3], Encoding.stateWidth(0));
                for (int k = 0; k < 4; k++) scatter(rows[k], in[k], b, widths[k], len, t);
                for (int v = 0; v < 3; v++) labels[v][(b * Encoding.VOICES[v].classes() + cls[v][t]) * len + t] = 1;
                mask[b * len + t] = 1;
                for (int v = 0; v < 3; v++) held[v] = e.lower()[v][t] < 0 ? 0 : cls[v][t] >= tunesmith.encode.MelodyGrid.FIRST_NOTE ? 1 : held[v] + 1;
            }
        }
        INDArray[] features = new INDArray[4], masks = new INDArray[4];
        INDArray m = Nd4j.create(mask, new long[]{n, len}, 'c');
        for (int k = 0; k < 4; k++) { features[k] = Nd4j.create(in[k], new long[]{n, widths[k], len}, 'c'); masks[k] = m; }
        INDArray[] ls = new INDArray[3], lm = new INDArray[3];
        for (int v = 0; v < 3; v++) { ls[v] = Nd4j.create(labels[v], new long[]{n, Encoding.VOICES[v].classes(), len}, 'c'); lm[v] = m; }
        return new org.nd4j.linalg.dataset.MultiDataSet(features, ls, masks, lm);
    }

    /**
     * Readies the graph for an inference pass on these inputs. DL4J's graph keeps the last training
     * batch's labels, inputs and masks, and its dense heads' reshapes take the batch size from those
     * labels: a pass on another batch size fails unless they are cleared first.
     */
    static void prepare(ComputationGraph net, INDArray[] inputs) {
        net.clear();
        net.clearLayerMaskArrays();
        net.setInputs(inputs);
    }

    private static void scatter(float[] row, float[] into, int b, int width, int len, int t) {
        for (int f = 0; f < width; f++) if (row[f] != 0) into[(b * width + f) * len + t] = row[f];
    }
}
