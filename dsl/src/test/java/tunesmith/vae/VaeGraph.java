package tunesmith.vae;

import java.util.List;
import java.util.Map;
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
 * The test oracle: the VAE as the SameDiff graphs it was first trained with, built in code (SameDiff.load cannot read graphs with lstmLayer, so a
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
 *
 * <p>Its encoder reads the padded excerpt (the forward LSTM's last state comes after the padding,
 * the backward one starts on it); {@link VaeNet} reads each excerpt's real steps only, so the two
 * agree on batches of full-length excerpts, which is what the tests compare.
 */
final class VaeGraph {

    // placeholders
    static final String X = "x", XIN = "xin", EPS = "eps", LABELS = "labels", MASK = "mask", BETA = "beta", FREE = "freeNats";
    static final String IN = "in", Z = "z", H = "h", C = "c";
    // outputs
    static final String LOSS = "loss", RECON = "recon", KL = "kl", KL_EACH = "klEach", LOGITS = "logits", MU = "mu", LOGVAR = "logvar",
            HL = "hOut", CL = "cOut", STEP_LOGITS = "stepLogits";

    private VaeGraph() {}

    static int vocab(VaeConfig c) { return VaeParams.vocab(c); }

    static int length(VaeConfig c) { return VaeParams.length(c); }

    static Map<String, long[]> shapes(VaeConfig c) { return VaeParams.shapes(c); }

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

    /** Placeholders for a batch; {@code noise} null gives ε = 0 (z = μ). */
    static Map<String, INDArray> placeholders(List<Excerpt> excerpts, VaeConfig c, float[] epsValues, double beta) {
        int b = excerpts.size(), v = vocab(c), t = length(c), g = VaeData.grid(c).classes(), z = c.latent();
        float[] x = new float[b * v * t], xin = new float[b * v * t], labels = new float[b * t * v], mask = new float[b * t];
        float[] eps = epsValues == null ? new float[b * z] : epsValues.clone();
        for (int i = 0; i < b; i++) {
            int[] tok = VaeBatch.tokens(excerpts.get(i), g);
            for (int k = 0; k < tok.length; k++) {
                x[(i * v + tok[k]) * t + k] = 1f;
                if (k + 1 < t) xin[(i * v + tok[k]) * t + k + 1] = 1f;
                labels[(i * t + k) * v + tok[k]] = 1f;
                mask[i * t + k] = 1f;
            }
        }
        Map<String, INDArray> m = new java.util.HashMap<>();
        m.put(X, Nd4j.create(x, new long[]{b, v, t}, 'c'));
        m.put(XIN, Nd4j.create(xin, new long[]{b, v, t}, 'c'));
        m.put(LABELS, Nd4j.create(labels, new long[]{(long) b * t, v}, 'c'));
        m.put(MASK, Nd4j.create(mask, new long[]{(long) b * t}, 'c'));
        m.put(EPS, Nd4j.create(eps, new long[]{b, z}, 'c'));
        m.put(BETA, Nd4j.scalar(DataType.FLOAT, (float) beta));
        m.put(FREE, Nd4j.scalar(DataType.FLOAT, (float) c.freeNats()));
        return m;
    }
}
