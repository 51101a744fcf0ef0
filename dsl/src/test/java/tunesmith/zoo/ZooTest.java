package tunesmith.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.cli.Main;
import tunesmith.corpus.Corpus;
import tunesmith.encode.AbcTokens;
import tunesmith.model.Lstm;
import tunesmith.model.MelodyModel;
import tunesmith.modelfile.ModelCard;
import tunesmith.train.Training;
import tunesmith.notebook.Display;
import tunesmith.vae.MusicVae;
import tunesmith.vae.MusicVaeBuilder;

/**
 * The model zoo on tiny models trained here in seconds (never committed): zoo-add writes the
 * weights and the catalogue, loading checks size and sha256, cards read well, the DSL and the CLI
 * find models by name.
 */
class ZooTest {

    @TempDir static Path tmp;
    static Path models, lstmRun, vaeRun;
    static MelodyModel lstm;
    static String previous;

    @BeforeAll
    static void trainAndAdd() throws Exception {
        Corpus starter = Corpus.load("starter");
        var data = starter.tokens(AbcTokens.abc()).split(0.8, 0.2, 3);
        lstm = Lstm.lstm().layers(1).units(16).tbptt(0).batch(16).seed(5).train(data, Training.epochs(1).quiet());
        lstmRun = Files.createDirectories(tmp.resolve("runs/pretrain-tiny-lstm"));
        lstm.save(lstmRun.resolve("model.tsm"));
        Files.writeString(lstmRun.resolve("card.json"), """
                {"what": "Starter tunes, one epoch: a test model.", "corpus": "starter",
                 "split": {"train": 0.8, "valid": 0.2, "seed": 3},
                 "command": "bench/pretrain.sh tiny-lstm", "machine": "test machine, 2 cores"}
                """);
        Files.writeString(lstmRun.resolve("test.json"), """
                {"corpus": "starter", "test_nll_nats": 2.345678, "test_perplexity": 10.44, "test_accuracy": 0.41234, "test_tokens": 12345, "epochs": 1}
                """);
        MusicVae vae = MusicVaeBuilder.musicVae().dimension(8).encoderUnits(16).decoderUnits(32).batch(16).seed(5).train(starter, Training.epochs(1).quiet());
        vaeRun = Files.createDirectories(tmp.resolve("runs/pretrain-tiny-vae"));
        vae.save(vaeRun.resolve("model.tsm"));
        models = tmp.resolve("models");
        ZooAdd.add(models, "tiny-lstm", lstmRun);
        ZooAdd.add(models, "tiny-vae", vaeRun);
        previous = System.getProperty(Zoo.PROP_MODELS);
        System.setProperty(Zoo.PROP_MODELS, models.toString());
    }

    @AfterAll
    static void restore() {
        if (previous == null) System.clearProperty(Zoo.PROP_MODELS);
        else System.setProperty(Zoo.PROP_MODELS, previous);
    }

    @Test
    void zooAddWritesWeightsOnlyAndACatalogueThatReadsBack() throws Exception {
        Zoo zoo = Zoo.at(models);
        assertEquals(List.of("tiny-lstm", "tiny-vae"), zoo.cards().stream().map(ModelCard::name).toList());
        ModelCard c = zoo.card("tiny-lstm");
        assertEquals("lstm", c.kind());
        assertEquals("tiny-lstm.tsm", c.file());
        assertEquals("starter", c.corpus());
        assertEquals(lstm.encoding().spec(), c.encoding());
        assertEquals(new ModelCard.Split(0.8, 0.2, 3, lstm.fingerprint()), c.split());
        assertEquals(lstm.config().toText(), c.configuration());
        assertEquals("bench/pretrain.sh tiny-lstm", c.command());
        assertEquals(Map.of("test_nll_nats", 2.345678, "test_perplexity", 10.44, "test_accuracy", 0.41234, "test_tokens", 12345.0), c.metrics());
        assertEquals(List.of("test_nll_nats", "test_perplexity", "test_accuracy", "test_tokens"), List.copyOf(c.metrics().keySet()));
        assertEquals(Files.size(models.resolve("tiny-lstm.tsm")), c.size());
        assertEquals(Zoo.sha256(models.resolve("tiny-lstm.tsm")), c.sha256());
        assertTrue(c.size() < Files.size(lstmRun.resolve("model.tsm")), "weights only: " + c.size() + " vs " + Files.size(lstmRun.resolve("model.tsm")));
        // the training time is the model's own history (a one-epoch test model can take under a second)
        assertEquals(lstm.history().epochs().stream().mapToDouble(e -> e.seconds()).sum(), c.trainingSeconds(), 1.0);
        assertEquals("musicvae", zoo.card("tiny-vae").kind());
        // adding again replaces the entry, it does not duplicate it
        ZooAdd.add(models, "tiny-lstm", lstmRun);
        assertEquals(2, Zoo.at(models).cards().size());
        assertEquals(Zoo.parse(Zoo.toJson(zoo.cards()), models), zoo.cards());
    }

