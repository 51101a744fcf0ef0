import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.StringJoiner;
import java.util.function.LongSupplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import tunesmith.kernel.BlasThreads;
import tunesmith.model.LstmConfig;

/**
 * Java side of the fair LSTM speed harness (bench/lstm-speed.sh; the PyTorch side is
 * bench/pytorch/fair_lstm.py, which documents what is matched). One configuration per process,
 * one {@code RESULT {json}} line on stdout:
 *
 *   java -cp JAR:CLASSPATH bench/FairLstm.java export SPLIT OUT WINDOWS BATCH...
 *   java -cp JAR:CLASSPATH bench/FairLstm.java train windows|padded OUT BATCH SECONDS THREADS WARMUP [fused|stock]
 *   java -cp JAR:CLASSPATH bench/FairLstm.java sample - OUT 1 SECONDS THREADS WARMUP [fused|stock]
 *
 * export: from a split exported by {@code tunesmith train --export-tokens} (SPLIT/vocab.txt,
 * train.txt), writes OUT/vocab.txt, OUT/windows.txt (WINDOWS windows of 65 tokens, 64 inputs and
 * their shifted targets, cut from the training tunes at every 64th token and shuffled, seed 42)
 * and OUT/padded-BATCH.txt (the training tunes batched by Batches.plan as the trainer batches
 * epoch 1 with seed 42, one tune a line, a blank line between batches).
 *
 * train: the network tunesmith.model.Networks builds for LstmConfig.DEFAULTS with this batch
 * (2x256, dropout 0.3, one-hot, TBPTT 64, Adam 0.002, ClipL2PerLayer 5), trained by fit() under
 * {@code BlasThreads.with(THREADS, ...)} as tunesmith.train.Trainer runs training. Inside the clock,
 * per batch: the DataSet built from the token rows in memory (windows: one-hot features and labels,
 * no masks, as LstmSpeed did; padded: Batches.categorical, padded to the longest tune and masked, as
 * the trainer builds its batches), then fit() (one update per 64-step chunk). The clock is read after
 * each batch. Tokens: windows batch x 64 per update, padded the real target tokens. WARMUP batches
 * first, not timed.
 *
 * sample: batch 1, one token at a time through the Stepper (what sampling uses for fused networks)
 * under BlasThreads.with(THREADS), the argmax of the returned probabilities fed back, reset every 500
 * tokens; with {@code stock}, DL4J's LSTM through rnnTimeStep.
 */
public class FairLstm {
    static final int TBPTT = 64;

    public static void main(String[] a) throws Exception {
        if (a.length > 0 && a[0].equals("export")) {
            int[] batches = new int[a.length - 4];
            for (int i = 4; i < a.length; i++) batches[i - 4] = Integer.parseInt(a[i]);
            export(Path.of(a[1]), Path.of(a[2]), Integer.parseInt(a[3]), batches);
            return;
        }
        if (a.length < 7) throw new IllegalArgumentException("usage: see the comment at the top of bench/FairLstm.java");
        String mode = a[0], kind = a[1];
        Path data = Path.of(a[2]);
        int batch = Integer.parseInt(a[3]);
        double seconds = Double.parseDouble(a[4]);
        int threads = Integer.parseInt(a[5]), warmup = Integer.parseInt(a[6]);
        boolean fused = a.length < 8 || a[7].equals("fused");
        int vocab = Files.readAllLines(data.resolve("vocab.txt")).size();
        LstmConfig c = LstmConfig.DEFAULTS.withBatch(batch).withFused(fused);
        Method m = Class.forName("tunesmith.model.Networks").getDeclaredMethod("lstm", LstmConfig.class, int.class, int.class, boolean.class);
        m.setAccessible(true); // the builder training uses, so the measured network is the trained one
        MultiLayerNetwork net = (MultiLayerNetwork) m.invoke(null, c, vocab, vocab, false);

        LongSupplier step;   // one batch (train) or 50 tokens (sample); returns the tokens it counts
        long[] updates = {0};
        if (mode.equals("train") && kind.equals("windows")) {
            List<int[]> rows = rows(data.resolve("windows.txt"));
            for (int[] r : rows) if (r.length != TBPTT + 1) throw new IllegalArgumentException(data.resolve("windows.txt") + ": a line of " + r.length + " tokens, expected " + (TBPTT + 1));
            long[] k = {0};
            step = () -> {
                float[] x = new float[batch * vocab * TBPTT], y = new float[batch * vocab * TBPTT];
                for (int b = 0; b < batch; b++) {
                    int[] w = rows.get((int) ((k[0] * batch + b) % rows.size()));
                    for (int t = 0; t < TBPTT; t++) {
                        x[(b * vocab + w[t]) * TBPTT + t] = 1f;
                        y[(b * vocab + w[t + 1]) * TBPTT + t] = 1f;
                    }
                }
                k[0]++;
                net.fit(new DataSet(Nd4j.create(x, new long[]{batch, vocab, TBPTT}, 'c'), Nd4j.create(y, new long[]{batch, vocab, TBPTT}, 'c')));
                updates[0]++;
                return (long) batch * TBPTT;
            };
        } else if (mode.equals("train") && kind.equals("padded")) {
            List<List<int[]>> batches = batches(data.resolve("padded-" + batch + ".txt"));
            Method categorical = Class.forName("tunesmith.model.Batches").getDeclaredMethod("categorical", List.class, int.class, boolean.class);
            categorical.setAccessible(true);
            long[] k = {0};
            step = () -> {
                List<int[]> b = batches.get((int) (k[0]++ % batches.size()));
                DataSet ds;
                try {
                    ds = (DataSet) categorical.invoke(null, b, vocab, false);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                net.fit(ds);
                long tokens = 0;
                int longest = 0;
                for (int[] s : b) { tokens += s.length - 1; longest = Math.max(longest, s.length - 1); }
                updates[0] += (longest + TBPTT - 1) / TBPTT;
                return tokens;
            };
        } else if (mode.equals("sample")) {
            int[] tokens = {5 % vocab};
            long[] done = {0};
            if (fused) {
                tunesmith.model.fused.Stepper st = tunesmith.model.fused.Stepper.of(net, 1).orElseThrow();
                step = () -> {
                    for (int i = 0; i < 50; i++) tokens[0] = argmax(st.step(tokens));
                    if ((done[0] += 50) % 500 == 0) st.reset();
                    return 50;
                };
            } else {
                step = () -> {
                    for (int i = 0; i < 50; i++) {
                        org.nd4j.linalg.api.ndarray.INDArray x = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, vocab, 1);
                        x.putScalar(new int[]{0, tokens[0], 0}, 1f);
                        tokens[0] = argmax(net.rnnTimeStep(x).reshape(vocab).toFloatVector());
                    }
                    if ((done[0] += 50) % 500 == 0) net.rnnClearPreviousState();
                    return 50;
                };
            }
        } else {
            throw new IllegalArgumentException("mode: train windows|padded, or sample; not " + mode + " " + kind);
        }

        String load0 = load();
        double[] result = BlasThreads.with(threads, () -> {
            int warm = mode.equals("sample") ? Math.max(1, warmup / 50) : warmup;
            for (int i = 0; i < warm; i++) step.getAsLong();     // JIT, workspaces; not timed
            updates[0] = 0;
            long tokens = 0;
            long t0 = System.nanoTime();
            while ((System.nanoTime() - t0) / 1e9 < seconds) tokens += step.getAsLong();
            return new double[]{tokens, (System.nanoTime() - t0) / 1e9};
        });
        System.out.printf(Locale.ROOT, "RESULT {\"side\": \"%s\", \"mode\": \"%s\", \"batch\": %d, \"threads\": %d, \"tokens\": %d, "
                        + "\"seconds\": %.3f, \"updates\": %d, \"tokens_per_s\": %.1f, \"last_loss\": %s, \"load_before\": %s, \"load_after\": %s}%n",
                fused ? "fused" : "stock", mode.equals("sample") ? "sample" : kind, batch, threads, (long) result[0], result[1],
                updates[0], result[0] / result[1],
                mode.equals("train") && kind.equals("windows") ? String.format(Locale.ROOT, "%.4f", net.score() / TBPTT) : "null", load0, load());
    }

