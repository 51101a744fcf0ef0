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
import tunesmith.io.AtomicFiles;
import tunesmith.model.Lstm;
import tunesmith.model.LstmConfig;
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
                "tbptt", "embedding", "learning-rate", "decay", "test", "valid", "patience", "out", "export-tokens", "in-c", "encoding",
                "regular-bars", "resume"), Set.of("force"));
        if (!a.positional().isEmpty()) throw new Main.UsageException("train takes no positional arguments (got " + a.positional() + ")");
        // every option is read here, before the corpus or a model is loaded, so a mistake costs no waiting
        a.choice("model", "lstm", List.of("lstm"));
        Path outDir = Path.of(a.required("out"));
        String corpusName = a.required("corpus");
        LstmConfig d = Lstm.lstm().config();
        int layers = a.intOption("layers", d.layers(), 1, 8), units = a.intOption("units", d.units(), 1, 4096);
        double dropout = a.doubleOption("dropout", d.dropout(), "a share from 0 (none) up to 0.9", x -> x >= 0 && x < 0.95);
        int batch = a.intOption("batch", d.batch(), 1, 4096), tbptt = a.intOption("tbptt", d.tbptt(), 0, 100_000);
        int embedding = a.intOption("embedding", d.embedding(), 0, 4096);
        long seed = a.longOption("seed", SplitSpec.DEFAULT_SEED);
        double learningRate = a.doubleOption("learning-rate", d.learningRate(), "a number between 0 and 1, e.g. 0.002", x -> x > 0 && x < 1);
        double decay = a.doubleOption("decay", d.decay(), "a number above 0 up to 1 (1 keeps the rate constant)", x -> x > 0 && x <= 1);
        int epochs = a.intOption("epochs", 20, 1, Integer.MAX_VALUE);
        int patience = a.intOption("patience", 3, 0, Integer.MAX_VALUE);
        double seconds = a.doubleOption("seconds", 0, "a number of seconds, 0 for no limit", x -> x >= 0);
        double test = a.share("test", SplitSpec.DEFAULT_TEST), valid = a.share("valid", SplitSpec.DEFAULT_VALID);
        if (test + valid >= 1)
            throw new Main.UsageException("--test " + test + " and --valid " + valid + " leave no tunes for training: together they must be below 1, e.g. 0.05 and 0.05");
        boolean regular = a.booleanOption("regular-bars", false);
        String encoding = a.choice("encoding", a.booleanOption("in-c", false) ? "abc-in-c" : "abc", List.of("abc", "abc-in-c", "grid"));
        Path resume = a.options().containsKey("resume") ? Path.of(a.options().get("resume")) : null;
        if (resume != null && !Files.isRegularFile(resume))
            throw new Main.Failure("--resume " + resume + ": no such file (give a model.tsm or a checkpoint such as RUN/checkpoints/last.tsm)");
        refuseToOverwrite(outDir, resume, a.flag("force"));
        CorpusArgs.check(corpusName);
        Lstm lstm = Lstm.lstm().layers(layers).units(units).dropout(dropout).batch(batch).tbptt(tbptt).embedding(embedding)
                .seed(seed).learningRate(learningRate).decay(decay);
        long splitSeed = seed;
        TuneEncoding enc = switch (encoding) {
            case "abc" -> AbcTokens.abc();
            case "abc-in-c" -> AbcTokens.abc().inC();
            default -> GridTokens.grid();
        };
        removeLeftovers(outDir.resolve("model.tsm"), err);
        // --resume FILE: train a saved model (a checkpoint) further, with its own configuration and vocabulary
        MelodyModel start = resume != null ? MelodyModel.load(resume) : null;
        if (start != null) {
            enc = start.encoding();
            out.println("resuming " + start);
        }
        TokenSplit split;
        String sourceName;
        List<Path> filesWithoutTunes = List.of();
        if (corpusName.equals(JSB_SOPRANO)) {
            // the chorales come with their standard split (Boulanger-Lewandowski et al. 2012); keep it
            split = Tunesmith.chorales().sopranos().tokens(enc);
            sourceName = JSB_SOPRANO;
            out.println(split);
        } else {
            SplitSpec spec = new SplitSpec(corpusName, test, valid, splitSeed, regular);
            CorpusArgs.Loaded loaded = CorpusArgs.load(corpusName, "train", err);
            filesWithoutTunes = loaded.filesWithoutTunes();
            if (loaded.corpus().size() == 0)
                throw new Main.Failure("--corpus " + corpusName + " holds no tune to train on" + (filesWithoutTunes.isEmpty() ? "" : " (see the warnings above)"));
            split = spec.split(loaded.corpus(), enc);
            sourceName = corpusName;
            out.println(spec);
            out.println(split + "; " + (split.train().groupedTunes() + split.valid().groupedTunes() + split.test().groupedTunes())
                    + " tunes kept in one part with their other settings" + (regular ? "; training on the tunes with regular bars" : ""));
        }
        if (a.options().containsKey("export-tokens")) exportTokens(split, lstm, seconds, Path.of(a.options().get("export-tokens")));
        Training plan = Training.epochs(epochs).patience(patience).checkpoints(outDir.resolve("checkpoints"));
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
        if (!filesWithoutTunes.isEmpty()) {
            err.println("tunesmith train: warning: " + filesWithoutTunes.size() + " file" + (filesWithoutTunes.size() == 1 ? "" : "s")
                    + " of the corpus gave no tune: " + filesWithoutTunes);
            return 3;
        }
        return 0;
    }

    /** The files a run writes into --out that a later run must not silently replace. */
    static final List<String> MODEL_FILES = List.of("model.tsm", "checkpoints/best.tsm", "checkpoints/last.tsm");

    /**
     * A run into a folder that already holds a model would replace its model and checkpoints: refused,
     * saying how to continue it or overwrite it, unless --force is given or the run continues a model of
     * that same folder (--resume DIR/checkpoints/last.tsm --out DIR).
     */
    static void refuseToOverwrite(Path outDir, Path resume, boolean force) {
        if (Files.exists(outDir) && !Files.isDirectory(outDir))
            throw new Main.Failure(outDir + " exists and is a file, not a folder: give --out a new folder");
        if (force) return;
        List<String> there = MODEL_FILES.stream().filter(f -> Files.exists(outDir.resolve(f))).toList();
        if (there.isEmpty()) return;
        if (resume != null && resume.toAbsolutePath().normalize().startsWith(outDir.toAbsolutePath().normalize())) return;
        throw new Main.Failure(outDir + " already holds a trained model (" + String.join(", ", there) + "), which this run would overwrite. "
                + "To continue that training: --resume " + outDir.resolve("checkpoints/last.tsm") + " (with the same --corpus and split); "
                + "to start again over it: add --force; or give --out a new folder");
    }

    /** Temporary files of a model write killed before this run: ours by name, older than now. */
    private static void removeLeftovers(Path target, PrintStream err) {
        try {
            for (Path p : AtomicFiles.removeLeftovers(target, java.time.Instant.now())) err.println("removed an unfinished write: " + p);
        } catch (IOException e) {
            err.println("tunesmith train: could not remove unfinished writes beside " + target + ": " + e.getMessage());
        }
    }

    static Corpus corpus(String spec) { return SplitSpec.of(spec).load(); }

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
