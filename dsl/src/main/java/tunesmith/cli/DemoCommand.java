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
import tunesmith.abc.AbcWriter;
import tunesmith.chart.Chart;
import tunesmith.chart.Charts;
import tunesmith.corpus.Corpus;
import tunesmith.encode.AbcTokens;
import tunesmith.encode.TokenSplit;
import tunesmith.midi.WavRender;
import tunesmith.model.Lstm;
import tunesmith.model.MelodyModel;
import tunesmith.model.Training;
import tunesmith.music.Tune;
import tunesmith.sample.Sample;
import tunesmith.sample.Samples;

/**
 * {@code demo}: the whole path on the starter tunes, offline, in about two minutes on 2 cores —
 * the corpus as a table, one tune as ABC, MIDI and WAV, a small LSTM trained on the tunes, samples
 * written as ABC, MIDI and WAV, the loss chart, and one self-contained HTML page of it all.
 */
final class DemoCommand {

    /** Training budget: the demo must finish in about 2 minutes on a 2-core machine. */
    static final double TRAIN_SECONDS = 75;

    private DemoCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Args a = Args.parse(args, Set.of("out", "seconds"));
        if (!a.positional().isEmpty()) throw new Main.UsageException("demo takes no positional arguments");
        Path dir = Path.of(a.option("out", "out"));
        double seconds = Double.parseDouble(a.option("seconds", Double.toString(TRAIN_SECONDS)));
        mkdirs(dir);
        long t0 = System.nanoTime();
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
        TrainCommand.write(dir.resolve("index.html"), html(starter, tune, model, loss, samples));
        out.printf(Locale.ROOT, "wrote samples, loss.png and index.html to %s in %.0f s%n", dir, (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** One page with everything inlined (images and audio as data URIs), so it can be mailed or opened offline. */
    static String html(Corpus corpus, Tune tune, MelodyModel model, Chart loss, Samples samples) {
        StringBuilder b = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Tunesmith demo</title>"
                + "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}pre{background:#f6f6f6;padding:.6em;"
                + "overflow-x:auto}h2{border-bottom:1px solid #ddd}.invalid{color:#a33}</style></head><body>");
        b.append("<h1>Tunesmith demo</h1><p>").append(esc(corpus.toString())).append("</p>");
        b.append("<h2>A tune from the corpus</h2>").append(piece(tune));
        b.append("<h2>The model</h2><p>").append(esc(model.toString())).append("</p>");
        b.append("<img alt=\"training and validation loss\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(loss.png())).append("\">");
        b.append("<h2>Samples</h2><p>").append(esc(samples.strategy())).append("</p>");
        for (Sample s : samples) {
            b.append("<h3>Sample ").append(s.index()).append("</h3>");
            if (s.isValid()) b.append(piece(s.tune()));
            else b.append("<p class=\"invalid\">Not valid ABC: ").append(esc(s.invalidReason())).append("</p><pre>").append(esc(s.text())).append("</pre>");
        }
        return b.append("</body></html>\n").toString();
    }

    private static String piece(Tune t) {
        String wav = Base64.getEncoder().encodeToString(WavRender.of(t).mono().tail(0.5).bytes());
        String roll = Base64.getEncoder().encodeToString(Charts.pianoRoll(t).width(720).height(260).png());
        return "<pre>" + esc(AbcWriter.write(t)) + "</pre><audio controls src=\"data:audio/wav;base64," + wav + "\"></audio><br>"
                + "<img alt=\"piano roll\" src=\"data:image/png;base64," + roll + "\">";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
