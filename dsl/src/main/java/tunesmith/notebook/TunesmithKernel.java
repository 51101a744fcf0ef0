package tunesmith.notebook;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;

import tunesmith.train.ProgressDisplays;

/**
 * The Tunesmith Jupyter kernel: Java cells evaluated by JShell in this JVM with the DSL imported,
 * rich output through {@link Display}, training progress as one display updated in place, and
 * interrupts that stop a training cleanly. The messaging (ZeroMQ, signatures, message types) is
 * JJava's {@code jjava-jupyter} library; everything a cell sees is ours.
 */
public final class TunesmithKernel extends BaseKernel {

    static final String VERSION = "0.1.0";

    /**
     * JShell starts in the background (about a second): the kernel answers kernel_info at once,
     * and the first cell waits for it.
     */
    private final CompletableFuture<CellEvaluator> evaluator;

    /** Sends a cell's output from one thread of its own, never from the cell's (interruptible) thread. */
    private final Publisher publisher = new Publisher();
    /** This session's display: abcjs travels once, in the first output that draws music. */
    private final NotebookDisplay display = new NotebookDisplay();

    private final CellHistory history;

    public TunesmithKernel() { this(new CellHistory()); }

    private TunesmithKernel(CellHistory history) {
        super("tunesmith", VERSION,
                new LanguageInfo("java", Runtime.version().toString(), "text/x-java-source", ".jshell", "java", "java", "script"),
                List.of(),
                history,
                new JupyterIO(StandardCharsets.UTF_8),
                new CommManager(),
                new Renderer(),
                null,                                    // no magics: cells are plain Java
                new MagicsRegistry(),
                false,
                new StringStyler("", "", "", n -> ""));
        this.history = history;
        evaluator = CompletableFuture.supplyAsync(CellEvaluator::new, command -> {
            Thread t = new Thread(command, "tunesmith-jshell-start");
            t.setDaemon(true);
            t.start();
        });
        Notebook.displayTo(value -> publish(render(value)));
        ProgressDisplays.use(() -> new NotebookProgress(new NotebookProgress.Displays() {
            @Override public void open(String id, MimeBundle bundle) {
                DisplayData data = displayData(bundle);
                data.setDisplayId(id);
                publish(data);
            }
            @Override public void update(String id, MimeBundle bundle) {
                DisplayData data = displayData(bundle);
                publisher.send(() -> {
                    try {
                        io.display.updateDisplay(id, data);
                    } catch (RuntimeException notAttached) {
                        // a training still running after its cell ended has nowhere to draw: drop the update
                    }
                });
            }
        }));
    }

    /** THE place a value becomes a MIME bundle (cell results, {@code display(x)}, exceptions). */
    private MimeBundle bundle(Object value) {
        return display.bundle(value);
    }

    private DisplayData render(Object value) { return displayData(bundle(value)); }

    private static DisplayData displayData(MimeBundle bundle) {
        DisplayData data = new DisplayData();
        for (Map.Entry<String, String> e : bundle.data().entrySet()) data.putData(e.getKey(), e.getValue());
        return data;
    }

    private void publish(DisplayData data) {
        publisher.send(() -> {
            try {
                display(data);
            } catch (RuntimeException notAttached) {
                // display() outside a running cell (a background thread after the cell ended): nowhere to show it
            }
        });
    }