    @Test
    void aCounterpointModelJoinsTheZooAndHarmonizesAsTheFullOne() throws Exception {
        tunesmith.corpus.Chorales all = tunesmith.corpus.Chorales.read(tunesmith.TestCorpora.folder("jsb-chorales").resolve("Jsb16thSeparated.json"));
        tunesmith.corpus.Chorales few = new tunesmith.corpus.Chorales(all.train().subList(0, 8), all.valid().subList(0, 4), all.test().subList(0, 2));
        tunesmith.counterpoint.Counterpoint satb = tunesmith.counterpoint.CounterpointBuilder.counterpoint().layers(1).units(8).head(8)
                .train(few, Training.epochs(1).quiet());
        Path run = Files.createDirectories(tmp.resolve("runs/pretrain-tiny-satb")), dir = tmp.resolve("satb-zoo");
        satb.save(run.resolve("model.tsm"));
        Files.writeString(run.resolve("test.json"), "{\"corpus\": \"jsb\", \"test_alto_accuracy_on_onsets\": 0.1}");
        ModelCard c = ZooAdd.add(dir, "tiny-satb", run);
        assertEquals(ModelCard.COUNTERPOINT, c.kind());
        assertEquals(satb.config().toText(), c.configuration());
        assertEquals(Map.of("test_alto_accuracy_on_onsets", 0.1), c.metrics());
        Pretrained p = Zoo.at(dir).pretrained("tiny-satb");
        tunesmith.counterpoint.Counterpoint back = p.counterpoint();
        int[] soprano = all.test().get(0).voice(0);
        tunesmith.counterpoint.Decoding how = tunesmith.counterpoint.Decoding.DEFAULT;
        assertTrue(java.util.Arrays.deepEquals(satb.harmonizeSteps(soprano, 16, how), back.harmonizeSteps(soprano, 16, how)));
        assertTrue(back.toString().contains("Model card: tiny-satb (counterpoint)"), back.toString());
        ZooException wrong = assertThrows(ZooException.class, p::lstm);
        assertTrue(wrong.getMessage().contains("counterpoint()"), wrong.getMessage());
    }

    @Test
    void weightsOnlyFilesSampleAndDecodeAsTheFullOnes() {
        MelodyModel back = Zoo.at(models).pretrained("tiny-lstm").lstm();
        assertEquals(lstm.sample().seed(7).maxLength(80).count(2).toString(), back.sample().seed(7).maxLength(80).count(2).toString());
        MusicVae full = MusicVae.load(vaeRun.resolve("model.tsm")), zoo = Zoo.at(models).pretrained("tiny-vae").musicVae();
        float[] z = new float[full.dimension()];
        z[0] = 1;
        assertEquals(full.decode(z).toString(), zoo.decode(z).toString());
    }

