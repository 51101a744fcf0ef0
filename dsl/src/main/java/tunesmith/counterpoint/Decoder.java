package tunesmith.counterpoint;

import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The trained graph's decoder run by hand, one step at a time (inference: no dropout): the
 * encoder's states for the whole soprano come from the graph in one pass; then per step the decoder
 * LSTMs and the three heads are small dense products on weights copied once. Search states are a
 * few float arrays, so beam search copies them cheaply. The arithmetic is Deeplearning4j's (LSTM
 * gates in its order: block input, forget, output, input gate); {@code DecoderTest} checks the
 * probabilities against the graph's own output.
 */
final class Decoder {

    private final ComputationGraph net;
    private final int layers, units, head;
    private final float[][] w, rw, b;          // per decoder layer: [nIn][4u], [u][4u], [4u] row-major
    private final float[][] hw, hb, ow, ob;    // per voice: head [nIn][head], [head]; output [head][C], [C]
    private final int[] headIn, classes;
    private final int encWidth;                // the encoder's output width (both directions): W's first rows read it
    private final INDArray wEnc;               // those rows, [encWidth][4u], for the one product per soprano

    Decoder(ComputationGraph net, CounterpointConfig c) {
        this.net = net;
        this.layers = c.layers();
        this.units = c.units();
        this.head = c.head();
        w = new float[layers][];
        rw = new float[layers][];
        b = new float[layers][];
        for (int i = 0; i < layers; i++) {
            Map<String, INDArray> p = net.getLayer(Network.dec(i)).paramTable();
            w[i] = rowMajor(p.get("W"));
            rw[i] = rowMajor(p.get("RW"));
            b[i] = rowMajor(p.get("b"));
        }
        encWidth = 2 * units;
        wEnc = net.getLayer(Network.dec(0)).paramTable().get("W").get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, encWidth),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c');
        hw = new float[3][];
        hb = new float[3][];
        ow = new float[3][];
        ob = new float[3][];
        headIn = new int[3];
        classes = new int[3];
        for (int v = 0; v < 3; v++) {
            Map<String, INDArray> hp = net.getLayer(Network.HEADS[v]).paramTable(), op = net.getLayer(Network.OUTPUTS[v]).paramTable();
            hw[v] = rowMajor(hp.get("W"));
            hb[v] = rowMajor(hp.get("b"));
            ow[v] = rowMajor(op.get("W"));
            ob[v] = rowMajor(op.get("b"));
            headIn[v] = (int) hp.get("W").size(0);
            classes[v] = (int) op.get("W").size(1);
        }
    }

    private static float[] rowMajor(INDArray a) { return a.dup('c').data().asFloat(); }

    /** The LSTM states of one hypothesis: h and c per decoder layer. */
    static final class State {
        final float[][] h, c;

        State(int layers, int units) {
            h = new float[layers][units];
            c = new float[layers][units];
        }

        State copy() {
            State s = new State(h.length, h[0].length);
            for (int i = 0; i < h.length; i++) { System.arraycopy(h[i], 0, s.h[i], 0, h[i].length); System.arraycopy(c[i], 0, s.c[i], 0, c[i].length); }
            return s;
        }

        float[] top() { return h[h.length - 1]; }
    }

    State start() { return new State(layers, units); }

    /**
     * The first decoder layer's gate pre-activations from the encoder, per step: the bidirectional
     * encoder over the whole soprano times the rows of W that read it, plus the bias. [T][4u].
     */
    float[][] encode(int[] soprano, int barSteps) {
        int len = soprano.length;
        int[] sc = Encoding.SOPRANO.encode(soprano);
        float[] sop = new float[Encoding.SOPRANO_WIDTH * len], row = new float[Encoding.SOPRANO_WIDTH];
        for (int t = 0; t < len; t++) {
            java.util.Arrays.fill(row, 0);
            Encoding.soprano(sc, soprano, t, barSteps, row, 0);
            for (int f = 0; f < row.length; f++) sop[f * len + t] = row[f];
        }
        INDArray[] in = {Nd4j.create(sop, new long[]{1, Encoding.SOPRANO_WIDTH, len}, 'c'), Nd4j.zeros(1, Encoding.PREVIOUS_WIDTH, len),
                Nd4j.zeros(1, Encoding.stateWidth(0), len), Nd4j.zeros(1, Encoding.stateWidth(0) + Encoding.stateWidth(1), len)};
        Network.prepare(net, in);
        Map<String, INDArray> acts = net.feedForward(in, false);
        INDArray enc = acts.get(Network.enc(layers - 1)).get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)); // [2u, T]
        int g4 = 4 * units;
        float[] proj = enc.transpose().mmul(wEnc).dup('c').data().asFloat(); // [T][4u]
        float[][] out = new float[len][g4];
        for (int t = 0; t < len; t++) {
            System.arraycopy(proj, t * g4, out[t], 0, g4);
            for (int j = 0; j < g4; j++) out[t][j] += b[0][j];
        }
        return out;
    }

    /**
     * One decoder step: the first layer's input is the encoder part (from {@link #encode}) and the
     * previous step's one-hot features, given as the indices of their ones (into the previous-state
     * vector); the state moves on in place.
     */
    void advance(State s, float[] encGates, int[] previousOnes) {
        int g4 = 4 * units;
        float[] z = new float[g4];
        for (int i = 0; i < layers; i++) {
            if (i == 0) {
                System.arraycopy(encGates, 0, z, 0, g4);
                for (int k : previousOnes) addRow(w[0], encWidth + k, g4, z);
            } else {
                System.arraycopy(b[i], 0, z, 0, g4);
                gemv(s.h[i - 1], w[i], g4, z);
            }
            gemv(s.h[i], rw[i], g4, z);
            float[] h = s.h[i], c = s.c[i];
            for (int j = 0; j < units; j++) {
                float a = (float) Math.tanh(z[j]), f = sigmoid(z[units + j]), o = sigmoid(z[2 * units + j]), in = sigmoid(z[3 * units + j]);
                c[j] = f * c[j] + in * a;
                h[j] = o * (float) Math.tanh(c[j]);
            }
        }
    }

    /**
     * Voice v's class probabilities given the decoder's top state and the states of the voices above
     * it already chosen at this step (indices of their ones in the head's extra input).
     */
    double[] probabilities(int v, float[] top, int[] aboveOnes) {
        float[] z = new float[head];
        System.arraycopy(hb[v], 0, z, 0, head);
        gemv(top, hw[v], head, z);
        for (int k : aboveOnes) addRow(hw[v], units + k, head, z);
        for (int j = 0; j < head; j++) if (z[j] < 0) z[j] = 0;
        int n = classes[v];
        double[] logits = new double[n];
        for (int j = 0; j < n; j++) logits[j] = ob[v][j];
        for (int i = 0; i < head; i++) {
            float x = z[i];
            if (x == 0) continue;
            int o = i * n;
            for (int j = 0; j < n; j++) logits[j] += x * ow[v][o + j];
        }
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (double l : logits) max = Math.max(max, l);
        for (int j = 0; j < n; j++) { logits[j] = Math.exp(logits[j] - max); sum += logits[j]; }
        for (int j = 0; j < n; j++) logits[j] /= sum;
        return logits;
    }

    int classes(int v) { return classes[v]; }

    private static void gemv(float[] x, float[] m, int cols, float[] into) {
        for (int i = 0; i < x.length; i++) {
            float xi = x[i];
            if (xi == 0) continue;
            int o = i * cols;
            for (int j = 0; j < cols; j++) into[j] += xi * m[o + j];
        }
    }

    private static void addRow(float[] m, int row, int cols, float[] into) {
        int o = row * cols;
        for (int j = 0; j < cols; j++) into[j] += m[o + j];
    }

    private static float sigmoid(float x) { return (float) (1 / (1 + Math.exp(-x))); }
}
