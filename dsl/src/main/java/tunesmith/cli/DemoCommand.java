package tunesmith.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tunesmith.notation.AbcWriter;
import tunesmith.chart.Chart;
import tunesmith.chart.Charts;
import tunesmith.corpus.Corpus;
import tunesmith.encode.AbcTokens;
import tunesmith.encode.TokenSplit;
import tunesmith.model.Lstm;
import tunesmith.model.MelodyModel;
import tunesmith.train.Training;
import tunesmith.music.Tune;
import tunesmith.notebook.NotebookDisplay;
import tunesmith.sample.Sample;
import tunesmith.sample.Samples;
import tunesmith.zoo.Zoo;
import tunesmith.zoo.ZooException;

/**
 * {@code demo}: first what a trained model makes — samples of the zoo's {@code folk-lstm}, when the
 * zoo has it — then the whole path on the starter tunes, offline, in about two minutes on 2 cores:
 * the corpus as a table, one tune as ABC, MIDI and WAV, a small LSTM trained on the tunes, samples
 * written as ABC, MIDI and WAV, the loss chart, and one self-contained HTML page of it all, where
 * every tune is drawn as sheet music by abcjs (inlined from the jar, so the page works offline)
 * and playable.
 */
final class DemoCommand {

    /** Training budget: the demo must finish in about 2 minutes on a 2-core machine. */
    static final double TRAIN_SECONDS = 75;
    /** The zoo model whose samples open the demo. */
    static final String PRETRAINED = "folk-lstm";
    static final int PRETRAINED_SAMPLES = 5;   // the bar: at least 4 of 5 shown samples pass abc2midi -c
    /**
     * The page stays under 5 MB (it is mailed and opened offline): tunes come with their audio
     * while the page is under this, and after that with sheet music and a MIDI file only.
     */
    static final int PAGE_BUDGET = 4_500_000;

    private DemoCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Args a = Args.parse(args, Set.of("out", "seconds"));
        if (!a.positional().isEmpty()) throw new Main.UsageException("demo takes no positional arguments");
        Path dir = Path.of(a.option("out", "out"));
        double seconds = a.doubleOption("seconds", TRAIN_SECONDS, "a number of seconds above 0, e.g. 75", x -> x > 0);
        OutputFolder.create("--out", dir);
        long t0 = System.nanoTime();
        Page page = new Page();
        pretrained(Zoo.standard(), dir, page, out);
        Corpus starter = Corpus.load("starter");
        out.println(starter);
        var table = starter.table();
        out.println(table.countBy("rhythm").print());
        Tune tune = starter.get(0);
        out.println(tune);
        String stem = "starter_" + tune.x();
        for (String format : List.of("abc", "midi", "wav")) {
            Path target = dir.resolve(stem + "." + (format.equals("midi") ? "mid" : format));
            ConvertCommand.write(tune, format, target);
            out.println("wrote " + target);
        }

