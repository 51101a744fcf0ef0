package tunesmith.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tunesmith.cli.MainTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.model.MelodyModel;

/**
 * The mistakes of issue 14, each made on purpose: one clear message naming what and where, a non-zero
 * exit, nothing overwritten or lost; option values are refused before a corpus or model is loaded.
 */
class MainMistakesTest {

    private static void assertRefused(int code, String expected, String... args) {
        MainTest.Run r = run(args);
        assertEquals(code, r.code(), String.join(" ", args) + "\n" + r.err());
        assertTrue(r.err().contains(expected), String.join(" ", args) + ": expected '" + expected + "' in\n" + r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "no stack trace or exception name: " + r.err());
    }

    @Test
    void everyOptionValueIsCheckedFirstAndNamed() {
        // the corpus and model given do not exist: the option's message comes first, so options are checked before loading
        String nope = "/no/such/corpus.abc";
        assertRefused(1, "--epochs -1: expected a whole number of at least 1", "train", "--corpus", nope, "--epochs", "-1", "--out", "o");
        assertRefused(1, "--seconds abc: expected a number of seconds, 0 for no limit", "train", "--corpus", nope, "--seconds", "abc", "--out", "o");
        assertRefused(1, "--test 2: expected a share of the tunes from 0 to below 1, e.g. 0.05 for 5%", "train", "--corpus", nope, "--test", "2", "--out", "o");
        assertRefused(1, "--test 0.6 and --valid 0.5 leave no tunes for training", "train", "--corpus", nope, "--test", "0.6", "--valid", "0.5", "--out", "o");
        assertRefused(1, "--layers 0: expected a whole number from 1 to 8", "train", "--corpus", nope, "--layers", "0", "--out", "o");
        assertRefused(1, "--dropout NaN: expected a share from 0 (none) up to 0.9", "train", "--corpus", nope, "--dropout", "NaN", "--out", "o");
        assertRefused(1, "--regular-bars yes: expected true or false", "train", "--corpus", nope, "--regular-bars", "yes", "--out", "o");
        assertRefused(1, "--encoding midi: expected one of abc, abc-in-c, grid", "train", "--corpus", nope, "--encoding", "midi", "--out", "o");
        assertRefused(1, "--model gru: expected lstm", "train", "--corpus", nope, "--model", "gru", "--out", "o");
        assertRefused(1, "--temperature abc: expected a number above 0", "sample", "nowhere.tsm", "--temperature", "abc", "--out", "o");
        assertRefused(1, "--top-p 1.5: expected a share above 0 up to 1", "sample", "nowhere.tsm", "--top-p", "1.5", "--out", "o");
        assertRefused(1, "--count 0: expected a whole number of at least 1", "sample", "nowhere.tsm", "--count", "0", "--out", "o");
        assertRefused(1, "--seed 1.5: expected a whole number", "sample", "nowhere.tsm", "--seed", "1.5", "--out", "o");
        assertRefused(1, "--greedy is a flag and takes no value (got 'yes')", "sample", "nowhere.tsm", "--greedy", "yes", "--out", "o");
        assertRefused(1, "--greedy and --temperature 0.5 both given", "sample", "nowhere.tsm", "--greedy", "--temperature", "0.5", "--out", "o");
        assertRefused(1, "--count x: expected a whole number of at least 1", "evaluate", "nowhere.tsm", "--corpus", nope, "--count", "x");
        assertRefused(1, "--valid -0.1: expected a share of the tunes", "evaluate", "nowhere.tsm", "--corpus", nope, "--valid", "-0.1");
        assertRefused(1, "--test 0.5 and --valid 0.5 leave no tunes for training", "evaluate", "nowhere.tsm", "--corpus", nope, "--test", "0.5", "--valid", "0.5");
        assertRefused(1, "--beam two: expected a whole number from 1 to 1000", "harmonize", "nowhere.tsm", "nowhere.abc", "--beam", "two", "--out", "o");
        assertRefused(1, "--temperature -1: expected 0 (the most probable) or a number above it", "harmonize", "nowhere.tsm", "nowhere.abc", "--temperature", "-1", "--out", "o");
        assertRefused(1, "--seconds -5: expected a number of seconds above 0", "demo", "--seconds", "-5");
        assertRefused(1, "--max-notes 0: expected a whole number of at least 1", "convert", "nowhere.abc", "--to", "abc", "--max-notes", "0", "--out", "o");
        assertRefused(1, "--to pdf: expected abc, midi, wav, notes or musicxml", "convert", "nowhere.abc", "--to", "pdf", "--out", "o");
        assertRefused(1, "--channel 17: expected a whole number from 1 to 16", "convert", "nowhere.mid", "--to", "abc", "--channel", "17", "--out", "o");
        assertRefused(1, "--track 0: expected a whole number of at least 1", "convert", "nowhere.mid", "--to", "abc", "--track", "0", "--out", "o");
    }

