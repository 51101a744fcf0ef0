package tunesmith.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/** What a network learns: next token of a sequence (softmax) or next frame of a piano roll (sigmoids). */
abstract class Task {

    /** Loss per token (nats) and accuracy over a set of sequences, in evaluation mode. */
    record Metrics(double loss, double accuracy, long tokens) {}

    abstract int inputs();

    abstract int outputs();

    abstract boolean multiHot();

    abstract int trainSize();

    /**
     * The training batches of one epoch, in a seeded order, each built when it is asked for: an
     * epoch's one-hot batches held at once were about a gigabyte off the heap (the folk split), and
     * since they lived through the epoch their small heap wrappers reached the old generation, where
     * G1 collected them too rarely to free that memory: a 30-minute training run grew to 24 GB and
     * was killed. The caller builds one, fits it and frees it ({@link #free}).
     */
    abstract List<Supplier<DataSet>> batches(int epoch, long seed, int batch);

    /** Frees a batch's arrays now, rather than when the garbage collector reaches them. */
    static void free(DataSet ds) {
        for (INDArray a : new INDArray[]{ds.getFeatures(), ds.getLabels(), ds.getFeaturesMaskArray(), ds.getLabelsMaskArray()})
            if (a != null && !a.wasClosed() && a.closeable()) a.close();
    }

    abstract long tokens(DataSet ds);

    abstract long trainTokens();

    abstract long validTokens();

    abstract Metrics validation(MultiLayerNetwork net);

    /** Metrics on up to a few hundred training sequences, to compare with validation. */
    abstract Metrics trainSample(MultiLayerNetwork net);

    static long maskSum(DataSet ds) { return ds.getLabelsMaskArray().sumNumber().longValue(); }

    /** Categorical next-token prediction over a vocabulary. */
    static final class Tokens extends Task {
        private final List<int[]> train, valid;
        private final List<int[]> trainConditions, validConditions; // null without conditioning
        private final int vocab, width;
        private final boolean indices;

        Tokens(List<int[]> train, List<int[]> valid, int vocab, boolean embedding) {
            this(train, null, valid, null, vocab, 0, embedding);
        }

        /** Tokens with {@code width} conditioning columns a step (bit sets parallel to the sequences' input steps). */
        Tokens(List<int[]> train, List<int[]> trainConditions, List<int[]> valid, List<int[]> validConditions, int vocab, int width, boolean embedding) {
            if (width > 0 && (trainConditions == null || validConditions == null))
                throw new IllegalArgumentException("a model with " + width + " conditioning columns needs data with its conditions (encode it with model.encoding())");
            this.train = train;
            this.valid = valid;
            this.trainConditions = width > 0 ? trainConditions : null;
            this.validConditions = width > 0 ? validConditions : null;
            this.vocab = vocab;
            this.width = width;
            this.indices = embedding;
        }

        int inputs() { return vocab + width; }
        int outputs() { return vocab; }
        boolean multiHot() { return false; }
        int trainSize() { return train.size(); }
        long trainTokens() { return Batches.tokens(train); }
        long validTokens() { return Batches.tokens(valid); }
        long tokens(DataSet ds) { return maskSum(ds); }

        List<Supplier<DataSet>> batches(int epoch, long seed, int batch) {
            List<Supplier<DataSet>> out = new ArrayList<>();
            long s = seed * 1_000_003L + epoch;
            if (width == 0) {
                for (List<int[]> b : Batches.plan(train, batch, s)) out.add(() -> Batches.categorical(b, vocab, indices));
                return out;
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) order.add(i);
            for (List<Integer> b : Batches.plan(order, i -> train.get(i).length, batch, s))
                out.add(() -> Batches.categorical(b.stream().map(train::get).toList(), b.stream().map(trainConditions::get).toList(), vocab, width, indices));
            return out;
        }

        Metrics validation(MultiLayerNetwork net) { return evaluate(net, valid, validConditions); }

        Metrics trainSample(MultiLayerNetwork net) {
            int n = Math.min(train.size(), 256);
            return evaluate(net, train.subList(0, n), trainConditions == null ? null : trainConditions.subList(0, n));
        }

        Metrics evaluate(MultiLayerNetwork net, List<int[]> seqs) { return evaluate(net, seqs, null); }