    static int argmax(float[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
        return best;
    }

    static String load() throws IOException { return Files.readString(Path.of("/proc/loadavg")).split(" ")[0]; }

    static List<int[]> rows(Path file) throws IOException {
        List<int[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) if (!line.isBlank()) out.add(ints(line));
        return out;
    }

    static int[] ints(String line) {
        String[] p = line.trim().split("\\s+");
        int[] r = new int[p.length];
        for (int i = 0; i < p.length; i++) r[i] = Integer.parseInt(p[i]);
        return r;
    }

    static List<List<int[]>> batches(Path file) throws IOException {
        List<List<int[]>> out = new ArrayList<>();
        List<int[]> cur = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) cur.add(ints(line));
            else if (!cur.isEmpty()) { out.add(cur); cur = new ArrayList<>(); }
        }
        if (!cur.isEmpty()) out.add(cur);
        return out;
    }

    @SuppressWarnings("unchecked")
    static void export(Path split, Path out, int windows, int[] batchSizes) throws Exception {
        List<int[]> train = rows(split.resolve("train.txt"));
        Files.createDirectories(out);
        Files.copy(split.resolve("vocab.txt"), out.resolve("vocab.txt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<int[]> cut = new ArrayList<>();
        for (int[] s : train)
            for (int o = 0; o + TBPTT + 1 <= s.length; o += TBPTT) cut.add(java.util.Arrays.copyOfRange(s, o, o + TBPTT + 1));
        Collections.shuffle(cut, new Random(42));
        if (cut.size() < windows) throw new IllegalArgumentException(split + "/train.txt gives " + cut.size() + " windows of " + (TBPTT + 1) + " tokens, fewer than the " + windows + " asked");
        StringBuilder w = new StringBuilder();
        for (int[] r : cut.subList(0, windows)) w.append(line(r)).append('\n');
        Files.writeString(out.resolve("windows.txt"), w);
        Method plan = Class.forName("tunesmith.model.Batches").getDeclaredMethod("plan", List.class, int.class, long.class);
        plan.setAccessible(true);
        long seed = LstmConfig.DEFAULTS.seed() * 1_000_003L + 1;   // as Task.batches seeds epoch 1
        for (int b : batchSizes) {
            StringBuilder p = new StringBuilder();
            for (List<int[]> batch : (List<List<int[]>>) plan.invoke(null, train, b, seed)) {
                for (int[] s : batch) p.append(line(s)).append('\n');
                p.append('\n');
            }
            Files.writeString(out.resolve("padded-" + b + ".txt"), p);
        }
        System.out.println("exported " + windows + " windows of " + cut.size() + " and the padded batches " + java.util.Arrays.toString(batchSizes) + " of " + train.size() + " tunes to " + out);
    }

    static String line(int[] r) {
        StringJoiner j = new StringJoiner(" ");
        for (int t : r) j.add(Integer.toString(t));
        return j.toString();
    }
}
