package tunesmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.corpus.Corpus;
import tunesmith.encode.AbcTokens;
import tunesmith.model.Lstm;
import tunesmith.train.Training;
import tunesmith.notebook.HeadlessChromium;
import tunesmith.zoo.Zoo;
import tunesmith.zoo.ZooAdd;

/**
 * The demo: samples of the zoo's folk-lstm first (a tiny stand-in trained here, never committed),
 * then the short training; one offline page under 5 MB whose tunes a browser draws as sheet music.
 */
class DemoTest {

    @TempDir Path tmp;

    @Test
    void thePageShowsTheZoosSamplesThenTheTrainingAllEngravedOffline() throws Exception {
        var data = Corpus.load("starter").tokens(AbcTokens.abc()).split(0.8, 0.2, 3);
        Path run = Files.createDirectories(tmp.resolve("run"));
        Lstm.lstm().layers(1).units(32).tbptt(0).batch(16).seed(5).train(data, Training.epochs(2).quiet()).save(run.resolve("model.tsm"));
        Files.writeString(run.resolve("card.json"), "{\"what\": \"A stand-in for the folk model.\", \"corpus\": \"starter\"}");
        Path models = tmp.resolve("models");
        ZooAdd.add(models, "folk-lstm", run);
        String previous = System.getProperty(Zoo.PROP_MODELS);
        System.setProperty(Zoo.PROP_MODELS, models.toString());
        Path dir = tmp.resolve("out");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code;
        try {
            code = Main.run(new String[]{"demo", "--out", dir.toString(), "--seconds", "3"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        } finally {
            if (previous == null) System.clearProperty(Zoo.PROP_MODELS); else System.setProperty(Zoo.PROP_MODELS, previous);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8) + text);
        assertTrue(text.contains("Model card: folk-lstm (lstm)"), text);
        Path index = dir.resolve("index.html");
        String page = Files.readString(index);
        assertTrue(Files.size(index) < 5_000_000, "page of " + Files.size(index) + " bytes");
        assertTrue(page.indexOf("Samples of the pretrained folk-lstm") < page.indexOf("Training a small model on the starter tunes"), "zoo samples first");
        assertTrue(page.contains("<b>Model card: folk-lstm</b>") && page.contains("A stand-in for the folk model."), "the card is on the page");
        assertEquals(1, count(page, "if (window.ABCJS) return;"), "abcjs inlined exactly once");
        assertFalse(page.contains("<script src="), "no script from the network");
        assertTrue(page.contains("window.ABCJS.renderAbc"));
        assertTrue(page.contains(">X:1\nT:"), "the starter tune's ABC is on the page");
        assertTrue(count(page, "class=\"tunesmith-tune\"") >= 2, "tunes drawn: " + count(page, "class=\"tunesmith-tune\""));

        String dom = HeadlessChromium.require().dumpDom(index);
        assertTrue(count(dom, "<svg") >= count(page, "class=\"tunesmith-tune\""), "every tune engraved: " + count(dom, "<svg") + " SVGs");
    }

    @Test
    void withoutTheModelInTheZooTheDemoSaysSoInOneLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DemoCommand.Page page = new DemoCommand.Page();
        DemoCommand.pretrained(Zoo.locate(java.util.Map.of("user.dir", "/")), tmp, page, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("(no folk-lstm in the model zoo yet"), text);
        assertTrue(page.html().contains("The model zoo has no folk-lstm yet"));
    }

    /** The bar on the shipped model: at least 4 of the 5 samples the demo shows pass abc2midi -c strictly. */
    @Test
    void theShippedFolkLstmsDemoSamplesPassAbc2Midi() throws Exception {
        Zoo zoo = Zoo.at(tunesmith.TestCorpora.repo().resolve("models"));
        org.junit.jupiter.api.Assumptions.assumeTrue(zoo.find(DemoCommand.PRETRAINED).isPresent(), "folk-lstm is not in models/");
        org.junit.jupiter.api.Assumptions.assumeTrue(tunesmith.eval.Abc2Midi.available(), "abc2midi is not installed");
        DemoCommand.Page page = new DemoCommand.Page();
        DemoCommand.pretrained(zoo, tmp, page, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        List<String> texts = new java.util.ArrayList<>();
        for (int i = 1; i <= DemoCommand.PRETRAINED_SAMPLES; i++) {
            Path abc = tmp.resolve(DemoCommand.PRETRAINED + "_" + i + ".abc");
            if (Files.exists(abc)) texts.add(Files.readString(abc));
        }
        assertEquals(5, DemoCommand.PRETRAINED_SAMPLES);
        var checks = tunesmith.eval.Abc2Midi.checker().checkAll(texts);
        long pass = checks.stream().filter(c -> c.passesStrictly()).count();
        assertTrue(pass >= 4, pass + " of 5 shown samples pass abc2midi -c: " + checks);
        assertEquals(DemoCommand.PRETRAINED_SAMPLES, count(page.html(), "class=\"tunesmith-tune\""), "every sample shown");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) n++;
        return n;
    }
}
