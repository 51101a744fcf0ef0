package tunesmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.TestCorpora;
import tunesmith.notation.AbcReader;

class MainTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static final String BOOK = """
            Some free text before the tunes.

            X:1
            T:Tied and Chorded
            M:4/4
            L:1/8
            K:D
            |:{g}d2- d2 "A"[Ace]2 z2|!trill!f4 (3fga b2:|

            X:2
            T:Broken One
            M:4/4
            K:D
            ABC [DF | abc|

            X:3
            T:Third
            M:3/4
            L:1/4
            K:G
            G>A B|d3|]
            """;

    @Test
    void noArgumentsOrUnknownCommandsPrintUsageAndFail() {
        Run r = run();
        assertEquals(1, r.code);
        assertTrue(r.err.contains("usage: tunesmith"));
        Run u = run("frobnicate");
        assertEquals(1, u.code);
        assertTrue(u.err.contains("unknown command 'frobnicate'"));
        assertEquals(1, run("convert", "x.abc", "--to", "pdf", "--out", "o").code);
        assertEquals(1, run("convert", "x.abc", "--out", "o").code, "missing --to");
        assertEquals(1, run("corpus", "stats").code);
        assertEquals(1, run("convert", "--to", "abc", "--out", "o", "--colour", "red").code);
        assertEquals(0, run("help").code);
    }

    @Test
    void corpusListShowsTheCatalogue() {
        Run r = run("corpus", "list");
        assertEquals(0, r.code);
        for (String name : List.of("oneills", "ryans", "essen", "nottingham", "jsb", "starter")) assertTrue(r.out.contains(name), r.out);
    }

    @Test
    void corpusStatsNamesFailures(@TempDir Path dir) throws Exception {
        Path book = dir.resolve("book.abc");
        Files.writeString(book, BOOK);
        Run r = run("corpus", "stats", book.toString());
        assertEquals(0, r.code);
        assertTrue(r.out.contains("tunes read:   2"), r.out);
        assertTrue(r.out.contains("tunes failed: 1"), r.out);
        assertTrue(r.out.contains("X:2 \"Broken One\""), r.out);
    }

    @Test
    void convertToNotesWritesOneJsonPerReadableTune(@TempDir Path dir) throws Exception {
        Path book = dir.resolve("book.abc");
        Files.writeString(book, BOOK);
        Path out = dir.resolve("out");
        Run r = run("convert", book.toString(), "--to", "notes", "--out", out.toString());
        assertEquals(3, r.code, "some tunes were not converted");
        assertTrue(r.out.contains("converted 2 tunes"), r.out);
        assertTrue(r.out.contains("not converted") && r.out.contains("Broken One"), r.out);
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of("book_1.json", "book_3.json"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        JsonNode j = new ObjectMapper().readTree(out.resolve("book_1.json").toFile());
        assertEquals(1, j.get("x").asInt());
        assertEquals("Tied and Chorded", j.get("title").asText());
        JsonNode n = j.get("notes");
        // d2-d2 merged (one note, 2 quarters); grace g and trill without effect; chord as its top note e; rest left out
        assertEquals(74, n.get(0).get("pitch").asInt());
        assertEquals(0.0, n.get(0).get("onset").asDouble());
        assertEquals(2.0, n.get(0).get("duration").asDouble());
        assertEquals(76, n.get(1).get("pitch").asInt());
        assertEquals(2.0, n.get(1).get("onset").asDouble());
        assertEquals(78, n.get(2).get("pitch").asInt());
        assertEquals(4.0, n.get(2).get("onset").asDouble());
        assertEquals(1.0 / 3, n.get(3).get("duration").asDouble(), 1e-9);
        assertEquals(2 * 7, n.size(), "the repeat is unfolded: 7 notes played twice");
        assertEquals(8.0, n.get(7).get("onset").asDouble());
    }

    @Test
    void convertToAbcRoundTripsAndSearchesFolders(@TempDir Path dir) throws Exception {
        Path sub = Files.createDirectories(dir.resolve("tunes/inner"));
        Files.writeString(sub.resolve("book.abc"), BOOK);
        Path out = dir.resolve("abc");
        Run r = run("convert", dir.resolve("tunes").toString(), "--to", "abc", "--out", out.toString());
        assertEquals(3, r.code);
        String text = Files.readString(out.resolve("book_3.abc"));
        assertEquals(AbcReader.read(sub.resolve("book.abc")).tunes().get(1), AbcReader.readTune(text));
    }

    @Test
    void convertToMusicXmlWritesAScorePerTune(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("xml");
        Run r = run("convert", TestCorpora.repo().resolve("corpora/starter.abc").toString(), "--to", "musicxml", "--out", out.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("converted 45 tunes to musicxml"), r.out);
        String kesh = Files.readString(out.resolve("starter_8.musicxml"));
        assertTrue(kesh.contains("<!DOCTYPE score-partwise PUBLIC \"-//Recordare//DTD MusicXML 3.1 Partwise//EN\"")
                && kesh.contains("<work-title>The Kesh</work-title>"), kesh.substring(0, 400));
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(45, s.filter(p -> p.toString().endsWith(".musicxml")).count());
        }
    }

    @Test
    void convertReadsMidiFilesAndFoldersOfThem(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("midi"));
        var third = AbcReader.read(BOOK, "book.abc").tunes().get(1);
        tunesmith.midi.Midi.of(third).write(in.resolve("Third.mid"));
        Files.writeString(in.resolve("broken.mid"), "X:1\nT:not MIDI\nK:D\nABC|\n");
        Path out = dir.resolve("out");
        Run r = run("convert", in.toString(), "--to", "notes", "--out", out.toString());
        assertEquals(3, r.code, "one file was not converted: " + r.out + r.err);
        assertTrue(r.out.contains("converted 1 tunes"), r.out);
        assertTrue(r.out.contains("not converted: " + in.resolve("broken.mid") + ": no tune"), r.out);
        assertTrue(r.err.contains("warning: " + in.resolve("broken.mid") + " holds no tune: not a MIDI file: a standard MIDI file starts with \"MThd\""), r.err);
        JsonNode n = new ObjectMapper().readTree(out.resolve("Third_1.json").toFile()).get("notes");
        List<Double> read = new java.util.ArrayList<>();
        for (JsonNode note : n) read.add(note.get("onset").asDouble());
        assertEquals(third.melody().stream().map(e -> e.onsetQuarters()).toList(), read, "the notes of the tune the MIDI file was made from");
        assertEquals("Third", new ObjectMapper().readTree(out.resolve("Third_1.json").toFile()).get("title").asText());

        Run abc = run("convert", in.resolve("Third.mid").toString(), "--to", "abc", "--track", "2", "--out", dir.resolve("abc").toString());
        assertEquals(0, abc.code, abc.out + abc.err);
        var back = AbcReader.readTune(Files.readString(dir.resolve("abc/Third_1.abc")));
        assertEquals(third.melody(), back.melody());
        Run none = run("convert", in.resolve("Third.mid").toString(), "--to", "abc", "--track", "Fiddle", "--out", dir.resolve("none").toString());
        assertEquals(2, none.code);
        assertTrue(none.err.contains("no track named \"Fiddle\"; its tracks: 1 \"Third\" (no notes), 2 \"Voice 1\" (4 notes on channel 1)"), none.err);
    }

    @Test
    void trainThenSampleFromTheSavedModel(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("run");
        Run t = run("train", "--corpus", "starter", "--model", "lstm", "--layers", "1", "--units", "16", "--epochs", "1",
                "--tbptt", "0", "--test", "0.1", "--valid", "0.1", "--out", runs.toString(), "--export-tokens", dir.resolve("tokens").toString());
        assertEquals(0, t.code, t.err);
        for (String f : List.of("model.tsm", "history.csv", "loss.png", "test.json", "checkpoints/last.tsm")) assertTrue(Files.exists(runs.resolve(f)), f);
        JsonNode j = new ObjectMapper().readTree(runs.resolve("test.json").toFile());
        assertTrue(j.get("test_nll_nats").asDouble() > 0);
        assertEquals(Files.readAllLines(dir.resolve("tokens/vocab.txt")).size(), j.get("vocabulary").asInt());
        Path samples = dir.resolve("samples");
        Run s = run("sample", runs.resolve("model.tsm").toString(), "--count", "3", "--temperature", "1.0", "--max-length", "60", "--out", samples.toString());
        assertEquals(0, s.code, s.err);
        try (Stream<Path> files = Files.list(samples)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            for (int i = 1; i <= 3; i++) {
                int k = i;
                assertTrue(names.contains("sample_" + k + ".abc") || names.contains("sample_" + k + ".invalid.txt"), names.toString());
            }
        }
        Path eval = dir.resolve("eval");
        Run e = run("evaluate", runs.resolve("model.tsm").toString(), "--corpus", "starter", "--test", "0.1", "--valid", "0.1",
                "--count", "4", "--out", eval.toString());
        assertEquals(0, e.code, e.err);
        assertTrue(e.out.contains("model alone") && e.out.contains("unigram  NLL"), e.out);
        JsonNode ej = new ObjectMapper().readTree(eval.resolve("evaluation.json").toFile());
        assertEquals("nll_nats", ej.get("metrics").get(0).get("metric").asText());
        assertEquals(j.get("test_nll_nats").asDouble(), ej.get("metrics").get(0).get("model_alone").asDouble(), 1e-9,
                "the rebuilt test split is the one train measured");
        assertTrue(Files.exists(eval.resolve("evaluation.csv")) && Files.exists(eval.resolve("samples.csv")));
        Run wrong = run("evaluate", runs.resolve("model.tsm").toString(), "--corpus", "starter", "--test", "0.1", "--valid", "0.1",
                "--split-seed", "7", "--count", "2");
        assertEquals(2, wrong.code, wrong.out);
        assertTrue(wrong.err.contains("is not the data this model was trained on"), wrong.err);
        assertEquals(1, run("evaluate", runs.resolve("model.tsm").toString()).code, "--corpus missing");
        for (List<String> options : List.of(List.of("--greedy"), List.of("--greedy", "true"), List.of("--rules", "syntax"), List.of("--rules", "none"),
                List.of("--rules", "bars", "--greedy"))) {
            Path to = dir.resolve("samples-" + String.join("", options).replace("-", ""));
            List<String> cmd = new java.util.ArrayList<>(List.of("sample", runs.resolve("model.tsm").toString(), "--count", "2", "--max-length", "60"));
            cmd.addAll(options);
            cmd.addAll(List.of("--out", to.toString()));
            Run r = run(cmd.toArray(new String[0]));
            assertEquals(0, r.code, options + ": " + r.err);
            assertTrue(r.out.contains(options.contains("--greedy") ? "greedy" : "temperature"), options + ": " + r.out);
        }
        assertEquals(1, run("sample", "--count", "2", "--out", samples.toString()).code, "MODEL missing");
        assertEquals(1, run("train", "--corpus", "starter", "--model", "gru", "--out", runs.toString()).code);
        Run bad = run("sample", dir.resolve("tokens/vocab.txt").toString(), "--out", samples.toString());
        assertEquals(2, bad.code);
        assertTrue(bad.err.contains("not a zip archive"), bad.err);
    }

    @Test
    void sampleRefusesBadRulesAndValuesAfterGreedy() {
        Run rules = run("sample", "model.tsm", "--rules", "loose", "--out", "o");
        assertEquals(1, rules.code);
        assertTrue(rules.err.contains("--rules takes bars, syntax or none (got 'loose')"), rules.err);
        for (String[] args : List.of(new String[]{"sample", "model.tsm", "--greedy", "yes", "--out", "o"},
                new String[]{"sample", "model.tsm", "--greedy=false", "--out", "o"},
                new String[]{"sample", "model.tsm", "--out", "o", "--greedy", "no"})) {
            Run r = run(args);
            assertEquals(1, r.code, String.join(" ", args));
            assertTrue(r.err.contains("--greedy is a flag and takes no value (got '"), r.err);
            assertTrue(r.err.contains("usage: tunesmith"), r.err);
        }
        Run unknown = run("sample", "model.tsm", "--greed", "--out", "o");
        assertEquals(1, unknown.code);
        assertTrue(unknown.err.contains("unknown option --greed") && unknown.err.contains("--greedy"), unknown.err);
        assertTrue(run("help").out.contains("--rules bars|syntax|none"));
    }

    @Test
    void trainAGridModelAndSampleMelodies(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("grid");
        Run t = run("train", "--corpus", "starter", "--encoding", "grid", "--layers", "1", "--units", "16", "--epochs", "1",
                "--tbptt", "0", "--test", "0.1", "--valid", "0.1", "--out", runs.toString());
        assertEquals(0, t.code, t.err);
        JsonNode j = new ObjectMapper().readTree(runs.resolve("test.json").toFile());
        assertTrue(j.get("encoding").asText().startsWith("grid-tokens v1"), j.toString());
        assertEquals(4 + 2 + 37, j.get("vocabulary").asInt(), "reserved tokens, rest, hold and the 37 pitches of MIDI 48..84");
        Path samples = dir.resolve("samples");
        Run s = run("sample", runs.resolve("model.tsm").toString(), "--count", "2", "--max-length", "64", "--out", samples.toString());
        assertEquals(0, s.code, s.err);
        assertEquals(1, run("train", "--corpus", "starter", "--encoding", "midi", "--out", runs.toString()).code, "unknown encoding");
    }

    @Test
    void convertAWholeRealTunebook(@TempDir Path dir) throws Exception {
        Path book = TestCorpora.folder("oneills1850").resolve("0001-0050.abc");
        Run r = run("convert", book.toString(), "--to", "notes", "--out", dir.toString());
        int tunes = AbcReader.read(book).size();
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(tunes, s.count());
        }
        assertFalse(r.out.isEmpty());
    }
}
