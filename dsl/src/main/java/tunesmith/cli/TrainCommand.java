package tunesmith.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import tunesmith.chart.Charts;
import tunesmith.corpus.Corpus;
import tunesmith.Tunesmith;
import tunesmith.encode.AbcTokens;
import tunesmith.encode.GridTokens;
import tunesmith.encode.SplitSpec;
import tunesmith.encode.TuneEncoding;
import tunesmith.encode.TokenCorpus;
import tunesmith.encode.TokenSplit;
import tunesmith.model.Lstm;
import tunesmith.model.MelodyModel;
import tunesmith.train.Training;

/**
 * {@code train --corpus NAME[+NAME...]|PATH --model lstm [--layers --units --dropout --epochs --seed
 * --seconds --batch --tbptt --learning-rate --decay --test --valid --encoding --resume FILE] --out DIR}: trains, then writes the model, its
 * checkpoints, history, loss chart and test metrics to DIR. {@code --resume FILE} trains a saved model or
 * checkpoint further (its configuration, vocabulary and updater state; --epochs more at most) on the same split.
 */
final class TrainCommand {

    /** The JSB soprano lines in their standard split, by name (use with --encoding grid). */
    static final String JSB_SOPRANO = SplitSpec.JSB_SOPRANO;

    private TrainCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Args a = Args.parse(args, Set.of("corpus", "model", "layers", "units", "dropout", "epochs", "seed", "seconds", "batch",
                "tbptt", "embedding", "learning-rate", "decay", "test", "valid", "patience", "out", "export-tokens", "in-c", "encoding", "regular-bars", "resume"));
        if (!a.positional().isEmpty()) throw new Main.UsageException("train takes no positional arguments (got " + a.positional() + ")");
        String kind = a.option("model", "lstm");
        if (!kind.equals("lstm")) throw new Main.UsageException("unknown --model '" + kind + "' (expected lstm)");
        Path outDir = Path.of(a.required("out"));
        String corpusName = a.required("corpus");
        Lstm lstm = Lstm.lstm();
        try {
            if (a.options().containsKey("layers")) lstm = lstm.layers(Integer.parseInt(a.options().get("layers")));
            if (a.options().containsKey("units")) lstm = lstm.units(Integer.parseInt(a.options().get("units")));
            if (a.options().containsKey("dropout")) lstm = lstm.dropout(Double.parseDouble(a.options().get("dropout")));
            if (a.options().containsKey("batch")) lstm = lstm.batch(Integer.parseInt(a.options().get("batch")));
            if (a.options().containsKey("tbptt")) lstm = lstm.tbptt(Integer.parseInt(a.options().get("tbptt")));
            if (a.options().containsKey("embedding")) lstm = lstm.embedding(Integer.parseInt(a.options().get("embedding")));
            if (a.options().containsKey("seed")) lstm = lstm.seed(Long.parseLong(a.options().get("seed")));
            if (a.options().containsKey("learning-rate")) lstm = lstm.learningRate(Double.parseDouble(a.options().get("learning-rate")));
            if (a.options().containsKey("decay")) lstm = lstm.decay(Double.parseDouble(a.options().get("decay")));
        } catch (NumberFormatException e) {
            throw new Main.UsageException("a numeric option is not a number: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
        int epochs = intOption(a, "epochs", 20);
        double seconds = Double.parseDouble(a.option("seconds", "0"));
        double test = Double.parseDouble(a.option("test", "0.05")), valid = Double.parseDouble(a.option("valid", "0.05"));
        long splitSeed = Long.parseLong(a.option("seed", "42"));
        String encoding = a.option("encoding", Boolean.parseBoolean(a.option("in-c", "false")) ? "abc-in-c" : "abc");
        TuneEncoding enc = switch (encoding) {
            case "abc" -> AbcTokens.abc();
            case "abc-in-c" -> AbcTokens.abc().inC();
            case "grid" -> GridTokens.grid();
            default -> throw new Main.UsageException("unknown --encoding '" + encoding + "' (expected abc, abc-in-c or grid)");
        };
        // --resume FILE: train a saved model (a checkpoint) further, with its own configuration and vocabulary
        MelodyModel start = a.options().containsKey("resume") ? MelodyModel.load(Path.of(a.options().get("resume"))) : null;
        if (start != null) {
            enc = start.encoding();
            out.println("resuming " + start);
        }
        boolean regular = Boolean.parseBoolean(a.option("regular-bars", "false"));
        TokenSplit split;
        String sourceName;
        if (corpusName.equals(JSB_SOPRANO)) {
            // the chorales come with their standard split (Boulanger-Lewandowski et al. 2012); keep it
            split = Tunesmith.chorales().sopranos().tokens(enc);
            sourceName = JSB_SOPRANO;
            out.println(split);
        } else {
            SplitSpec spec = new SplitSpec(corpusName, test, valid, splitSeed, regular);
            split = spec.split(enc);
            sourceName = corpusName;
            out.println(spec);
            out.println(split + "; " + (split.train().groupedTunes() + split.valid().groupedTunes() + split.test().groupedTunes())
                    + " tunes kept in one part with their other settings" + (regular ? "; training on the tunes with regular bars" : ""));
        }
        if (a.options().containsKey("export-tokens")) exportTokens(split, lstm, seconds, Path.of(a.options().get("export-tokens")));
        Training plan = Training.epochs(epochs).patience(intOption(a, "patience", 3)).checkpoints(outDir.resolve("checkpoints"));
        if (seconds > 0) plan = plan.seconds(seconds);
        MelodyModel model = start != null ? start.resume(split, plan) : lstm.train(split, plan);
        model.save(outDir.resolve("model.tsm"));
        MelodyModel.Metrics m = model.evaluate(split.test());
        out.println("test: " + m);
        write(outDir.resolve("history.csv"), model.history().toCsv());
        Charts.loss(model.historyTable()).writePng(outDir.resolve("loss.png"));
        ObjectNode j = new ObjectMapper().createObjectNode();
        j.put("corpus", sourceName);
        j.put("encoding", enc.spec());
        // the split's settings; only the model's figures start with "test_" (the zoo's card lists those)
        j.put("share_test", test);
        j.put("share_valid", valid);
        j.put("split_seed", splitSeed);
        j.put("tunes", split.train().size() + split.valid().size() + split.test().size());
        j.put("vocabulary", split.vocabulary().size());
        j.put("train_fingerprint", split.train().fingerprint());
        j.put("regular_bars", regular);
        j.put("held_out_test_tunes", split.test().size());
        j.put("config", model.config().toText());
        j.put("epochs", model.history().size());
        j.put("train_tokens", split.train().tokenCount());
        j.put("test_nll_nats", m.nats());
        j.put("test_nll_bits", m.bits());
        j.put("test_perplexity", m.perplexity());
        j.put("test_accuracy", m.accuracy());
        j.put("test_tokens", m.tokens());
        j.put("seconds_per_epoch_mean", model.history().epochs().stream().mapToDouble(e -> e.seconds()).average().orElse(0));
        j.put("tokens_per_second_mean", model.history().epochs().stream().mapToDouble(e -> e.tokensPerSecond()).average().orElse(0));
        write(outDir.resolve("test.json"), j.toPrettyString() + "\n");
        out.println("wrote " + outDir.resolve("model.tsm") + ", history.csv, loss.png, test.json");
        return 0;
    }

    static Corpus corpus(String spec) { return SplitSpec.of(spec).load(); }

    private static int intOption(Args a, String name, int fallback) {
        try {
            return Integer.parseInt(a.option(name, Integer.toString(fallback)));
        } catch (NumberFormatException e) {
            throw new Main.UsageException("--" + name + " must be a whole number");
        }
    }

    /** The split as plain token files for the PyTorch reference (bench/pytorch): vocab.txt, train/valid/test.txt, config.json. */
    static void exportTokens(TokenSplit split, Lstm lstm, double seconds, Path dir) {
        try {
            Files.createDirectories(dir);
            write(dir.resolve("vocab.txt"), String.join("\n", split.vocabulary().tokens()) + "\n");
            for (var e : List.of(java.util.Map.entry("train", split.train()), java.util.Map.entry("valid", split.valid()), java.util.Map.entry("test", split.test()))) {
                StringBuilder b = new StringBuilder();
                for (int[] s : e.getValue().sequences()) {
                    StringJoiner j = new StringJoiner(" ");
                    for (int t : s) j.add(Integer.toString(t));
                    b.append(j).append('\n');
                }
                write(dir.resolve(e.getKey() + ".txt"), b.toString());
            }
            var c = lstm.config();
            ObjectNode j = new ObjectMapper().createObjectNode();
            j.put("layers", c.layers()); j.put("units", c.units()); j.put("dropout", c.dropout()); j.put("embedding", c.embedding());
            j.put("batch", c.batch()); j.put("seq_len", c.tbptt()); j.put("learning_rate", c.learningRate()); j.put("decay", c.decay());
            j.put("clip", c.clip()); j.put("seconds", seconds); j.put("seed", c.seed()); j.put("threads", 2);
            write(dir.resolve("config.json"), j.toPrettyString() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot export tokens to " + dir + ": " + e.getMessage(), e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