    @Test
    void aChangedTruncatedOrMissingFileIsRefusedSayingWhatToDo() throws Exception {
        Path copy = Files.createDirectories(tmp.resolve("damaged"));
        for (String f : List.of(Zoo.CATALOGUE, "tiny-lstm.tsm", "tiny-vae.tsm")) Files.copy(models.resolve(f), copy.resolve(f));
        byte[] bytes = Files.readAllBytes(copy.resolve("tiny-lstm.tsm"));
        bytes[bytes.length / 2] ^= 1;
        Files.write(copy.resolve("tiny-lstm.tsm"), bytes);
        ZooException changed = assertThrows(ZooException.class, () -> Zoo.at(copy).pretrained("tiny-lstm"));
        assertTrue(changed.getMessage().startsWith("The zoo's model 'tiny-lstm' at " + copy.resolve("tiny-lstm.tsm").toAbsolutePath() + " has sha256 "), changed.getMessage());
        assertTrue(changed.getMessage().contains("the file was changed or damaged. Restore it (git checkout -- models/tiny-lstm.tsm)"), changed.getMessage());

        Files.write(copy.resolve("tiny-lstm.tsm"), java.util.Arrays.copyOf(bytes, 100));
        ZooException truncated = assertThrows(ZooException.class, () -> Zoo.at(copy).file("tiny-lstm"));
        assertTrue(truncated.getMessage().contains("is 100 bytes, the catalogue says "), truncated.getMessage());

        Files.delete(copy.resolve("tiny-lstm.tsm"));
        ZooException missing = assertThrows(ZooException.class, () -> Zoo.at(copy).pretrained("tiny-lstm"));
        assertTrue(missing.getMessage().contains("is missing: " + copy.resolve("tiny-lstm.tsm").toAbsolutePath() + " does not exist"), missing.getMessage());
        assertTrue(missing.getMessage().contains("train it again with bench/pretrain.sh tiny-lstm"), missing.getMessage());

        ZooException unknown = assertThrows(ZooException.class, () -> Zoo.at(models).pretrained("folk-lstm"));
        assertTrue(unknown.getMessage().startsWith("No model 'folk-lstm' in the zoo at "), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("(it has tiny-lstm, tiny-vae)"), unknown.getMessage());

        ZooException wrongKind = assertThrows(ZooException.class, () -> Zoo.at(models).pretrained("tiny-vae").lstm());
        assertEquals("pretrained(\"tiny-vae\").lstm(): 'tiny-vae' is a musicvae model, not a lstm model. Use pretrained(\"tiny-vae\").musicVae().", wrongKind.getMessage());

        Files.writeString(copy.resolve(Zoo.CATALOGUE), "{\"models\": []}");
        ZooException foreign = assertThrows(ZooException.class, () -> Zoo.at(copy));
        assertTrue(foreign.getMessage().contains("is not a Tunesmith model catalogue"), foreign.getMessage());
        ZooException none = assertThrows(ZooException.class, () -> Zoo.at(tmp.resolve("nowhere")));
        assertTrue(none.getMessage().contains("has no catalogue.json"), none.getMessage());
        ZooException notFound = assertThrows(ZooException.class, () -> Zoo.locate(Map.of("user.dir", "/")).card("folk-lstm"));
        assertTrue(notFound.getMessage().startsWith("No model zoo found for 'folk-lstm'"), notFound.getMessage());
    }

    @Test
    void zooAddRefusesFilesAndZoosOverTheLimits() {
        Path dir = tmp.resolve("small-zoo");
        ZooException file = assertThrows(ZooException.class, () -> ZooAdd.add(dir, "tiny-lstm", lstmRun, 1000, 10_000_000));
        assertTrue(file.getMessage().contains("over the zoo's limit of 1,000 per file"), file.getMessage());
        ZooAdd.add(dir, "tiny-lstm", lstmRun, 10_000_000, 10_000_000);
        long one = Zoo.at(dir).card("tiny-lstm").size();
        ZooException total = assertThrows(ZooException.class, () -> ZooAdd.add(dir, "tiny-again", lstmRun, 10_000_000, one + 10));
        assertTrue(total.getMessage().contains("the zoo would hold"), total.getMessage());
        assertFalse(Files.exists(dir.resolve("tiny-again.tsm")));
        assertFalse(Files.exists(dir.resolve("tiny-again.tsm.adding")));
        assertThrows(ZooException.class, () -> ZooAdd.add(dir, "Bad Name", lstmRun));
        assertThrows(ZooException.class, () -> ZooAdd.add(dir, "nothing", tmp.resolve("no-run")));
    }

    @Test
    void theCardReadsAsText() {
        ModelCard c = new ModelCard("folk-lstm", "lstm", "Irish and English folk tunes as ABC tokens.", "folk-lstm.tsm", "oneills+ryans+nottingham",
                "abc-tokens in-c", new ModelCard.Split(0.9, 0.05, 42, "0123456789abcdef0123"), "layers=2 units=512", "bench/pretrain.sh folk-lstm",
                11_520.4, "2 cores, x86_64", new java.util.LinkedHashMap<>(Map.of("test_nll_nats", 0.9876543)), 13_456_789, "ab".repeat(32));
        assertEquals("""
                Model card: folk-lstm (lstm)
                  learnt:    Irish and English folk tunes as ABC tokens.
                  test:      test_nll_nats 0.9877
                  corpus:    oneills+ryans+nottingham, encoded as abc-tokens in-c
                  split:     train 0.90 / valid 0.05 / test 0.05, seed 42, fingerprint 0123456789ab…
                  config:    layers=2 units=512
                  trained:   3 h 12 min on 2 cores, x86_64
                  reproduce: bench/pretrain.sh folk-lstm
                  file:      models/folk-lstm.tsm, 13.5 MB, sha256 abababababab…""", c.toString());
        assertTrue(c.html().contains("<th style=\"text-align:left;vertical-align:top;\">learnt</th>"), c.html());
        assertEquals("12,345", ModelCard.number(12345));
        assertEquals("0.4123", ModelCard.number(0.41234));
        assertEquals("10.44", ModelCard.number(10.44));
        assertEquals("1.234e-05", ModelCard.number(0.00001234));
        assertEquals("812 kB", ModelCard.bytes(812_000));
        assertEquals("14 min 5 s", ModelCard.duration(845));
    }

