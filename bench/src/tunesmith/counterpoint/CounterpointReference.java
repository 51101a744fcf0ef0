package tunesmith.counterpoint;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import tunesmith.Tunesmith;
import tunesmith.corpus.Chorales;
import tunesmith.kernel.BlasThreads;

/**
 * The counterpoint network's side of the PyTorch comparison (bench/pytorch/counterpoint.py,
 * bench/model-speed.sh): exports the encoded batches {@link CounterpointLearner} trains on, and
 * trains {@link Network} (CounterpointConfig.DEFAULTS) on exactly that exported plan.
 *
 * <pre>
 * export DIR [EPOCHS]                  the JSB train split's batch plan for epochs 1..EPOCHS (default 40), encoded
 * speed DIR SECONDS THREADS            training voice-steps/s after a warm-up of 3 batches
 * loss DIR TARGET BUDGET THREADS       train epoch by epoch until the valid NLL per voice-step reaches TARGET or BUDGET s pass
 * </pre>
 *
 * The plan is the learner's: the train split sorted by length, cut into batches of 8, the batches
 * shuffled by Random(seed·1,000,003 + epoch), each chorale moved by a shift drawn from the same
 * Random in order (a shift that takes a voice off its grid leaves the chorale where it is). So the
 * random transposition is fixed in advance: both sides see the same transposed chorales.
 * A token is a voice-step (3 per chorale step, as the learner's {@code tokens()}). Inside the clock:
 * Network.batch (the encoding) and net.fit, as the learner's step; the loss mode's clock stops
 * while validating.
 */
public final class CounterpointReference {

    public static void main(String[] a) throws IOException {
        if (a.length < 2) throw new IllegalArgumentException("usage: export DIR [EPOCHS] | speed DIR SECONDS THREADS | loss DIR TARGET BUDGET THREADS");
        Path dir = Path.of(a[1]);
        switch (a[0]) {
            case "export" -> export(dir, a.length > 2 ? Integer.parseInt(a[2]) : 40);
            case "speed" -> speed(dir, Double.parseDouble(a[2]), Integer.parseInt(a[3]));
            case "loss" -> loss(dir, Double.parseDouble(a[2]), Double.parseDouble(a[3]), Integer.parseInt(a[4]));
            default -> throw new IllegalArgumentException("unknown mode " + a[0] + ": expected export, speed or loss");
        }
    }

    /** The train split as the learner holds it: sorted by length (stable). */
    private static List<Network.Example> train(Chorales ch) {
        List<Network.Example> t = new ArrayList<>(Counterpoint.examples(ch.train()));
        t.sort(Comparator.comparingInt(Network.Example::length));
        return t;
    }

    /** One batch of the plan: (index into the sorted train split, shift actually applied) per chorale. */
    record Item(int chorale, int shift) {}

    /** CounterpointLearner.batches(epoch)'s chunks and transpositions, as indices and shifts. */
    static List<List<Item>> plan(List<Network.Example> train, CounterpointConfig c, int epoch) {
        Random random = new Random(c.seed() * 1_000_003L + epoch);
        List<int[]> chunks = new ArrayList<>();
        for (int i = 0; i < train.size(); i += c.batch()) chunks.add(new int[]{i, Math.min(train.size(), i + c.batch())});
        Collections.shuffle(chunks, random);
        List<List<Item>> out = new ArrayList<>();
        for (int[] chunk : chunks) {
            List<Item> b = new ArrayList<>();
            for (int i = chunk[0]; i < chunk[1]; i++) {
                int range = c.transpose(), shift = range == 0 ? 0 : random.nextInt(2 * range + 2) - range;
                b.add(new Item(i, shift != 0 && train.get(i).transposed(shift) == null ? 0 : shift));
            }
            out.add(b);
        }
        return out;
    }

