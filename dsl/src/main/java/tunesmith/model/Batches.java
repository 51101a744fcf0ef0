package tunesmith.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns token sequences into Deeplearning4j batches for next-step prediction: input x = the
 * sequence, label y = the sequence shifted one step; padded to the longest sequence of the batch
 * and masked, so variable-length tunes train together without learning from padding.
 */
final class Batches {

    private Batches() {}

    /**
     * Shuffled batches (seeded): sequences are grouped by length inside windows of 20 batches so
     * little time goes into padding, then the batch order is shuffled.
     */
    static List<List<int[]>> plan(List<int[]> sequences, int batch, long seed) {
        return plan(sequences, s -> s.length, batch, seed);
    }

    /** {@link #plan(List, int, long)} of any items that have a length (a sequence with its conditions). */
    static <T> List<List<T>> plan(List<T> sequences, java.util.function.ToIntFunction<T> length, int batch, long seed) {
        List<T> shuffled = new ArrayList<>(sequences);
        java.util.Collections.shuffle(shuffled, new Random(seed));
        List<List<T>> out = new ArrayList<>();
        int window = batch * 20;
        for (int w = 0; w < shuffled.size(); w += window) {
            List<T> group = new ArrayList<>(shuffled.subList(w, Math.min(shuffled.size(), w + window)));
            group.sort(Comparator.comparingInt(length));
            for (int i = 0; i < group.size(); i += batch) out.add(group.subList(i, Math.min(group.size(), i + batch)));
        }
        java.util.Collections.shuffle(out, new Random(seed + 1));
        return out;
    }

    /** Batches in corpus order, for evaluation. */
    static List<List<int[]>> inOrder(List<int[]> sequences, int batch) {
        List<int[]> sorted = new ArrayList<>(sequences);
        sorted.sort(Comparator.comparingInt(s -> s.length));
        List<List<int[]>> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i += batch) out.add(sorted.subList(i, Math.min(sorted.size(), i + batch)));
        return out;
    }

    /** Features one-hot [B, V, T] (or indices [B, 1, T] for an embedding), labels one-hot, masks [B, T]. */
    static DataSet categorical(List<int[]> seqs, int vocab, boolean indices) { return categorical(seqs, null, vocab, 0, indices); }

    /**
     * As {@link #categorical(List, int, boolean)}, with {@code width} conditioning columns after the
     * one-hot token ([B, V + width, T]): row {@code V + j} is bit {@code j} of the step's condition.
     */
    static DataSet categorical(List<int[]> seqs, List<int[]> conditions, int vocab, int width, boolean indices) {
        if (width > 0 && indices) throw new IllegalArgumentException("conditioning columns need one-hot input, not an embedding");
        int rows = vocab + width;
        int b = seqs.size();
        int t = 0;
        for (int[] s : seqs) t = Math.max(t, s.length - 1);
        if (t < 1) throw new IllegalArgumentException("Sequences need at least 2 tokens to predict a next one");
        float[] in = new float[indices ? b * t : b * rows * t];
        float[] out = new float[b * vocab * t];
        float[] mask = new float[b * t];
        for (int i = 0; i < b; i++) {
            int[] s = seqs.get(i);
            int[] c = width > 0 ? conditions.get(i) : null;
            for (int k = 0; k + 1 < s.length; k++) {
                if (indices) in[i * t + k] = s[k];
                else in[(i * rows + s[k]) * t + k] = 1f;
                if (c != null) for (int j = 0; j < width; j++) if ((c[k] >> j & 1) != 0) in[(i * rows + vocab + j) * t + k] = 1f;
                out[(i * vocab + s[k + 1]) * t + k] = 1f;
                mask[i * t + k] = 1f;
            }
        }
        INDArray f = indices ? Nd4j.create(in, new long[]{b, 1, t}, 'c') : Nd4j.create(in, new long[]{b, rows, t}, 'c');
        INDArray l = Nd4j.create(out, new long[]{b, vocab, t}, 'c');
        INDArray m = Nd4j.create(mask, new long[]{b, t}, 'c');
        return new DataSet(f.castTo(DataType.FLOAT), l, m, m);
    }

    /** Piano-roll frames: input frame t, label frame t+1, each [B, keys, T], masked. */
    static DataSet multiHot(List<boolean[][]> rolls, int keys) {
        int b = rolls.size();
        int t = 0;
        for (boolean[][] r : rolls) t = Math.max(t, r.length - 1);
        float[] in = new float[b * keys * t], out = new float[b * keys * t], mask = new float[b * t];
        for (int i = 0; i < b; i++) {
            boolean[][] r = rolls.get(i);
            for (int k = 0; k + 1 < r.length; k++) {
                for (int p = 0; p < keys; p++) {
                    if (r[k][p]) in[(i * keys + p) * t + k] = 1f;
                    if (r[k + 1][p]) out[(i * keys + p) * t + k] = 1f;
                }
                mask[i * t + k] = 1f;
            }
        }
        INDArray m = Nd4j.create(mask, new long[]{b, t}, 'c');
        return new DataSet(Nd4j.create(in, new long[]{b, keys, t}, 'c'), Nd4j.create(out, new long[]{b, keys, t}, 'c'), m, m);
    }

    static long tokens(List<int[]> seqs) {
        long n = 0;
        for (int[] s : seqs) n += Math.max(0, s.length - 1);
        return n;
    }

    /** A step-aligned example: input classes per step (one-hot per part, concatenated) and a target class per step. */
    record Labelled(int[][] inputs, int[] target) {
        int length() { return target.length; }
    }

    /**
     * Labelled steps: features [B, Σ sizes, T] (each input part one-hot in its own block), labels one-hot
     * [B, classes, T], masks [B, T]; the same step is input and output (no shift).
     */
    static DataSet labelled(List<Labelled> xs, int[] sizes, int classes) {
        int b = xs.size(), t = 0, width = 0;
        for (int s : sizes) width += s;
        for (Labelled x : xs) t = Math.max(t, x.length());
        float[] in = new float[b * width * t], out = new float[b * classes * t], mask = new float[b * t];
        for (int i = 0; i < b; i++) {
            Labelled x = xs.get(i);
            for (int k = 0; k < x.length(); k++) {
                int offset = 0;
                for (int part = 0; part < sizes.length; part++) {
                    in[(i * width + offset + x.inputs()[part][k]) * t + k] = 1f;
                    offset += sizes[part];
                }
                out[(i * classes + x.target()[k]) * t + k] = 1f;
                mask[i * t + k] = 1f;
            }
        }
        INDArray m = Nd4j.create(mask, new long[]{b, t}, 'c');
        return new DataSet(Nd4j.create(in, new long[]{b, width, t}, 'c'), Nd4j.create(out, new long[]{b, classes, t}, 'c'), m, m);
    }
}
