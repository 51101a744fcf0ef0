package tunesmith.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * An epoch's batches are planned at once but built one at a time and freed after their update,
 * so a long training run holds one batch's arrays off the heap, not an epoch's.
 */
class TaskBatchesTest {

    private static List<int[]> sequences(int n, long seed) {
        Random r = new Random(seed);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] s = new int[5 + r.nextInt(30)];
            for (int t = 0; t < s.length; t++) s[t] = r.nextInt(12);
            out.add(s);
        }
        return out;
    }

    @Test
    void batchesAreBuiltWhenAskedForAndFreedAfter() {
        List<int[]> train = sequences(37, 1), valid = sequences(5, 2);
        Task task = new Task.Tokens(train, valid, 12, false);
        List<Supplier<DataSet>> epoch = task.batches(1, 42, 8);
        assertEquals(Batches.plan(train, 8, 42L * 1_000_003L + 1).size(), epoch.size(), "one batch per planned group");

        long tokens = 0;
        for (Supplier<DataSet> batch : epoch) {
            DataSet ds = batch.get(), again = batch.get();
            assertNotSame(ds, again, "built on demand, not kept");
            assertEquals(ds.getFeatures(), again.getFeatures());
            assertEquals(ds.getLabelsMaskArray(), again.getLabelsMaskArray());
            tokens += task.tokens(ds);
            INDArray[] arrays = {ds.getFeatures(), ds.getLabels(), ds.getFeaturesMaskArray(), ds.getLabelsMaskArray()};
            Task.free(ds);
            for (INDArray a : arrays) if (a != null) assertTrue(a.wasClosed(), "freed at once: " + a.shapeInfoToString());
            assertFalse(again.getFeatures().wasClosed(), "another build is its own");
            Task.free(again);
        }
        assertEquals(task.trainTokens(), tokens, "the epoch's batches cover every training token once");
    }
}
