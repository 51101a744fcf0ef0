package tunesmith.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.corpus.Corpus;
import tunesmith.train.Training;

/**
 * The hierarchical decoder (a conductor LSTM emitting one embedding per bar, each bar decoded from
 * its own): gradients, decoding consistent with training, saving, and a short training on 4-bar excerpts.
 */
class HierarchicalVaeTest {

    static final VaeConfig SMALL4 = VaeNetTest.SMALL.withBars(4).withConductorUnits(5);

    @Test
    void theConductorAddsItsArraysAndConditionsTheBarsOnItsOutput() {
        Map<String, long[]> shapes = VaeParams.shapes(SMALL4);
        assertArrayEquals(new long[]{6, 5}, shapes.get("cond_h0_W"));
        assertArrayEquals(new long[]{5, 20}, shapes.get("cond_RW"));
        assertArrayEquals(new long[]{5, 12}, shapes.get("h0_W"), "the bottom decoder starts from a bar's embedding, not z");
        assertArrayEquals(new long[]{VaeParams.vocab(SMALL4) + 5, 48}, shapes.get("dec_W"));
        assertTrue(VaeParams.shapes(VaeNetTest.SMALL).keySet().stream().noneMatch(n -> n.startsWith("cond_")), "the flat model has no conductor");
        assertEquals(SMALL4, VaeConfig.parse(SMALL4.toText()));
        assertEquals(0, VaeConfig.parse("bars=2 latent=8").conductorUnits(), "files from before the option read as flat");
        String m = assertThrows(IllegalArgumentException.class, () -> VaeConfig.DEFAULTS.withBars(1).withConductorUnits(8)).getMessage();
        assertTrue(m.contains("2 or more") && m.contains("hierarchical"), m);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        VaeConfig c = SMALL4.withFreeNats(0.01);
        List<Excerpt> batch = VaeNetTest.excerpts(c, 3, 0, 4); // 2/4: four bars of 8 steps
        VaeNetTest.assertGradientsMatchFiniteDifferences(new VaeNet(c, VaeNetTest.jittered(c)), batch, VaeTrainer.noise(c, 1, batch.size()), 0.5);
    }

    @Test
    void aBatchOfMixedLengthsIsRefusedWithTheReason() {
        VaeNet net = new VaeNet(SMALL4, VaeNetTest.jittered(SMALL4));
        List<Excerpt> mixed = new ArrayList<>(VaeNetTest.excerpts(SMALL4, 1, 0, 1));
        mixed.addAll(VaeNetTest.excerpts(SMALL4, 1, 2, 2));
        String m = assertThrows(IllegalArgumentException.class, () -> net.forward(mixed, null, 0)).getMessage();
        assertTrue(m.contains("one length") && m.contains("batch by length"), m);
        assertEquals(2, net.mu(mixed).length, "the encoder takes any lengths");
    }

    /**
     * Greedy decoding (step by step, each bar's state reset from its embedding when the bar
     * starts, bars as long as the decoded meter's) writes what the teacher-forced pass, given the
     * same z and the decoded excerpt, ranks first at every step: the two paths compute one model.
     */
    @Test
    void decodingStepByStepAgreesWithTheTeacherForcedPass() {
        for (VaeConfig c : List.of(SMALL4, VaeNetTest.SMALL)) {
            VaeNet net = new VaeNet(c, VaeNetTest.jittered(c));
            Random r = new Random(3);
            float[][] z = new float[12][c.latent()];
            for (float[] row : z) for (int k = 0; k < row.length; k++) row[k] = (float) (r.nextGaussian() * 2);
            List<Excerpt> decoded = net.decode(z, tunesmith.sample.Strategy.greedy(), null);
            long hits = 0, tokens = 0;
            for (int i = 0; i < z.length; i++) { // one by one: the teacher-forced pass takes one length per batch
                VaeNet.Out o = net.score(List.of(decoded.get(i)), new float[][]{z[i]});
                hits += o.readable();
                assertEquals(List.of(decoded.get(i)), net.decode(new float[][]{z[i]}, tunesmith.sample.Strategy.greedy(), null), "decoded alone and in a batch of mixed meters");
            }
            assertTrue(hits >= 0.99 * tokens, (c.conductorUnits() > 0 ? "hierarchical" : "flat") + ": " + hits + " of " + tokens
                    + " decoded tokens are the teacher-forced choice");
            assertTrue(decoded.stream().map(Excerpt::meterClass).distinct().count() > 1, "the batch mixes meters: " + decoded);
        }
    }

    @Test
    void aShortTrainingOnFourBarExcerptsLearnsAndReloadsIdentically(@TempDir Path dir) {
        MusicVaeBuilder b = MusicVaeBuilder.musicVae().bars(4).conductor(16).dimension(8).encoderUnits(16).decoderUnits(32).batch(16).learningRate(0.01).seed(5);
        VaeData data = b.data(Corpus.load("starter"));
        assertTrue(data.train().size() > 50, data.toString());
        double before = VaeOps.teacherForced(VaeState.fresh(b.config(), Map.of()), data.valid()).reconPerToken();
        MusicVae vae = b.train(data, Training.epochs(2).patience(0).quiet());
        double after = vae.history().epochs().get(1).validRecon();
        assertTrue(after < before, "valid recon " + after + " not below the untrained " + before);
        assertTrue(vae.toString().contains("under a conductor 16"), vae.toString());
        Path f = dir.resolve("h.tsm");
        vae.save(f);
        MusicVae back = MusicVae.load(f);
        assertEquals(vae.config(), back.config());
        List<Excerpt> some = data.valid().subList(0, Math.min(6, data.valid().size()));
        float[][] z = vae.encodeExcerpts(some);
        assertEquals(vae.decodeExcerpts(z), back.decodeExcerpts(z));
        for (Excerpt s : vae.decodeExcerpts(z)) assertEquals(4, s.bars(), s.toString());
        assertEquals(vae.evaluate(some), back.evaluate(some));
    }
}