    @Test
    void aMissingFileIsNamedAndAMistypedCorpusGetsTheNearestName(@TempDir Path dir) {
        Path nope = dir.resolve("nope.abc");
        assertRefused(2, nope + " does not exist: give an .abc or .mid file, a folder of them, or a corpus name", "corpus", "stats", nope.toString());
        assertRefused(2, "does not exist", "corpus", "stats", "nope.abc");
        assertRefused(2, "unknown corpus 'onells': did you mean oneills?", "corpus", "stats", "onells");
        assertRefused(2, "unknown corpus 'onells': did you mean oneills?", "train", "--corpus", "starter+onells", "--out", dir.resolve("t").toString());
        assertRefused(2, "unknown corpus 'symphonies' (`tunesmith corpus list` lists the corpora", "corpus", "stats", "symphonies");
        assertRefused(2, nope + " does not exist: give an .abc or .mid file or a folder of them", "convert", nope.toString(), "--to", "abc", "--out", dir.resolve("c").toString());
        assertRefused(2, "nowhere.tsm does not exist: give a .tsm file, or a zoo name", "sample", "nowhere.tsm", "--out", dir.resolve("s").toString());
        assertRefused(2, nope + " does not exist: give harmonize an ABC file", "harmonize", "bach-satb", nope.toString(), "--out", dir.resolve("h").toString());
        assertFalse(Files.exists(dir.resolve("t")), "nothing written for a refused run");
    }

    /** An empty file and random bytes: no tune, said by name, and a non-zero exit from every command that reads them. */
    @Test
    void aFileWithNoTuneIsAWarningNamingItAndANonZeroExit(@TempDir Path dir) throws Exception {
        Path empty = Files.write(dir.resolve("empty.abc"), new byte[0]);
        byte[] noise = new byte[4096];
        new Random(14).nextBytes(noise);
        Path random = Files.write(dir.resolve("random.abc"), noise);
        for (Path f : List.of(empty, random)) {
            MainTest.Run stats = run("corpus", "stats", f.toString());
            assertEquals(3, stats.code(), stats.err());
            assertTrue(stats.err().contains("tunesmith corpus stats: warning: " + f + " holds no tune: "), stats.err());
            MainTest.Run convert = run("convert", f.toString(), "--to", "abc", "--out", dir.resolve("c").toString());
            assertEquals(2, convert.code(), "nothing converted");
            assertTrue(convert.err().contains("tunesmith convert: warning: " + f + " holds no tune"), convert.err());
            MainTest.Run train = run("train", "--corpus", f.toString(), "--epochs", "1", "--out", dir.resolve("t").toString());
            assertEquals(2, train.code());
            assertTrue(train.err().contains("tunesmith train: warning: " + f + " holds no tune"), train.err());
            assertTrue(train.err().contains("holds no tune to train on"), train.err());
            MainTest.Run harmonize = run("harmonize", "bach-satb", f.toString(), "--out", dir.resolve("h").toString());
            assertEquals(2, harmonize.code());
            assertTrue(harmonize.err().contains("tunesmith harmonize: warning: " + f + " holds no tune"), harmonize.err());
        }
        assertTrue(run("corpus", "stats", empty.toString()).err().contains("the file is empty"));
        // a folder with one good and one empty file: the good tunes are read, the empty file named, exit 3
        Path folder = Files.createDirectories(dir.resolve("book"));
        Files.writeString(folder.resolve("a.abc"), "X:1\nT:A\nM:2/4\nL:1/8\nK:G\nGA Bc|d4|]\n");
        Files.write(folder.resolve("b.abc"), new byte[0]);
        MainTest.Run both = run("corpus", "stats", folder.toString());
        assertEquals(3, both.code());
        assertTrue(both.out().contains("tunes read:   1") && both.err().contains("b.abc holds no tune"), both.out() + both.err());
    }

