import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import tunesmith.model.LstmConfig;

/**
 * Speed of Tunesmith's default next-token LSTM network (built by tunesmith.model.Networks, as
 * training builds it: 2x256, dropout 0.3, one-hot input, TBPTT 64, Adam, clipping) with DL4J's
 * LSTM layer or our fused one. One configuration per run, one line of output:
 *
 *   java -cp JAR:CLASSPATH bench/LstmSpeed.java train  stock|fused BATCH SECONDS BLAS_THREADS VOCAB
 *   java -cp JAR:CLASSPATH bench/LstmSpeed.java sample stock|fused BATCH SECONDS BLAS_THREADS VOCAB
 *
 * train: fit() on random one-hot windows of 64 steps (every step a target), tokens/s = batch x 64
 * x updates / seconds, after a warm-up. sample: one step at a time, the argmax fed back, tokens/s =
 * batch x steps / seconds; through rnnTimeStep for DL4J's LSTM, through tunesmith's Stepper (what
 * sampling uses) for the fused one. Run by bench/lstm-speed.sh.
 */
public class LstmSpeed {
    public static void main(String[] a) throws Exception {
        String mode = a[0];
        boolean fused = a[1].equals("fused");
        int batch = Integer.parseInt(a[2]);
        double seconds = Double.parseDouble(a[3]);
        int blas = Integer.parseInt(a[4]);
        int vocab = Integer.parseInt(a[5]);
        Nd4j.factory().blas().setMaxThreads(blas);
        LstmConfig c = LstmConfig.DEFAULTS.withBatch(batch).withFused(fused);
        Method m = Class.forName("tunesmith.model.Networks").getDeclaredMethod("lstm", LstmConfig.class, int.class, int.class, boolean.class);
        m.setAccessible(true); // the builder training uses, so the measured network is the trained one
        MultiLayerNetwork net = (MultiLayerNetwork) m.invoke(null, c, vocab, vocab, false);
        Random r = new Random(1);
        double rate;
        long cpu0;
        double perCpu;
        if (mode.equals("train")) {
            DataSet[] data = new DataSet[4];
            for (int i = 0; i < data.length; i++) {
                INDArray x = Nd4j.zeros(DataType.FLOAT, batch, vocab, 64), y = Nd4j.zeros(DataType.FLOAT, batch, vocab, 64);
                for (int b = 0; b < batch; b++) {
                    int prev = r.nextInt(vocab);
                    for (int t = 0; t < 64; t++) {
                        int next = r.nextInt(vocab);
                        x.putScalar(new int[]{b, prev, t}, 1f);
                        y.putScalar(new int[]{b, next, t}, 1f);
                        prev = next;
                    }
                }
                data[i] = new DataSet(x, y);
            }
            for (int i = 0; i < 5; i++) net.fit(data[i % data.length]);   // warm-up: JIT, workspaces
            cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            long updates = 0;
            while ((System.nanoTime() - t0) / 1e9 < seconds) net.fit(data[(int) (updates++ % data.length)]);
            rate = updates * batch * 64.0 / ((System.nanoTime() - t0) / 1e9);
            perCpu = updates * batch * 64.0 / ((cpuNanos() - cpu0) / 1e9);
        } else {
            Runnable step, reset;
            if (fused) {   // what sampling uses for fused networks (Generator): the Stepper, token in, probabilities out
                tunesmith.model.fused.Stepper st = tunesmith.model.fused.Stepper.of(net, batch).orElseThrow();
                int[] tokens = new int[batch];
                for (int b = 0; b < batch; b++) tokens[b] = r.nextInt(vocab);
                step = () -> argmax(st.step(tokens), vocab, tokens);
                reset = st::reset;
            } else {
                INDArray[] x = {Nd4j.zeros(DataType.FLOAT, batch, vocab, 1)};
                for (int b = 0; b < batch; b++) x[0].putScalar(new int[]{b, r.nextInt(vocab), 0}, 1f);
                net.rnnClearPreviousState();
                step = () -> x[0] = step(net, x[0], vocab);
                reset = net::rnnClearPreviousState;
            }
            for (int i = 0; i < 200; i++) step.run();                          // warm-up
            cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            long steps = 0;
            while ((System.nanoTime() - t0) / 1e9 < seconds) {
                for (int i = 0; i < 50; i++) step.run();
                steps += 50;
                if (steps % 500 == 0) reset.run();                              // tunes of ~500 tokens
            }
            rate = steps * batch / ((System.nanoTime() - t0) / 1e9);
            perCpu = steps * batch / ((cpuNanos() - cpu0) / 1e9);
        }
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        System.out.printf(Locale.ROOT, "%s %s batch %d blas %d: %.0f tokens/s (load %s) %.0f tokens per CPU second%n",
                mode, fused ? "fused" : "stock", batch, blas, rate, load, perCpu);
    }

    /** CPU time of this process (all its threads), to see through a loaded machine. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The most probable token of each row of probabilities [batch][vocab], into {@code tokens}. */
    private static void argmax(float[] p, int vocab, int[] tokens) {
        for (int b = 0; b < tokens.length; b++) {
            int best = 0;
            for (int k = 1; k < vocab; k++) if (p[b * vocab + k] > p[b * vocab + best]) best = k;
            tokens[b] = best;
        }
    }

    /** One sampling step: the network's output for the current tokens, and the argmax as the next tokens. */
    private static INDArray step(MultiLayerNetwork net, INDArray x, int vocab) {
        INDArray out = net.rnnTimeStep(x);
        INDArray best = Nd4j.argMax(out.reshape(out.size(0), vocab), 1);
        INDArray next = Nd4j.zeros(DataType.FLOAT, x.size(0), vocab, 1);
        for (int b = 0; b < x.size(0); b++) next.putScalar(new int[]{b, best.getInt(b), 0}, 1f);
        return next;
    }
}
