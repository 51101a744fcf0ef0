package tunesmith.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import tunesmith.notation.Problem;
import tunesmith.corpus.Catalogue;
import tunesmith.corpus.CatalogueEntry;
import tunesmith.corpus.Corpus;

/** {@code corpus list} and {@code corpus stats NAME|PATH}. */
final class CorpusCommand {

    private CorpusCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) throw new Main.UsageException("corpus needs a subcommand: list or stats");
        Args a = Args.parse(args.subList(1, args.size()), Set.of());
        return switch (args.get(0)) {
            case "list" -> {
                if (!a.positional().isEmpty()) throw new Main.UsageException("corpus list takes no arguments");
                yield list(out);
            }
            case "stats" -> {
                if (a.positional().size() != 1) throw new Main.UsageException("corpus stats needs one NAME or PATH");
                yield stats(a.positional().get(0), out, err);
            }
            default -> throw new Main.UsageException("unknown corpus subcommand '" + args.get(0) + "' (expected list or stats)");
        };
    }

    private static int list(PrintStream out) {
        out.printf("%-11s %7s  %-8s  %-34s %s%n", "name", "tunes", "format", "licence", "title");
        for (CatalogueEntry e : Catalogue.standard().entries()) {
            out.printf("%-11s %7d  %-8s  %-34s %s%n", e.name(), e.tunes(), e.format(), clip(e.licence(), 34), e.title());
        }
        return 0;
    }

    private static String clip(String s, int n) {
        if (s == null) return "";
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    /** Exit 3 when a file gave no tune (named on stderr); a missing file or unknown name fails before anything is read. */
    private static int stats(String nameOrPath, PrintStream out, PrintStream err) {
        CorpusArgs.Loaded loaded = CorpusArgs.load(nameOrPath, "corpus stats", err);
        Corpus c = loaded.corpus();
        out.println(c);
        out.println("tunes read:   " + c.report().read());
        out.println("tunes failed: " + c.report().skipped());
        for (Problem e : c.report().errors()) out.println("  " + e);
        out.println("warnings:     " + c.report().warnings().size());
        if (!loaded.filesWithoutTunes().isEmpty()) {
            out.println("files without a tune: " + loaded.filesWithoutTunes().size());
            return 3;
        }
        return 0;
    }
}