    @Test
    void anOutputFolderThatCannotBeMadeSaysWhyOnce(@TempDir Path dir) throws Exception {
        Path book = Files.writeString(dir.resolve("book.abc"), MainTest.BOOK);
        Path file = Files.writeString(dir.resolve("taken"), "keep me");
        assertRefused(2, file + " exists and is a file, not a folder", "convert", book.toString(), "--to", "abc", "--out", file.toString());
        MainTest.Run under = run("convert", book.toString(), "--to", "abc", "--out", file.resolve("sub").toString());
        assertEquals(2, under.code());
        assertEquals(1, under.err().strip().lines().count(), "said once: " + under.err());
        assertTrue(under.err().contains("Cannot create the output folder " + file.resolve("sub") + ": "), under.err());
        assertEquals("keep me", Files.readString(file));
        assertRefused(2, file + " exists and is a file, not a folder", "sample", "nowhere.tsm", "--out", file.toString());
        assertRefused(2, file + " exists and is a file, not a folder", "train", "--corpus", "starter", "--out", file.toString());
    }

    @Test
    void convertRefusesATuneOverMaxNotesByName(@TempDir Path dir) throws Exception {
        Path book = Files.writeString(dir.resolve("book.abc"), MainTest.BOOK);
        MainTest.Run r = run("convert", book.toString(), "--to", "notes", "--max-notes", "5", "--out", dir.resolve("out").toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*tune X:1 \"Tied and Chorded\": \\d+ notes, more than --max-notes 5 \\(raise it to convert this tune\\).*"), r.out());
        assertTrue(Files.exists(dir.resolve("out/book_3.json")), "the tune within the bound is converted");
        assertFalse(Files.exists(dir.resolve("out/book_1.json")));
        assertTrue(run("help").out().contains("--max-notes N"));
    }

    /** A run folder that holds a model is not trained over; --force does, --resume into it continues; kill -9 leftovers go. */
    @Test
    void trainDoesNotOverwriteAModelUnlessToldAndCleansKilledCheckpointWrites(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run"), checkpoints = Files.createDirectories(runDir.resolve("checkpoints"));
        byte[] old = "an earlier run's best model".getBytes();
        Files.write(checkpoints.resolve("best.tsm"), old);
        String[] tiny = {"train", "--corpus", "starter", "--layers", "1", "--units", "16", "--epochs", "1", "--tbptt", "0", "--test", "0.1", "--valid", "0.1",
                "--out", runDir.toString()};
        MainTest.Run refused = run(tiny);
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().contains(runDir + " already holds a trained model (checkpoints/best.tsm), which this run would overwrite"), refused.err());
        assertTrue(refused.err().contains("To continue that training: --resume " + checkpoints.resolve("last.tsm")), refused.err());
        assertTrue(refused.err().contains("to start again over it: add --force"), refused.err());
        assertArrayEquals(old, Files.readAllBytes(checkpoints.resolve("best.tsm")), "nothing overwritten");

        // a checkpoint write killed by kill -9 (this naming and the one before it), and files that are not ours
        FileTime earlier = FileTime.from(Instant.now().minusSeconds(3600));
        List<String> leftovers = List.of(".last.tsm.5550123.part", ".best.tsm77.tmp"), mine = List.of("notes.txt", ".last.tsm.keep", "last.tsm.bak");
        for (String name : leftovers) Files.setLastModifiedTime(Files.writeString(checkpoints.resolve(name), "half a model"), earlier);
        for (String name : mine) Files.setLastModifiedTime(Files.writeString(checkpoints.resolve(name), "not ours"), earlier);

        String[] forced = java.util.stream.Stream.concat(Stream.of(tiny), Stream.of("--force")).toArray(String[]::new);
        MainTest.Run t = run(forced);
        assertEquals(0, t.code(), t.err());
        for (String name : leftovers) assertFalse(Files.exists(checkpoints.resolve(name)), name + " removed");
        for (String name : mine) assertTrue(Files.exists(checkpoints.resolve(name)), name + " kept");
        assertEquals(1, MelodyModel.load(runDir.resolve("model.tsm")).history().size());

        // continuing the run in its own folder needs no --force
        MainTest.Run resumed = run("train", "--corpus", "starter", "--epochs", "1", "--test", "0.1", "--valid", "0.1",
                "--resume", checkpoints.resolve("last.tsm").toString(), "--out", runDir.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming MelodyModel"), resumed.out());
        assertEquals(2, MelodyModel.load(runDir.resolve("model.tsm")).history().size(), "one epoch more");
        assertRefused(2, "--resume " + dir.resolve("none.tsm") + ": no such file", "train", "--corpus", "starter",
                "--resume", dir.resolve("none.tsm").toString(), "--out", dir.resolve("other").toString());
        assertTrue(run("help").out().contains("--force"));
    }
}