    @Test
    void aModelFromTheZooShowsItsCardInTextAndInANotebook() {
        Pretrained p = tunesmith.Tunesmith.pretrained("tiny-lstm");
        assertTrue(p.toString().startsWith("Model card: tiny-lstm (lstm)\n  learnt:    Starter tunes, one epoch: a test model."), p.toString());
        assertTrue(p.toString().endsWith("Load it with pretrained(\"tiny-lstm\").lstm()"), p.toString());
        MelodyModel m = p.lstm();
        assertTrue(m.card().isPresent());
        assertTrue(m.toString().startsWith("MelodyModel 1x16 LSTM"), m.toString());
        assertTrue(m.toString().contains("\nModel card: tiny-lstm (lstm)\n"), m.toString());
        assertFalse(lstm.toString().contains("Model card"));
        String html = Display.bundle(m).data().get("text/html");
        assertTrue(html.contains("<b>Model card: tiny-lstm</b>"), html);
        assertTrue(Display.bundle(p).data().get("text/html").contains("<b>Model card: tiny-lstm</b>"));
        MusicVae vae = tunesmith.Tunesmith.pretrained("tiny-vae").musicVae();
        assertTrue(vae.toString().contains("\nModel card: tiny-vae (musicvae)"), vae.toString());
        var table = tunesmith.Tunesmith.models();
        assertEquals(2, table.rowCount());
        assertEquals("tiny-lstm", table.stringColumn("name").get(0));
        assertEquals("test_nll_nats 2.346, test_perplexity 10.44, test_accuracy 0.4123", table.stringColumn("test").get(0));
    }

    record Run(int code, String out, String err) {}

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theCliListsTheZooShowsACardAndSamplesByName() throws Exception {
        Run list = cli("models");
        assertEquals(0, list.code, list.err);
        assertTrue(list.out.contains("Model zoo " + models.toAbsolutePath() + ": 2 models"), list.out);
        assertTrue(list.out.contains("tiny-lstm        lstm"), list.out);
        assertTrue(list.out.contains("test_nll_nats 2.346, test_perplexity 10.44, test_accuracy 0.4123"), list.out);
        assertTrue(list.out.contains("  Starter tunes, one epoch: a test model."), list.out);
        Run card = cli("models", "tiny-vae");
        assertEquals(0, card.code, card.err);
        assertTrue(card.out.startsWith("Model card: tiny-vae (musicvae)"), card.out);

        Path out = tmp.resolve("sampled");
        Run sample = cli("sample", "tiny-lstm", "--count", "2", "--seed", "3", "--max-length", "60", "--out", out.toString());
        assertEquals(0, sample.code, sample.err);
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(2, files.filter(f -> f.getFileName().toString().startsWith("sample_")).map(f -> f.getFileName().toString().replaceAll("\\..*", "")).distinct().count());
        }
        Run byPath = cli("sample", models.resolve("tiny-lstm.tsm").toString(), "--count", "1", "--max-length", "40", "--out", tmp.resolve("by-path").toString());
        assertEquals(0, byPath.code, byPath.err);
        Run unknown = cli("sample", "no-such-model", "--out", tmp.resolve("x").toString());
        assertEquals(2, unknown.code);
        assertTrue(unknown.err.contains("No model 'no-such-model' in the zoo"), unknown.err);
        Run resumed = cli("train", "--corpus", "starter", "--epochs", "1", "--seed", "3", "--resume", lstmRun.resolve("model.tsm").toString(), "--out", tmp.resolve("resumed").toString());
        assertEquals(0, resumed.code, resumed.err);
        assertTrue(resumed.out.contains("resuming MelodyModel 1x16 LSTM"), resumed.out);
        assertEquals(2, MelodyModel.load(tmp.resolve("resumed/model.tsm")).history().size(), "one epoch more than the saved model's");
        Run notAFile = cli("sample", "nowhere/model.tsm", "--out", tmp.resolve("x").toString());
        assertEquals(2, notAFile.code);
        assertTrue(notAFile.err.contains("nowhere/model.tsm does not exist: give a .tsm file, or a zoo name"), notAFile.err);
    }
}
