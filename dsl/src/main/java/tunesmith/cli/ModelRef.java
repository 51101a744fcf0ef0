package tunesmith.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import tunesmith.model.MelodyModel;
import tunesmith.zoo.Pretrained;
import tunesmith.zoo.Zoo;

/**
 * A model named on the command line: a file path, or the name of a model of the zoo
 * ({@code tunesmith sample folk-lstm ...}). An existing file wins; a name is looked up in the zoo
 * and its file checked against the catalogue (size and sha256).
 *
 * @param file       the model file
 * @param pretrained the zoo's model, or null for a plain file
 */
record ModelRef(Path file, Pretrained pretrained) {

    static ModelRef resolve(String arg) {
        Path p = Path.of(arg);
        if (Files.isRegularFile(p)) return new ModelRef(p, null);
        boolean looksLikeName = !arg.contains("/") && !arg.contains("\\") && !arg.endsWith(".tsm");
        if (!looksLikeName)
            throw new Main.Failure(p.toAbsolutePath() + (Files.isDirectory(p) ? " is a folder, not a model file" : " does not exist")
                    + ": give a .tsm file, or a zoo name from `tunesmith models`");
        Pretrained z = Zoo.standard().pretrained(arg);
        return new ModelRef(z.file(), z);
    }

    /** The model as a next-token LSTM; from the zoo it carries its card. */
    MelodyModel melodyModel() {
        return pretrained != null ? pretrained.lstm() : MelodyModel.load(file);
    }

    /** The model as a harmonizer; from the zoo it carries its card. */
    tunesmith.counterpoint.Counterpoint counterpoint() {
        return pretrained != null ? pretrained.counterpoint() : tunesmith.counterpoint.Counterpoint.load(file);
    }
}
