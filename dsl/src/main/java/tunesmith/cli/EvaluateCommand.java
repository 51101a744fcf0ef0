package tunesmith.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import tunesmith.encode.SplitSpec;
import tunesmith.modelfile.ModelCard;
import tunesmith.eval.Evaluation;
import tunesmith.eval.EvaluationReport;
import tunesmith.model.MelodyModel;

/**
 * {@code evaluate MODEL|NAME [--corpus SPEC --test F --valid F --split-seed N --regular-bars true --count N --seed N --out DIR]}:
 * rebuilds the split the model was trained on (refusing one whose training part is not the model's
 * training data), then prints the evaluation and, with {@code --out}, writes evaluation.json,
 * evaluation.csv and samples.csv there.
 */
final class EvaluateCommand {

    private EvaluateCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Args a = Args.parse(args, Set.of("corpus", "test", "valid", "split-seed", "count", "seed", "out", "regular-bars"));
        if (a.positional().size() != 1) throw new Main.UsageException("evaluate needs exactly one MODEL (a .tsm file or a zoo name; got " + a.positional() + ")");
        // the values first, before a corpus or model is loaded; a zoo model's card fills in the split's defaults
        double test = a.share("test", SplitSpec.DEFAULT_TEST), valid = a.share("valid", SplitSpec.DEFAULT_VALID);
        if (test + valid >= 1)
            throw new Main.UsageException("--test " + test + " and --valid " + valid + " leave no tunes for training: together they must be below 1, as train's were");
        a.longOption("split-seed", 0);
        a.booleanOption("regular-bars", false);
        int count = a.intOption("count", tunesmith.eval.Defaults.SAMPLES, 1, Integer.MAX_VALUE);
        long seed = a.longOption("seed", tunesmith.eval.Defaults.SEED);
        if (a.options().containsKey("corpus")) CorpusArgs.check(a.options().get("corpus"));
        if (a.options().containsKey("out")) OutputFolder.create("--out", Path.of(a.options().get("out")));
        ModelRef ref = ModelRef.resolve(a.positional().get(0));
        SplitSpec spec;
        try {
            ModelCard.Split s = ref.pretrained() == null ? null : ref.pretrained().card().split();
            String corpus = ref.pretrained() != null && !a.options().containsKey("corpus") ? ref.pretrained().card().corpus() : a.required("corpus");
            spec = new SplitSpec(corpus, a.share("test", s != null ? s.test() : SplitSpec.DEFAULT_TEST),
                    a.share("valid", s != null ? s.valid() : SplitSpec.DEFAULT_VALID),
                    a.longOption("split-seed", s != null ? s.seed() : SplitSpec.DEFAULT_SEED),
                    a.booleanOption("regular-bars", s != null && s.regularTraining()));
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
        MelodyModel model = ref.melodyModel();
        out.println(model);
        out.println("split: " + spec);
        Evaluation e = Evaluation.of(model, spec);
        try {
            e = e.samples(count).seed(seed);
        } catch (IllegalArgumentException x) {
            throw new Main.UsageException(x.getMessage());
        }
        EvaluationReport report = e.run();
        out.println(report);
        if (a.options().containsKey("out")) {
            Path dir = report.write(Path.of(a.options().get("out")));
            out.println("wrote " + dir.resolve("evaluation.json") + ", evaluation.csv, samples.csv");
        }
        return 0;
    }
}