        Metrics evaluate(MultiLayerNetwork net, List<int[]> seqs, List<int[]> conditions) {
            if (width > 0 && conditions == null)
                throw new IllegalArgumentException("this model hears " + width + " conditioning columns a step: evaluate it on data encoded with model.encoding()");
            double nll = 0, correct = 0;
            long n = 0;
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < seqs.size(); i++) order.add(i);
            order.sort(java.util.Comparator.comparingInt(i -> seqs.get(i).length));
            for (int from = 0; from < order.size(); from += 32) {
                List<Integer> b = order.subList(from, Math.min(order.size(), from + 32));
                DataSet ds = Batches.categorical(b.stream().map(seqs::get).toList(),
                        width > 0 ? b.stream().map(conditions::get).toList() : null, vocab, width, indices);
                INDArray p = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());
                INDArray mask = ds.getLabelsMaskArray();
                INDArray target = p.mul(ds.getLabels()).sum(1); // probability given to the true next token, [B, T]
                INDArray logp = Transforms.log(Transforms.max(target, 1e-12), false);
                nll -= logp.mul(mask).sumNumber().doubleValue();
                INDArray hit = Nd4j.argMax(p, 1).eq(Nd4j.argMax(ds.getLabels(), 1)).castTo(mask.dataType());
                correct += hit.mul(mask).sumNumber().doubleValue();
                n += mask.sumNumber().longValue();
            }
            return new Metrics(n == 0 ? Double.NaN : nll / n, n == 0 ? Double.NaN : correct / n, n);
        }
    }

    /** Piano-roll frames: the next frame's keys, each a sigmoid; loss summed over keys per frame. */
    static final class Rolls extends Task {
        private final List<boolean[][]> train, valid;
        private final int keys;

        Rolls(List<boolean[][]> train, List<boolean[][]> valid, int keys) {
            this.train = train;
            this.valid = valid;
            this.keys = keys;
        }

        int inputs() { return keys; }
        int outputs() { return keys; }
        boolean multiHot() { return true; }
        int trainSize() { return train.size(); }
        long trainTokens() { return train.stream().mapToLong(r -> r.length - 1).sum(); }
        long validTokens() { return valid.stream().mapToLong(r -> r.length - 1).sum(); }
        long tokens(DataSet ds) { return maskSum(ds); }

        List<Supplier<DataSet>> batches(int epoch, long seed, int batch) {
            List<boolean[][]> shuffled = new ArrayList<>(train);
            java.util.Collections.shuffle(shuffled, new java.util.Random(seed * 1_000_003L + epoch));
            List<Supplier<DataSet>> out = new ArrayList<>();
            for (int i = 0; i < shuffled.size(); i += batch) {
                List<boolean[][]> b = shuffled.subList(i, Math.min(shuffled.size(), i + batch));
                out.add(() -> Batches.multiHot(b, keys));
            }
            return out;
        }

        Metrics validation(MultiLayerNetwork net) { return evaluate(net, valid); }

        Metrics trainSample(MultiLayerNetwork net) { return evaluate(net, train.subList(0, Math.min(train.size(), 128))); }

        /** Frame NLL = -Σ_keys [y log p + (1-y) log(1-p)], and accuracy TP/(TP+FP+FN) as in Boulanger-Lewandowski (2012). */
        Metrics evaluate(MultiLayerNetwork net, List<boolean[][]> rolls) {
            double nll = 0, tp = 0, fp = 0, fn = 0;
            long n = 0;
            for (int i = 0; i < rolls.size(); i += 16) {
                DataSet ds = Batches.multiHot(rolls.subList(i, Math.min(rolls.size(), i + 16)), keys);
                INDArray p = Transforms.max(Transforms.min(net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), ds.getLabelsMaskArray()), 1 - 1e-7), 1e-7);
                INDArray y = ds.getLabels();
                INDArray mask = ds.getLabelsMaskArray(); // [B, T]
                INDArray ll = y.mul(Transforms.log(p, true)).add(y.rsub(1.0).mul(Transforms.log(p.rsub(1.0), false))).sum(1);
                nll -= ll.mul(mask).sumNumber().doubleValue();
                INDArray on = p.cond(Conditions.greaterThan(0.5)).castTo(y.dataType());
                INDArray m3 = mask.reshape(mask.size(0), 1, mask.size(1)).broadcast(y.shape());
                tp += on.mul(y).mul(m3).sumNumber().doubleValue();
                fp += on.mul(y.rsub(1.0)).mul(m3).sumNumber().doubleValue();
                fn += on.rsub(1.0).mul(y).mul(m3).sumNumber().doubleValue();
                n += mask.sumNumber().longValue();
            }
            double acc = tp + fp + fn == 0 ? 0 : tp / (tp + fp + fn);
            return new Metrics(n == 0 ? Double.NaN : nll / n, acc, n);
        }
    }

    /** A class for every step of an input line (sequence labelling, e.g. the alto under a soprano); softmax per step. */
    static final class Labels extends Task {
        private final List<Batches.Labelled> train, valid;
        private final int[] sizes;
        private final int classes;

        Labels(List<Batches.Labelled> train, List<Batches.Labelled> valid, int[] sizes, int classes) {
            this.train = train;
            this.valid = valid;
            this.sizes = sizes.clone();
            this.classes = classes;
        }

        int inputs() { return java.util.Arrays.stream(sizes).sum(); }
        int outputs() { return classes; }
        boolean multiHot() { return false; }
        int trainSize() { return train.size(); }
        long trainTokens() { return train.stream().mapToLong(Batches.Labelled::length).sum(); }
        long validTokens() { return valid.stream().mapToLong(Batches.Labelled::length).sum(); }
        long tokens(DataSet ds) { return maskSum(ds); }

        List<Supplier<DataSet>> batches(int epoch, long seed, int batch) {
            List<Batches.Labelled> shuffled = new ArrayList<>(train);
            java.util.Collections.shuffle(shuffled, new java.util.Random(seed * 1_000_003L + epoch));
            List<Supplier<DataSet>> out = new ArrayList<>();
            for (int i = 0; i < shuffled.size(); i += batch) {
                List<Batches.Labelled> b = shuffled.subList(i, Math.min(shuffled.size(), i + batch));
                out.add(() -> Batches.labelled(b, sizes, classes));
            }
            return out;
        }

        Metrics validation(MultiLayerNetwork net) { return evaluate(net, valid); }

        Metrics trainSample(MultiLayerNetwork net) { return evaluate(net, train.subList(0, Math.min(train.size(), 128))); }

        Metrics evaluate(MultiLayerNetwork net, List<Batches.Labelled> xs) {
            double nll = 0, correct = 0;
            long n = 0;
            for (int i = 0; i < xs.size(); i += 16) {
                DataSet ds = Batches.labelled(xs.subList(i, Math.min(xs.size(), i + 16)), sizes, classes);
                INDArray p = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());
                INDArray mask = ds.getLabelsMaskArray();
                INDArray logp = Transforms.log(Transforms.max(p.mul(ds.getLabels()).sum(1), 1e-12), false);
                nll -= logp.mul(mask).sumNumber().doubleValue();
                correct += Nd4j.argMax(p, 1).eq(Nd4j.argMax(ds.getLabels(), 1)).castTo(mask.dataType()).mul(mask).sumNumber().doubleValue();
                n += mask.sumNumber().longValue();
            }
            return new Metrics(n == 0 ? Double.NaN : nll / n, n == 0 ? Double.NaN : correct / n, n);
        }

        /** The most probable class at every step of each input (argmax), in order. */
        List<int[]> predict(MultiLayerNetwork net, List<Batches.Labelled> xs) {
            List<int[]> out = new ArrayList<>();
            for (int i = 0; i < xs.size(); i += 16) {
                List<Batches.Labelled> part = xs.subList(i, Math.min(xs.size(), i + 16));
                DataSet ds = Batches.labelled(part, sizes, classes);
                INDArray best = Nd4j.argMax(net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), ds.getLabelsMaskArray()), 1);
                for (int k = 0; k < part.size(); k++) {
                    int[] y = new int[part.get(k).length()];
                    for (int t = 0; t < y.length; t++) y[t] = best.getInt(k, t);
                    out.add(y);
                }
            }
            return out;
        }
    }
}
