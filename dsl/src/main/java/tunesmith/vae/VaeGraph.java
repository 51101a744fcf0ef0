package tunesmith.vae;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDataFormat;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDirectionMode;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMLayerConfig;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.weights.LSTMLayerWeights;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The VAE as SameDiff graphs, built in code (SameDiff.load cannot read graphs with lstmLayer, so a
 * saved model is its arrays and these builders). Tokens: the grid's classes, then one per meter
 * class; an excerpt is its meter token and its steps, padded with all-zero vectors to
 * {@link #length}. Layout [batch, token, time] (NST) throughout.
 *
 * <p>Training graph: two LSTMs read the excerpt forwards and backwards; their last states give μ
 * and log σ² (dense); z = μ + σ·ε with ε fed in; the decoder LSTM starts from tanh(dense(z)) for
 * both h and c and reads, at every step, the previous token (teacher forcing) with z beside it;
 * softmax over tokens. Loss per excerpt: reconstruction NLL + β·max(KL − free nats, 0), averaged
 * over the batch. The step graph runs the same decoder one step at a time with its state fed in
 * and out, for free-running decoding without re-running the prefix.
 */
final class VaeGraph {

    // placeholders
    static final String X = "x", XIN = "xin", EPS = "eps", LABELS = "labels", MASK = "mask", BETA = "beta", FREE = "freeNats";
    static final String IN = "in", Z = "z", H = "h", C = "c";
    // outputs
    static final String LOSS = "loss", RECON = "recon", KL = "kl", KL_EACH = "klEach", LOGITS = "logits", MU = "mu", LOGVAR = "logvar",
            HL = "hOut", CL = "cOut", STEP_LOGITS = "stepLogits";

    private VaeGraph() {}

    /** Input tokens: grid classes, then meter classes. */
    static int vocab(VaeConfig c) { return VaeData.grid(c).classes() + Meters.CLASSES.size(); }

    /** Steps of every padded sequence: the meter token and the longest meter's bars. */
    static int length(VaeConfig c) { return 1 + c.bars() * Meters.maxBarSteps(); }

    /** Names and shapes of the trainable arrays, in a fixed order (the order they are saved in). */
    static Map<String, long[]> shapes(VaeConfig c) {
        int v = vocab(c), he = c.encoderUnits(), hd = c.decoderUnits(), z = c.latent();
        Map<String, long[]> m = new LinkedHashMap<>();
        for (String d : List.of("encF", "encB")) {
            m.put(d + "_W", new long[]{v, 4L * he});
            m.put(d + "_RW", new long[]{he, 4L * he});
            m.put(d + "_b", new long[]{4L * he});
        }
        m.put("mu_W", new long[]{2L * he, z});
        m.put("mu_b", new long[]{z});
        m.put("lv_W", new long[]{2L * he, z});
        m.put("lv_b", new long[]{z});
        m.put("h0_W", new long[]{z, hd});
        m.put("h0_b", new long[]{hd});
        m.put("c0_W", new long[]{z, hd});
        m.put("c0_b", new long[]{hd});
        m.put("dec_W", new long[]{v + z, 4L * hd});
        m.put("dec_RW", new long[]{hd, 4L * hd});
        m.put("dec_b", new long[]{4L * hd});
        m.put("out_W", new long[]{hd, v});
        m.put("out_b", new long[]{v});
        return m;
    }

    /** Fresh weights: Xavier-uniform matrices (log σ² ten times smaller, so σ starts near 1), zero biases; seeded. */
    static Map<String, INDArray> initial(VaeConfig c) {
        Random r = new Random(c.seed());
        Map<String, INDArray> out = new LinkedHashMap<>();
        shapes(c).forEach((name, shape) -> {
            int n = 1;
            for (long d : shape) n *= (int) d;
            float[] w = new float[n];
            if (shape.length == 2) {
                double a = Math.sqrt(6.0 / (shape[0] + shape[1])) * (name.startsWith("lv_") ? 0.1 : 1.0);
                for (int i = 0; i < n; i++) w[i] = (float) ((r.nextDouble() * 2 - 1) * a);
            }
            out.put(name, Nd4j.create(w, shape, 'c'));
        });
        return out;
    }

    private static LSTMLayerConfig lstm(boolean sequence, boolean lastH, boolean lastC) {
        return LSTMLayerConfig.builder().lstmdataformat(LSTMDataFormat.NST).directionMode(LSTMDirectionMode.FWD)
                .gateAct(LSTMActivations.SIGMOID).cellAct(LSTMActivations.TANH).outAct(LSTMActivations.TANH)
                .retFullSequence(sequence).retLastH(lastH).retLastC(lastC).build();
    }

    private static LSTMLayerWeights weights(SameDiff sd, String prefix) {
        return LSTMLayerWeights.builder().weights(sd.getVariable(prefix + "_W")).rWeights(sd.getVariable(prefix + "_RW"))
                .bias(sd.getVariable(prefix + "_b")).build();
    }

    private static void variables(SameDiff sd, Map<String, INDArray> arrays, VaeConfig c, List<String> only) {
        for (String name : shapes(c).keySet())
            if (only == null || only.contains(name)) sd.var(name, arrays.get(name).dup());
    }

    /** The training and evaluation graph, holding copies of the given arrays. */
    static SameDiff training(VaeConfig c, Map<String, INDArray> arrays) {
        SameDiff sd = SameDiff.create();
        int v = vocab(c), t = length(c), z = c.latent(), hd = c.decoderUnits();
        variables(sd, arrays, c, null);
        SDVariable x = sd.placeHolder(X, DataType.FLOAT, -1, v, t);
        SDVariable xin = sd.placeHolder(XIN, DataType.FLOAT, -1, v, t);
        SDVariable eps = sd.placeHolder(EPS, DataType.FLOAT, -1, z);
        SDVariable labels = sd.placeHolder(LABELS, DataType.FLOAT, -1, v);
        SDVariable mask = sd.placeHolder(MASK, DataType.FLOAT, -1);
        SDVariable beta = sd.placeHolder(BETA, DataType.FLOAT);
        SDVariable freeNats = sd.placeHolder(FREE, DataType.FLOAT);

        // encoder: forwards and backwards over the padded excerpt; the last states summarise it
        SDVariable hf = sd.rnn.lstmLayer(x, weights(sd, "encF"), lstm(false, true, false))[0];
        SDVariable hb = sd.rnn.lstmLayer(sd.reverse(x, 2), weights(sd, "encB"), lstm(false, true, false))[0];
        SDVariable enc = sd.concat(1, hf, hb);
        SDVariable mu = enc.mmul(sd.getVariable("mu_W")).add(MU, sd.getVariable("mu_b"));
        SDVariable logvar = enc.mmul(sd.getVariable("lv_W")).add(LOGVAR, sd.getVariable("lv_b"));
        SDVariable zz = mu.add(sd.math.exp(logvar.mul(0.5)).mul(eps));

        // decoder: initial state from z, z beside the previous token at every step
        SDVariable h0 = sd.math.tanh(zz.mmul(sd.getVariable("h0_W")).add(sd.getVariable("h0_b")));
        SDVariable c0 = sd.math.tanh(zz.mmul(sd.getVariable("c0_W")).add(sd.getVariable("c0_b")));
        SDVariable zt = sd.reshape(zz, -1, z, 1).mul(sd.constant("onesT", Nd4j.ones(DataType.FLOAT, 1, 1, t)));
        SDVariable dIn = sd.concat(1, xin, zt);
        SDVariable y = sd.rnn.lstmLayer(dIn, c0, h0, null, weights(sd, "dec"), lstm(true, false, false))[0]; // [B, hd, T]
        SDVariable flat = sd.reshape(sd.permute(y, 0, 2, 1), -1, hd);
        SDVariable logits = flat.mmul(sd.getVariable("out_W")).add(LOGITS, sd.getVariable("out_b")); // [B*T, v]
        SDVariable logp = sd.nn.logSoftmax(logits); // over the last dimension, the tokens (the overload with a dimension fails in backprop here)
        SDVariable nllStep = logp.mul(labels).sum(1).mul(mask).neg(); // [B*T]
        SDVariable nllEach = sd.reshape(nllStep, -1, t).sum(1); // [B]
        SDVariable klEach = mu.mul(mu).add(sd.math.exp(logvar)).sub(logvar).sub(1.0).sum(1).mul(KL_EACH, 0.5); // [B]
        SDVariable klCost = sd.nn.relu(klEach.sub(freeNats), 0);
        SDVariable loss = nllEach.add(klCost.mul(beta)).mean(LOSS);
        nllEach.sum(RECON);
        klEach.sum(KL);
        sd.setLossVariables(loss);
        return sd;
    }

    static final List<String> DECODER = List.of("dec_W", "dec_RW", "dec_b", "out_W", "out_b");

    /** One decoder step: previous token one-hot, z, state in; logits and state out. */
    static SameDiff step(VaeConfig c, Map<String, INDArray> arrays) {
        SameDiff sd = SameDiff.create();
        int v = vocab(c), z = c.latent(), hd = c.decoderUnits();
        variables(sd, arrays, c, DECODER);
        SDVariable in = sd.placeHolder(IN, DataType.FLOAT, -1, v);
        SDVariable zz = sd.placeHolder(Z, DataType.FLOAT, -1, z);
        SDVariable h = sd.placeHolder(H, DataType.FLOAT, -1, hd);
        SDVariable cc = sd.placeHolder(C, DataType.FLOAT, -1, hd);
        SDVariable x = sd.reshape(sd.concat(1, in, zz), -1, v + z, 1);
        SDVariable[] out = sd.rnn.lstmLayer(x, cc, h, null, weights(sd, "dec"), lstm(false, true, true));
        out[0].rename(HL);
        out[1].rename(CL);
        out[0].mmul(sd.getVariable("out_W")).add(STEP_LOGITS, sd.getVariable("out_b"));
        return sd;
    }
}
