package tunesmith.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tunesmith.modelfile.ModelCard;
import tunesmith.zoo.Zoo;

/**
 * {@code models [NAME]}: the zoo's models (name, kind, size, key test metrics, what each learnt),
 * or one model's card.
 */
final class ModelsCommand {

    private ModelsCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Args a = Args.parse(args, Set.of());
        if (a.positional().size() > 1) throw new Main.UsageException("models takes at most one NAME (got " + a.positional() + ")");
        Zoo zoo = Zoo.standard();
        if (a.positional().size() == 1) {
            out.println(zoo.card(a.positional().get(0)));
            return 0;
        }
        if (zoo.dir().isEmpty()) {
            out.println(zoo);
            return 0;
        }
        out.println("Model zoo " + zoo.dir().get() + ": " + zoo.cards().size() + (zoo.cards().size() == 1 ? " model" : " models"));
        if (zoo.cards().isEmpty()) {
            out.println("  none yet: bench/pretrain.sh NAME trains one, bench/zoo-add.sh NAME RUN_DIR adds it");
            return 0;
        }
        out.printf(Locale.ROOT, "%-16s %-9s %9s  %s%n", "name", "kind", "size", "test");
        for (ModelCard c : zoo.cards()) {
            out.printf(Locale.ROOT, "%-16s %-9s %9s  %s%n", c.name(), c.kind(), ModelCard.bytes(c.size()), Zoo.keyMetrics(c));
            if (!c.what().isEmpty()) out.println("  " + c.what());
        }
        out.println("`tunesmith models NAME` shows a card; `tunesmith sample NAME --out DIR` samples; pretrained(\"NAME\") in the DSL.");
        return 0;
    }
}
