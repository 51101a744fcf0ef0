package tunesmith.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tunesmith.model.MelodyModel;
import tunesmith.train.ProgressDisplays;
import tunesmith.train.TrainingEvent;

/** Interrupting a running cell: cleanly when the code checks, hard when it does not. */
class CellInterruptTest {

    static CellEvaluator cells;

    @BeforeAll
    static void start() { cells = new CellEvaluator(1_000); }

    @AfterAll
    static void stop() {
        ProgressDisplays.terminal();
        cells.close();
    }

    /** Runs a cell in the background, as the kernel's shell thread does. */
    private static CompletableFuture<Object> running(String cell) { return running(cells, cell); }

    private static CompletableFuture<Object> running(CellEvaluator evaluator, String cell) {
        return CompletableFuture.supplyAsync(() -> evaluator.eval(cell));
    }

    private static CellException failure(CompletableFuture<Object> cell) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> cell.get(30, TimeUnit.SECONDS));
        return assertInstanceOf(CellException.class, e.getCause());
    }

    @Test
    @Timeout(60)
    void aLoopThatChecksNothingIsStoppedHardAfterTheGracePeriod() throws Exception {
        CompletableFuture<Object> cell = running("long spins = 0;\nwhile (true) { spins++; }\nint afterLoop = 1;");
        Thread.sleep(1_000);
        assertTrue(!cell.isDone(), "the loop runs until interrupted");
        long t0 = System.nanoTime();
        cells.interrupt();
        CellException e = failure(cell);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(CellException.Kind.INTERRUPTED, e.kind());
        assertEquals(2, e.line());
        assertTrue(seconds >= 0.9 && seconds < 10, "stopped after the 1 s grace: " + seconds);
        assertTrue((long) cells.eval("spins").orElseThrow() > 0);
        assertEquals(CellException.Kind.COMPILE_ERROR, assertThrows(CellException.class, () -> cells.eval("afterLoop")).kind(),
                "the rest of the cell did not run");
        assertEquals(2, cells.eval("1 + 1").orElseThrow(), "the session goes on");
    }

    @Test
    @Timeout(60)
    void sleepingCodeEndsAtOnceOnInterrupt() throws Exception {
        CompletableFuture<Object> cell = running("Thread.sleep(60_000);\nint afterSleep = 1;");
        Thread.sleep(500);
        long t0 = System.nanoTime();
        cells.interrupt();
        CellException e = failure(cell);
        assertEquals(CellException.Kind.INTERRUPTED, e.kind());
        assertTrue((System.nanoTime() - t0) / 1e9 < 0.9, "ended by the interrupt, before the hard stop");
        assertThrows(CellException.class, () -> cells.eval("afterSleep"));
    }

    @Test
    @Timeout(180)
    void anInterruptedTrainingStopsAfterItsBatchAndTheModelIsKept() throws Exception {
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        CountDownLatch firstBatch = new CountDownLatch(1);
        // the kernel's own progress display (drawing into nothing), which uses Tablesaw: a first use of
        // Tablesaw in an interrupted thread once broke its class for good, and the training with it
        ProgressDisplays.use(() -> {
            NotebookProgress drawn = new NotebookProgress(new NotebookProgress.Displays() {
                @Override public void open(String id, MimeBundle b) { }
                @Override public void update(String id, MimeBundle b) { }
            });
            return event -> {
                events.add(event);
                drawn.accept(event);
                if (event instanceof TrainingEvent.Batch) firstBatch.countDown();
            };
        });
        // a grace far longer than a batch: the training must stop by itself, not by the hard stop
        CellEvaluator patient = new CellEvaluator(60_000);
        CompletableFuture<Object> cell = running(patient, """
                var data = corpus("starter").tokens(abc()).split(0.8, 0.2, 1);
                var rnn = lstm().units(32).layers(1).tbptt(0).train(data, epochs(50));
                int afterTraining = 1;
                """);
        assertTrue(firstBatch.await(120, TimeUnit.SECONDS), "training started: " + events);
        long t0 = System.nanoTime();
        patient.interrupt();
        CellException e = failure(cell);
        assertEquals(CellException.Kind.INTERRUPTED, e.kind());
        assertTrue((System.nanoTime() - t0) / 1e9 < 30, "stopped after its batch, long before the hard stop");
        TrainingEvent last = events.get(events.size() - 1);
        TrainingEvent.Finished finished = assertInstanceOf(TrainingEvent.Finished.class, last, "the trainer ended itself");
        assertEquals(TrainingEvent.Reason.INTERRUPTED, finished.reason());
        assertInstanceOf(MelodyModel.class, patient.eval("rnn").orElseThrow(), "the model of the stopped training is kept");
        assertThrows(CellException.class, () -> patient.eval("afterTraining"));
        patient.close();
    }
}
