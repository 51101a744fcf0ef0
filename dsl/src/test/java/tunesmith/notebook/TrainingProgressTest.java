package tunesmith.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tunesmith.train.TrainingEvent;

class TrainingProgressTest {

    // a resumed run: epochs 3 and 4 of 10 batches each
    static final TrainingEvent.Started START = new TrainingEvent.Started(2, 10, 50_000, 5_000, 123_456, 3);

    @Test
    void followsTheRunAndShowsTheEpochsSoFar() {
        TrainingProgress p = TrainingProgress.NONE.after(START);
        assertEquals(0, p.fraction());
        assertTrue(p.toString().startsWith("training: 123,456 parameters, 2 epochs of 10 batches"), p.toString());
        p = p.after(new TrainingEvent.Batch(3, 5, 10, 2.5, 4200, 90));
        assertEquals(0.25, p.fraction(), 1e-9);
        assertEquals("training 25%: epoch 3/4, batch 5/10, loss 2.500, 4,200 tokens/s, ETA 1:30", p.toString());
        p = p.after(new TrainingEvent.Epoch(3, 2.2, 2.3, 0.4, 0.38, 0.002, 12, 4200, true))
                .after(new TrainingEvent.Batch(4, 10, 10, 2.0, 4300, 0));
        assertEquals(1.0, p.fraction(), 1e-9);
        MimeBundle b = p.bundle();
        assertEquals(p.toString(), b.get(MimeBundle.TEXT));
        assertTrue(b.get(MimeBundle.HTML).contains("<progress max=\"1\" value=\"1.0000\""), b.get(MimeBundle.HTML));
        assertTrue(b.get(MimeBundle.HTML).contains("history: 1 row × 8 columns"), "the epochs so far");
        p = p.after(new TrainingEvent.Finished(TrainingEvent.Reason.EARLY_STOPPED, 2, 3, 2.3, 25));
        assertEquals("training early stopped after 2 epochs (25 s); best epoch 3, valid 2.3000 nats/token", p.toString());
        assertEquals(p.bundle(), new NotebookDisplay().bundle(p), "a notebook shows the value the same way");
    }
}
