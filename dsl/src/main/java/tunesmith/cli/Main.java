package tunesmith.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code tunesmith} command. Each subcommand is a small class; this one only dispatches
 * and prints usage. Exit codes: 0 done, 1 bad usage, 2 failed, 3 done but some tunes (or files without
 * a tune) were skipped.
 */
public final class Main {

    static final String USAGE = """
            usage: tunesmith <command> [arguments]

              corpus list                         the catalogue: every known corpus, tunes, licence, source
              corpus stats NAME|PATH              read a corpus; tunes read, tunes failed with reasons; a
                                                  file that gives no tune is named (exit 3)
              convert PATH... --to FORMAT [--max-notes N] [--track NAME|N] [--channel N] --out DIR
                                                  FORMAT is abc, midi, wav, notes (JSON) or musicxml (a
                                                  score for MuseScore and other editors); each PATH is an
                                                  ABC or MIDI file or a folder searched for *.abc, *.mid and
                                                  *.midi; one file per tune, named <file stem>_<X>.<ext>; a
                                                  MIDI file's melody is its highest voice, or that of
                                                  --track (name, or number from 1) and --channel (1..16);
                                                  a tune of more than N notes (20000) is not converted, by name
              train --corpus NAME[+NAME]|PATH --model lstm [--layers N --units N --dropout P --epochs N
                    --seed N --seconds S --batch N --tbptt N --learning-rate F --decay F --test F --valid F --patience N
                    --encoding abc|abc-in-c|grid --regular-bars true --resume FILE --force] --out DIR
                                                  train a next-token LSTM (ABC tokens, or the 16th grid;
                                                  --corpus jsb-soprano --encoding grid for the Bach
                                                  soprano lines); writes model.tsm, checkpoints/,
                                                  history.csv, loss.png, test.json to DIR; --resume
                                                  continues a saved model or checkpoint (same data and
                                                  split), e.g. --resume DIR/checkpoints/last.tsm --out DIR;
                                                  a DIR that holds a model is refused unless --force
                                                  (start again over it) or --resume from it;
                                                  --regular-bars true trains only on tunes whose bars
                                                  abc2midi accepts (held-out tunes all kept)
              evaluate MODEL --corpus NAME[+NAME]|PATH [--test F --valid F --split-seed N --regular-bars true
                    --count N --seed N --out DIR]
                                                  test NLL beside the unigram baseline, and N samples (100)
                                                  of the model alone and with the sampling rules: valid
                                                  share, abc2midi check, melody distances, copies; the
                                                  split must be the model's (train's --test, --valid and
                                                  --seed; defaults 0.05 0.05 42); writes evaluation.json,
                                                  evaluation.csv, samples.csv to DIR
              models [NAME]                       the model zoo (models/): name, kind, size, test metrics, what
                                                  each learnt; with NAME, that model's card
              sample MODEL [--count N --temperature T --top-k K --top-p P --greedy --prime TEXT
                    --seed N --max-length N --rules bars|syntax|none] --out DIR
                                                  samples as ABC, MIDI and WAV (invalid ones as text + reason);
                                                  MODEL is a .tsm file or a zoo name, e.g. folk-lstm;
                                                  --greedy takes the most probable token each step; --rules is
                                                  what sampling keeps to besides the model: bars (default:
                                                  ABC's syntax, ties, repeats and every bar to its meter),
                                                  syntax (bars of any length) or none (the model alone)
              harmonize MODEL MELODY [--beam N | --temperature T --seed N] [--no-rules] --out DIR
                                                  four voices (S, A, T, B) under every tune of MELODY (an ABC
                                                  file, or a MIDI file's melody):
                                                  ABC with V:S A T B, MIDI, WAV and MusicXML per tune;
                                                  MODEL is a .tsm file or a zoo name, e.g. bach-satb; --beam
                                                  is the search width (4), --temperature samples instead; the
                                                  rules (ranges, voice order, no parallels, holds of a bar and
                                                  a half) apply unless --no-rules (the model alone)
              continue MODEL MELODY --bars N [--count N --temperature T | --greedy --top-p P --seed N] --out DIR
                                                  continue every tune of MELODY (an ABC file, or a MIDI file's
                                                  melody) for N bars (8) with a melody LSTM, e.g. folk-lstm;
                                                  --count continuations (3) per tune, each as ABC, MIDI, WAV
                                                  and MusicXML, in the tune's key
              demo [--out DIR]                    samples of the zoo's folk-lstm (when there), then trains a small
                                                  LSTM on the starter tunes (about 2 minutes); writes samples,
                                                  the loss chart and an HTML page with sheet music to out/
              shell                               JShell with the DSL imported (handled by scripts/tunesmith)
              run FILE.jsh                        a JShell script without interaction, with the DSL imported;
                                                  it stops at the first line that fails, names it, exits 2
              help                                this text

            Corpora are found in $TUNESMITH_CORPORA (or -Dtunesmith.corpora), then the user cache,
            then downloaded from the catalogue's pinned URLs with checksum verification.
            Pretrained models are in models/ of the checkout ($TUNESMITH_MODELS or -Dtunesmith.models override).
            Every option value is checked before a corpus or model is loaded. Exit codes: 0 done, 1 bad usage,
            2 failed (a missing file, an unwritable --out, a failing script line), 3 done but some tunes or
            files were skipped (each named).
            """;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) { err.print(USAGE); return 1; }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "corpus" -> CorpusCommand.run(rest, out, err);
                case "convert" -> ConvertCommand.run(rest, out, err);
                case "demo" -> DemoCommand.run(rest, out, err);
                case "train" -> TrainCommand.run(rest, out, err);
                case "sample" -> SampleCommand.run(rest, out, err);
                case "evaluate" -> EvaluateCommand.run(rest, out, err);
                case "models" -> ModelsCommand.run(rest, out, err);
                case "harmonize" -> HarmonizeCommand.run(rest, out, err);
                case "continue" -> ContinueCommand.run(rest, out, err);
                case "run" -> RunCommand.run(rest, out, err);
                case "help", "--help", "-h" -> { out.print(USAGE); yield 0; }
                default -> usage(err, "unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            return usage(err, e.getMessage(), args[0]);
        } catch (RuntimeException e) {
            err.println("tunesmith " + args[0] + ": " + e.getMessage());
            if (System.getenv("TUNESMITH_DEBUG") != null) e.printStackTrace(err);
            return 2;
        }
    }

    static int usage(PrintStream err, String problem) {
        err.println("tunesmith: " + problem);
        err.print(USAGE);
        return 1;
    }

    /** The problem, then the usage of that one command (the whole text would bury the problem under 50 lines). */
    static int usage(PrintStream err, String problem, String command) {
        String block = usageOf(command);
        if (block.isEmpty()) return usage(err, problem);
        err.println("tunesmith: " + problem);
        err.println("usage: tunesmith " + block.strip());
        err.println("(`tunesmith help` shows every command)");
        return 1;
    }

    /** The lines of {@link #USAGE} for one command: its line and the indented lines under it. */
    static String usageOf(String command) {
        StringBuilder b = new StringBuilder();
        boolean in = false;
        for (String line : USAGE.lines().toList()) {
            boolean starts = line.startsWith("  ") && !line.startsWith("   ");
            if (starts) in = line.substring(2).equals(command) || line.substring(2).startsWith(command + " ");
            else if (!line.startsWith("   ")) in = false;
            if (in) b.append(line).append('\n');
        }
        return b.toString();
    }

    /**
     * A command written right that cannot be done (a file that is not there, an output folder that cannot be
     * written): one line, exit 2, no usage text and no stack trace.
     */
    static final class Failure extends RuntimeException {
        Failure(String message) { super(message, null, false, false); }
    }

    /** Bad arguments: print the problem and the usage, exit 1. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) { super(message); }
    }
}