        TokenSplit data = starter.tokens(AbcTokens.abc()).split(0.9, 0.1, 1);
        out.println(data);
        MelodyModel model = Lstm.lstm().layers(2).units(128).dropout(0.2).tbptt(0).batch(8)
                .train(data, Training.epochs(60).patience(8).seconds(seconds).checkpoints(dir.resolve("checkpoints")));
        out.println(model);
        model.save(dir.resolve("model.tsm"));
        Chart loss = Charts.loss(model.historyTable());
        loss.writePng(dir.resolve("loss.png"));
        // a prime with meter and key starts every sample as a tune: a model this small has not yet learnt to
        Samples samples = model.sample().temperature(0.8).prime("M:6/8 K:G |:").seed(1).maxLength(300).count(5);
        out.println(samples);
        for (Sample s : samples) {
            if (!s.isValid()) continue;
            for (String format : List.of("abc", "midi", "wav"))
                ConvertCommand.write(s.tune(), format, dir.resolve("sample_" + s.index() + "." + (format.equals("midi") ? "mid" : format)));
        }
        TrainCommand.write(dir.resolve("index.html"), html(page, starter, tune, model, loss, samples));
        out.printf(Locale.ROOT, "wrote samples, loss.png and index.html to %s in %.0f s%n", dir, (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /**
     * Samples of the zoo's folk-lstm, written as files and added to the page; when the zoo does not
     * have it (or its file is refused), one line says so and the demo goes on.
     */
    static void pretrained(Zoo zoo, Path dir, Page page, PrintStream out) {
        if (zoo.find(PRETRAINED).isEmpty()) {
            out.println("(no " + PRETRAINED + " in the model zoo yet, so no samples of a trained model: bench/pretrain.sh " + PRETRAINED + " trains it)");
            page.add("<p class=\"note\">The model zoo has no " + PRETRAINED + " yet, so this demo shows no samples of a fully trained model.</p>");
            return;
        }
        MelodyModel folk;
        try {
            folk = zoo.pretrained(PRETRAINED).lstm();
        } catch (ZooException e) {
            out.println("(skipping the samples of " + PRETRAINED + ": " + e.getMessage() + ")");
            page.add("<p class=\"note\">" + esc(e.getMessage()) + "</p>");
            return;
        }
        out.println(folk);
        Samples samples = folk.sample().temperature(0.9).seed(1).maxLength(500).count(PRETRAINED_SAMPLES);
        out.println(samples);
        for (Sample s : samples) {
            if (!s.isValid()) continue;
            for (String format : List.of("abc", "midi", "wav"))
                ConvertCommand.write(s.tune(), format, dir.resolve(PRETRAINED + "_" + s.index() + "." + (format.equals("midi") ? "mid" : format)));
        }
        page.add("<h2>Samples of the pretrained " + PRETRAINED + "</h2>");
        page.add(folk.card().map(c -> c.html()).orElse("<p>" + esc(folk.toString()) + "</p>"));
        page.add("<p>" + esc(samples.strategy()) + "</p>");
        for (Sample s : samples) page.sample(s);
    }

    /** One page with everything inlined (abcjs, images, audio as data URIs), so it can be mailed or opened offline. */
    static String html(Page page, Corpus corpus, Tune tune, MelodyModel model, Chart loss, Samples samples) {
        page.add("<h2>Training a small model on the starter tunes</h2><p>" + esc(corpus.toString()) + "</p>");
        page.add("<h3>A tune from the corpus</h3>");
        page.tune(tune);
        page.add("<h3>The model</h3><p>" + esc(model.toString()) + "</p>");
        page.add("<img alt=\"training and validation loss\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(loss.png()) + "\">");
        page.add("<h3>Samples</h3><p>" + esc(samples.strategy()) + "</p>");
        for (Sample s : samples) page.sample(s);
        return page.html();
    }

    /**
     * The demo page being written: tunes are drawn as in a notebook (one display session, so abcjs
     * is inlined once, with the first tune) while the page is under {@link #PAGE_BUDGET}, then as
     * sheet music with a MIDI file and no audio.
     */
    static final class Page {
        private final NotebookDisplay display = new NotebookDisplay();
        private final StringBuilder body = new StringBuilder();
        private int light;
        private boolean abcjsOnPage; // the first rich tune brings it

        void add(String html) { body.append(html).append('\n'); }

        void sample(Sample s) {
            add("<h4>Sample " + s.index() + "</h4>");
            if (s.isValid()) tune(s.tune());
            else add("<p class=\"invalid\">Not valid ABC: " + esc(s.invalidReason()) + "</p><pre>" + esc(s.text()) + "</pre>");
        }

        void tune(Tune t) {
            String rich = display.bundle(t).data().get("text/html");
            if (rich != null && (body.length() + rich.length() < PAGE_BUDGET || !abcjsOnPage)) {
                add(rich);
                abcjsOnPage = true;
                return;
            }
            // over budget: the sheet and a MIDI file, drawn by the abcjs already on the page
            String id = "demo-light-" + (++light);
            add("<div class=\"tunesmith-tune\" id=\"" + id + "\"><div class=\"tunesmith-sheet\" id=\"" + id + "-sheet\"></div>"
                    + "<small>(no audio, to keep this page small) <a download=\"" + id + ".mid\" href=\"data:audio/midi;base64,"
                    + Base64.getEncoder().encodeToString(tunesmith.midi.Midi.of(t).bytes()) + "\">MIDI file</a></small>"
                    + "<pre id=\"" + id + "-abc\">" + esc(AbcWriter.write(t)) + "</pre>"
                    + "<script>if (window.ABCJS) window.ABCJS.renderAbc(\"" + id + "-sheet\", document.getElementById(\"" + id
                    + "-abc\").textContent, { responsive: \"resize\", add_classes: true });</script></div>");
        }

        String html() {
            return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Tunesmith demo</title>"
                    + "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}pre{background:#f6f6f6;padding:.6em;"
                    + "overflow-x:auto}h2{border-bottom:1px solid #ddd}.invalid{color:#a33}.note{color:#666}</style></head><body>\n"
                    + "<h1>Tunesmith demo</h1>\n" + body + "</body></html>\n";
        }
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