    /**
     * plan.txt: "epoch c:s c:s ..." a batch a line (sorted-train index : shift). train.txt: every
     * chorale:shift the plan uses, encoded; valid.txt: the valid split, encoded. An encoded chorale is
     * a header "id T" then 7 lines: the nonzero (all 1) positions t·W + f of the four inputs
     * (soprano, previous, altoNow, altoTenorNow, each [T, W]), then the class per step of alto, tenor, bass.
     * config.json: widths, classes, the config and the Java net's parameter count.
     */
    static void export(Path dir, int epochs) throws IOException {
        CounterpointConfig c = CounterpointConfig.DEFAULTS;
        Chorales ch = Tunesmith.chorales();
        List<Network.Example> train = train(ch), valid = Counterpoint.examples(ch.valid());
        Files.createDirectories(dir);
        Map<String, Network.Example> used = new LinkedHashMap<>();
        try (PrintWriter plan = new PrintWriter(Files.newBufferedWriter(dir.resolve("plan.txt")))) {
            for (int e = 1; e <= epochs; e++)
                for (List<Item> b : plan(train, c, e)) {
                    StringBuilder l = new StringBuilder().append(e);
                    for (Item it : b) {
                        String id = it.chorale() + ":" + it.shift();
                        used.computeIfAbsent(id, k -> train.get(it.chorale()).transposed(it.shift()));
                        l.append(' ').append(id);
                    }
                    plan.println(l);
                }
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("train.txt")))) {
            for (Map.Entry<String, Network.Example> e : used.entrySet()) write(out, e.getKey(), e.getValue());
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("valid.txt")))) {
            for (int i = 0; i < valid.size(); i++) write(out, "v" + i, valid.get(i));
        }
        long params = Network.build(c).numParams();
        Files.writeString(dir.resolve("config.json"), String.format(Locale.ROOT, """
                {"layers": %d, "units": %d, "head": %d, "dropout": %s, "learning_rate": %s, "decay": %s, "clip": %s, "batch": %d, "seed": %d,
                 "transpose": %d, "widths": [%d, %d, %d, %d], "classes": [%d, %d, %d], "java_parameters": %d, "epochs": %d,
                 "train_chorales": %d, "valid_chorales": %d}
                """, c.layers(), c.units(), c.head(), c.dropout(), c.learningRate(), c.decay(), c.clip(), c.batch(), c.seed(), c.transpose(),
                Encoding.SOPRANO_WIDTH, Encoding.PREVIOUS_WIDTH, Encoding.stateWidth(0), Encoding.stateWidth(0) + Encoding.stateWidth(1),
                Encoding.VOICES[0].classes(), Encoding.VOICES[1].classes(), Encoding.VOICES[2].classes(), params, epochs, train.size(), valid.size()));
        System.out.printf(Locale.ROOT, "%s%nexported to %s: %d train chorales (%d chorale:shift pairs used by %d epochs), %d valid; Java parameters %,d%n",
                c.toText(), dir, train.size(), used.size(), epochs, valid.size(), params);
    }

    /** One chorale as Network.batch encodes it (a batch of one: no padding). */
    private static void write(PrintWriter out, String id, Network.Example e) {
        MultiDataSet ds = Network.batch(List.of(e));
        int len = e.length();
        out.println(id + " " + len);
        for (INDArray f : ds.getFeatures()) { // [1, W, T]
            int w = (int) f.size(1);
            float[] x = f.dup('c').data().asFloat();
            StringBuilder l = new StringBuilder();
            for (int t = 0; t < len; t++)
                for (int k = 0; k < w; k++) {
                    float v = x[k * len + t];
                    if (v == 0) continue;
                    if (v != 1) throw new IllegalStateException("chorale " + id + ": feature " + k + " at step " + t + " is " + v + "; the export holds 0/1 features only");
                    l.append(t * w + k).append(' ');
                }
            out.println(l.toString().trim());
        }
        for (INDArray y : ds.getLabels()) { // [1, C, T] one-hot
            int classes = (int) y.size(1);
            float[] x = y.dup('c').data().asFloat();
            StringBuilder l = new StringBuilder();
            for (int t = 0; t < len; t++)
                for (int k = 0; k < classes; k++) if (x[k * len + t] == 1) l.append(k).append(' ');
            out.println(l.toString().trim());
        }
    }

    /** The exported plan read back: batches of examples (moved as the plan says), and the epoch of each. */
    private static List<List<Network.Example>> readPlan(Path dir, List<Network.Example> train, List<Integer> epochOf) throws IOException {
        List<List<Network.Example>> out = new ArrayList<>();
        for (String l : Files.readAllLines(dir.resolve("plan.txt"))) {
            if (l.isBlank()) continue;
            String[] f = l.trim().split(" ");
            List<Network.Example> b = new ArrayList<>();
            for (int i = 1; i < f.length; i++) {
                String[] cs = f[i].split(":");
                Network.Example e = train.get(Integer.parseInt(cs[0])), moved = e.transposed(Integer.parseInt(cs[1]));
                if (moved == null) throw new IllegalStateException("plan.txt: " + f[i] + " takes a voice off its grid; re-export");
                b.add(moved);
            }
            out.add(b);
            epochOf.add(Integer.parseInt(f[0]));
        }
        return out;
    }

    /**
     * A fresh network as Counterpoint.train trains it: a clone of Network.build's. The clone matters:
     * Network.build gives every layer one shared Dropout instance, whose mask the next layer's pass
     * clears before backprop needs it; cloning the configuration gives each layer its own.
     */
    private static ComputationGraph trainable(CounterpointConfig c) { return Network.build(c).clone(); }

    private static long tokens(List<Network.Example> batch) { return 3L * batch.stream().mapToLong(Network.Example::length).sum(); }

    static void speed(Path dir, double seconds, int threads) throws IOException {
        CounterpointConfig c = CounterpointConfig.DEFAULTS;
        List<Network.Example> train = train(Tunesmith.chorales());
        List<List<Network.Example>> plan = readPlan(dir, train, new ArrayList<>());
        BlasThreads.with(threads, () -> {
            ComputationGraph net = trainable(c);
            System.out.printf(Locale.ROOT, "java counterpoint: %,d parameters, %d planned batches of %d, OpenBLAS %d threads, OMP_NUM_THREADS=%s%n", net.numParams(),
                    plan.size(), c.batch(), org.nd4j.linalg.factory.Nd4j.factory().blas().getMaxThreads(), System.getenv("OMP_NUM_THREADS"));
            for (int i = 0; i < 3; i++) net.fit(Network.batch(plan.get(i))); // warm-up: JIT, workspaces
            long t0 = System.nanoTime(), tokens = 0;
            int n = 0;
            double sec;
            do {
                List<Network.Example> b = plan.get(n % plan.size());
                net.fit(Network.batch(b));
                tokens += tokens(b);
                n++;
                sec = (System.nanoTime() - t0) / 1e9;
            } while (sec < seconds);
            System.out.printf(Locale.ROOT, "java counterpoint: %,d voice-steps in %d batches, %.2f s%nRESULT tokens_per_s=%.1f%n", tokens, n, sec, tokens / sec);
            return null;
        });
    }

    static void loss(Path dir, double target, double budget, int threads) throws IOException {
        CounterpointConfig c = CounterpointConfig.DEFAULTS;
        Chorales ch = Tunesmith.chorales();
        List<Network.Example> train = train(ch), valid = Counterpoint.examples(ch.valid());
        List<Integer> epochOf = new ArrayList<>();
        List<List<Network.Example>> plan = readPlan(dir, train, epochOf);
        BlasThreads.with(threads, () -> {
            ComputationGraph net = trainable(c);
            System.out.printf(Locale.ROOT, "java counterpoint: %,d parameters, target valid NLL per voice-step %.4f, budget %.0f s, OpenBLAS %d threads%n",
                    net.numParams(), target, budget, org.nd4j.linalg.factory.Nd4j.factory().blas().getMaxThreads());
            double clock = 0;
            long tokens = 0, w0 = System.nanoTime();
            for (int i = 0; i < plan.size(); i++) {
                long t0 = System.nanoTime();
                net.fit(Network.batch(plan.get(i)));
                clock += (System.nanoTime() - t0) / 1e9;
                tokens += tokens(plan.get(i));
                if (i + 1 == plan.size() || !epochOf.get(i + 1).equals(epochOf.get(i)) || clock >= budget) {
                    // as CounterpointLearner.evaluate: the epoch count drives the learning-rate schedule
                    net.getConfiguration().setEpochCount(net.getConfiguration().getEpochCount() + 1);
                    CounterpointLearner.Scores v = CounterpointLearner.scores(net, valid);
                    System.out.printf(Locale.ROOT, "EVAL epoch=%d train_s=%.1f wall_s=%.1f tokens=%d valid_nll=%.4f valid_acc=%.4f%n",
                            epochOf.get(i), clock, (System.nanoTime() - w0) / 1e9, tokens, v.meanNll(), v.meanAccuracy());
                    if (v.meanNll() <= target) { System.out.printf(Locale.ROOT, "RESULT reached=1 train_s=%.1f valid_nll=%.4f%n", clock, v.meanNll()); return null; }
                    if (clock >= budget) { System.out.printf(Locale.ROOT, "RESULT reached=0 train_s=%.1f valid_nll=%.4f%n", clock, v.meanNll()); return null; }
                }
            }
            System.out.printf(Locale.ROOT, "RESULT reached=0 train_s=%.1f (the exported epochs ran out: export more)%n", clock);
            return null;
        });
    }
}
