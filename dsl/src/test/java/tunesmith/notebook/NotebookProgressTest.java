package tunesmith.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tunesmith.train.TrainingEvent;

/** One display per training, updated in place, batches at most twice a second. */
class NotebookProgressTest {

    record Shown(String kind, String id, MimeBundle bundle) {}

    @Test
    void oneDisplayOpenedThenUpdatedInPlaceWithThrottledBatches() {
        List<Shown> shown = new ArrayList<>();
        long[] now = {0};
        NotebookProgress progress = new NotebookProgress(new NotebookProgress.Displays() {
            @Override public void open(String id, MimeBundle b) { shown.add(new Shown("open", id, b)); }
            @Override public void update(String id, MimeBundle b) { shown.add(new Shown("update", id, b)); }
        }, () -> now[0]);

        progress.accept(new TrainingEvent.Started(2, 100, 5000, 500, 12345, 1));
        for (int i = 1; i <= 50; i++) {       // 50 batches in 0.49 s: one update
            now[0] = i * 10_000_000L;
            progress.accept(new TrainingEvent.Batch(1, i, 100, 2.5, 1200, 30));
        }
        now[0] = 1_000_000_000L;               // half a second later: the next batch shows
        progress.accept(new TrainingEvent.Batch(1, 51, 100, 2.25, 1250, 20));
        progress.accept(new TrainingEvent.Epoch(1, 2.1, 2.3, 0.4, 0.38, 0.002, 12, 1300, true));
        progress.accept(new TrainingEvent.Finished(TrainingEvent.Reason.INTERRUPTED, 1, 1, 2.3, 13));

        assertEquals(List.of("open", "update", "update", "update", "update"), shown.stream().map(Shown::kind).toList());
        assertTrue(shown.stream().allMatch(s -> s.id().equals(progress.displayId())), "one display id throughout");
        assertEquals("training 26%: epoch 1/2, batch 51/100, loss 2.250, 1,250 tokens/s, ETA 0:20", shown.get(2).bundle().get(MimeBundle.TEXT));
        assertTrue(shown.get(4).bundle().get(MimeBundle.TEXT).startsWith("training interrupted after 1 epochs"),
                shown.get(4).bundle().get(MimeBundle.TEXT));
        assertTrue(shown.get(3).bundle().get(MimeBundle.HTML).contains("<progress") && shown.get(3).bundle().get(MimeBundle.HTML).contains("2.3"),
                "HTML too: a bar and the table of epochs with their losses");
    }
}