    /** The cell's System.out and System.err, sent through the publisher thread (see {@link Publisher}). */
    @Override
    protected void replaceOutputStreams(ShellReplyEnvironment env) {
        super.replaceOutputStreams(env);   // Jupyter's streams, and the originals back after the cell
        System.setOut(new PrintStream(publisher.forwardingTo(io.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(publisher.forwardingTo(io.err), true, StandardCharsets.UTF_8));
    }

    CellEvaluator evaluator() {
        try {
            return evaluator.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while JShell was starting; run the cell again", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("JShell did not start: " + e.getCause()
                    + "; see the kernel's log, then restart the kernel", e.getCause());
        }
    }

    @Override
    public Object evalRaw(String code) {
        int number = executionCount.get() - 1;   // the base class counted this cell before evaluating it
        try {
            Optional<Object> value = evaluator().eval(code);
            flushStreams();
            DisplayData result = value.map(this::render).orElse(null);
            history.add(number, code, result == null ? null : String.valueOf(result.getData(MIMEType.TEXT_PLAIN)));
            return result;
        } catch (CellException e) {
            history.add(number, code, null);
            flushStreams();
            // the rich message (what failed, why, what to do; the trace collapsed) goes out as a
            // display; the error reply that marks the cell failed stays short
            if (e.kind() == CellException.Kind.THREW) {
                publish(render(e.thrown()));
                publisher.drain();
            }
            throw e;
        }
    }

    /** Everything the cell wrote or displayed is sent before its result and its reply. */
    private void flushStreams() {
        System.out.flush();
        System.err.flush();
        publisher.drain();
    }

    /** The error reply's traceback: the short message, never the kernel's own stack. */
    @Override
    public List<String> formatError(Throwable e) {
        List<String> lines = new ArrayList<>(List.of(String.valueOf(e.getMessage()).split("\n")));
        if (e instanceof CellException c && c.kind() == CellException.Kind.THREW) {
            lines.add("(the full stack trace is in the details of the output above)");
        }
        return lines;
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return evaluator().inspect(code, at).map(text -> new DisplayData(text)).orElse(null);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        CellEvaluator.Completion c = evaluator().complete(code, at);
        return new ReplacementOptions(c.matches(), c.start(), c.end());
    }

    @Override
    public String isComplete(String code) {
        return switch (evaluator().isComplete(code)) {
            case "complete" -> IS_COMPLETE_YES;
            case "invalid" -> IS_COMPLETE_BAD;
            default -> "    ";   // incomplete: the indent of the next line
        };
    }

    /** Interrupt message (kernelspec interrupt_mode "message") or SIGINT: stop the running cell. */
    @Override
    public void interrupt() {
        if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) evaluator.join().interrupt();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        ProgressDisplays.terminal();
        if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) evaluator.join().close();
        super.onShutdown(isRestarting);
    }

    /** JJava's kernel_info_reply lacks {@code status}, which the protocol (5.x) requires. */
    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> request) {
        env.setBusyDeferIdle();
        env.reply(new KernelInfoOk(getLanguageInfo(), getBanner()));
    }

    /** History from the session's cells; JJava's history_reply also lacks {@code status}. */
    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        HistoryRequest request = message.getContent();
        env.setBusyDeferIdle();
        Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (request.includeOutput()) flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        List<HistoryEntry> entries;
        if (request instanceof HistoryRequest.Tail tail) {
            entries = history.lookupTail(tail.getMaxReturnLength(), flags);
        } else if (request instanceof HistoryRequest.Range range) {
            entries = history.lookupRange(range.getSessionIndex(), range.getStart(), range.getStop(), flags);
        } else if (request instanceof HistoryRequest.Search search) {
            if (search.filterUnique()) flags.add(HistoryManager.ResultFlag.UNIQUE);
            entries = history.search(search.getPattern(), search.getMaxReturnLength(), flags);
        } else {
            entries = List.of();
        }
        env.reply(new HistoryOk(entries));
    }

    /**
     * history_reply with {@code status: ok} and each entry as the protocol's array,
     * {@code [session, line, input]} or {@code [session, line, [input, output]]}: JJava's reply
     * has no status and, as sent, writes entries as objects.
     */
    static final class HistoryOk implements ContentType<HistoryOk> {
        @SuppressWarnings("unused") private final String status = "ok";   // serialized by Gson
        @SuppressWarnings("unused") private final List<List<Object>> history;

        HistoryOk(List<HistoryEntry> entries) {
            history = entries.stream()
                    .map(e -> List.<Object>of(e.getSession(), e.getCellNumber(),
                            e.hasOutput() ? List.of(e.getInput(), e.getOutput()) : e.getInput()))
                    .toList();
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})   // the message type of history_reply, for this content
        public MessageType<HistoryOk> getType() { return (MessageType) HistoryReply.MESSAGE_TYPE; }
    }

    @Override
    public String getBanner() {
        return "Tunesmith " + VERSION + " (Java " + Runtime.version().feature()
                + ", JShell): the DSL is imported; try corpus(\"starter\").tune(\"The Kesh\")";
    }

    /** kernel_info_reply with {@code status: ok}. */
    static final class KernelInfoOk extends KernelInfoReply {
        @SuppressWarnings("unused")   // serialized by Gson
        private final String status = "ok";

        KernelInfoOk(LanguageInfo language, String banner) {
            super(Header.PROTOCOL_VERISON, "tunesmith", VERSION, language, banner, List.of());
        }
    }
}
