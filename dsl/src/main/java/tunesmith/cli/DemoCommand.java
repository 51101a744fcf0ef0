package tunesmith.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import tunesmith.corpus.Corpus;
import tunesmith.music.Tune;

/** {@code demo}: the starter corpus as a table summary, and one tune written as ABC, MIDI and WAV. */
final class DemoCommand {

    private DemoCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Args a = Args.parse(args, Set.of("out"));
        if (!a.positional().isEmpty()) throw new Main.UsageException("demo takes no positional arguments");
        Path dir = Path.of(a.option("out", "out"));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir + ": " + e.getMessage(), e);
        }
        Corpus starter = Corpus.load("starter");
        out.println(starter);
        var table = starter.table();
        out.println(table.summary().print());
        out.println(table.countBy("rhythm").print());
        Tune tune = starter.get(0);
        out.println(tune);
        String stem = "starter_" + tune.x();
        for (String format : List.of("abc", "midi", "wav")) {
            Path target = dir.resolve(stem + "." + (format.equals("midi") ? "mid" : format));
            ConvertCommand.write(tune, format, target);
            out.println("wrote " + target);
        }
        return 0;
    }
}
