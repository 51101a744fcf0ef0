package tunesmith.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.notation.AbcReader;
import tunesmith.encode.MelodyGrid;
import tunesmith.music.Tune;

/** The latent operations on a real model: the linear PCA baseline of O'Neill's tunes. */
class LatentSpaceTest {

    private static final Tune TRIPLETS = AbcReader.readTune("X:7\nT:Triplet Reel\nR:reel\nM:4/4\nL:1/8\nK:D\n(3ABA FA dAFA|(3ABA FA B2AF|(3ABA FA dAFA|BAFA D4|]\n");

    private static List<Tune> accepted(List<Tune> tunes, int n) {
        LatentModel m = LatentTestSupport.model();
        return tunes.stream().filter(m::accepts).limit(n).toList();
    }

    @Test
    void encodeIsDeterministicAndEncodeAllMatchesEncodeInBatches() {
        LatentSpace space = LatentTestSupport.space();
        List<Tune> tunes = accepted(LatentTestSupport.oneills().test().tunes(), LatentSpace.BATCH + 10); // more than a batch
        assertEquals(LatentSpace.BATCH + 10, tunes.size());
        List<Latent> all = space.encodeAll(tunes);
        for (int i : new int[]{0, 7, LatentSpace.BATCH, LatentSpace.BATCH + 9}) assertEquals(space.encode(tunes.get(i)), all.get(i));
        assertEquals(16, all.get(0).dimension());
    }

    @Test
    void codesOfTheTrainingTunesFollowThePrior() {
        LatentSpace space = LatentTestSupport.space();
        List<Latent> z = space.encode("train", LatentTestSupport.oneills().train().tunes()).latents();
        // whitened PCA: the codes have the prior's scale, E|z|^2 = d, though openings are not the average window the model was fitted on
        double sq = 0;
        for (Latent l : z) sq += l.norm() * l.norm();
        sq /= z.size();
        assertTrue(sq > 0.5 * 16 && sq < 2 * 16, "mean squared norm " + sq);
        assertTrue(Latent.mean(z).norm() < 0.5 * Math.sqrt(sq), "mean code " + Latent.mean(z));
    }

    @Test
    void decodingACodeGivesATwoBarTuneCloseToTheOriginalOnHeldOutTunes() {
        LatentSpace space = LatentTestSupport.space();
        List<Tune> held = accepted(LatentTestSupport.oneills().test().tunes(), 200);
        List<Tune> decoded = space.decodeAll(space.encodeAll(held));
        MelodyGrid g = LatentSpace.grid();
        int same = 0, total = 0, baseline = 0;
        int[] mean = Excerpt.steps(space.decode(Latent.zero(16)), 2, g);
        for (int i = 0; i < held.size(); i++) {
            int[] x = Excerpt.steps(held.get(i), 2, g), y = Excerpt.steps(decoded.get(i), 2, g);
            assertEquals(32, y.length);
            for (int t = 0; t < x.length; t++) { total++; if (x[t] == y[t]) same++; if (x[t] == mean[t]) baseline++; }
        }
        assertEquals(2, decoded.get(0).barCount());
        assertEquals("4/4", decoded.get(0).meter().text());
        // 16 linear dimensions cannot hold a melody, but they hold far more than the mean tune does
        assertTrue(same > baseline * 1.2, "reconstruction " + same + "/" + total + " vs the mean tune's " + baseline + "/" + total);
    }

    @Test
    void aRefusedTuneIsNamedWithTheReason() {
        LatentSpace space = LatentTestSupport.space();
        var e = assertThrows(IllegalArgumentException.class, () -> space.encode(TRIPLETS));
        assertTrue(e.getMessage().contains("X:7 'Triplet Reel'") && e.getMessage().contains("triplets"), e.getMessage());
        Tune ok = accepted(LatentTestSupport.oneills().test().tunes(), 1).get(0);
        e = assertThrows(IllegalArgumentException.class, () -> space.encodeAll(List.of(ok, TRIPLETS)));
        assertTrue(e.getMessage().startsWith("Tune 1, tune X:7 'Triplet Reel'") && e.getMessage().contains("encode(corpus)"), e.getMessage());
        EncodedCorpus c = space.encode("mixed", List.of(ok, TRIPLETS));
        assertEquals(1, c.size());
        assertEquals(1, c.skipped().size());
        assertTrue(c.skipped().get(0).contains("Triplet Reel") && c.skipped().get(0).contains("16th-note grid"), c.skipped().get(0));
        Tune shortTune = AbcReader.readTune("X:1\nT:Short\nM:4/4\nL:1/8\nK:G\nGABc d4|]\n");
        e = assertThrows(IllegalArgumentException.class, () -> space.encode(shortTune));
        assertTrue(e.getMessage().contains("\"Short\" has 16 sixteenths") && e.getMessage().contains("reads 32"), e.getMessage());
    }

    @Test
    void aTripletAfterTheOpeningDoesNotKeepTheTuneOut() {
        Tune late = AbcReader.readTune("X:8\nT:Late Triplet\nM:4/4\nL:1/8\nK:D\nA|dAFA dAFA|BAFA D2FA|dAFA (3ABA FA|BAFA D3|]\n");
        LatentSpace space = LatentTestSupport.space();
        assertTrue(space.model().accepts(late));
        int[] steps = Excerpt.steps(late, 2, LatentSpace.grid());
        assertEquals(MelodyGrid.FIRST_NOTE + 74 - 48, steps[0], "the opening starts on the first full bar's d (D5), after the pickup");
        assertEquals(16, space.encode(late).dimension());
    }

    @Test
    void samplesFromThePriorAreSeededAndTemperatureZeroIsTheMean() {
        LatentSpace space = LatentTestSupport.space();
        assertEquals(space.prior(3, 1.0, 5), space.prior(3, 1.0, 5));
        assertNotEquals(space.prior(3, 1.0, 5), space.prior(3, 1.0, 6));
        List<Tune> s = space.sample(4, 0.8, 1);
        assertEquals(4, s.size());
        assertEquals(s, space.sample(4, 0.8, 1));
        for (Latent z : space.prior(3, 0, 9)) assertEquals(Latent.zero(16), z);
        // at temperature t the codes have norm about t·sqrt(d)
        double n = 0;
        List<Latent> many = space.prior(400, 0.5, 2);
        for (Latent z : many) n += z.norm();
        assertEquals(0.5 * Math.sqrt(16), n / many.size(), 0.15);
        var e = assertThrows(IllegalArgumentException.class, () -> space.prior(2, -1, 0));
        assertTrue(e.getMessage().contains("temperature -1.0"), e.getMessage());
    }

    @Test
    void interpolationRowsStartAndEndAtTheTwoTunes() {
        LatentSpace space = LatentTestSupport.space();
        List<Tune> two = accepted(LatentTestSupport.oneills().test().tunes(), 2);
        Tune a = two.get(0), b = two.get(1);
        Interpolation i = space.interpolate(a, b, 7);
        assertEquals(7, i.steps());
        assertEquals(space.encode(a), i.path().get(0));
        assertEquals(space.encode(b), i.path().get(6));
        assertEquals(space.decode(space.encode(a)), i.latent().get(0));
        assertEquals(space.decode(space.encode(b)), i.latent().get(6));
        MelodyGrid g = LatentSpace.grid();
        int[] sa = Excerpt.steps(a, 2, g), sb = Excerpt.steps(b, 2, g);
        assertArrayEqualsSteps(sa, Excerpt.steps(i.data().get(0), 2, g));
        assertArrayEqualsSteps(sb, Excerpt.steps(i.data().get(6), 2, g));
        // the data row moves monotonically: each step shares no more 16ths with a than the one before
        int prev = Integer.MAX_VALUE;
        for (Tune t : i.data()) {
            int[] s = Excerpt.steps(t, 2, g);
            int fromA = 0;
            for (int k = 0; k < s.length; k++) if (s[k] == sa[k] && sa[k] != sb[k]) fromA++;
            assertTrue(fromA <= prev);
            prev = fromA;
        }
        // the latent path keeps norms between the ends
        for (Latent z : i.path()) assertTrue(z.norm() <= Math.max(i.path().get(0).norm(), i.path().get(6).norm()) + 1e-9);
        String shown = i.toString();
        assertEquals(8, shown.lines().count(), shown);
        assertTrue(shown.contains("0.50  latent ") && shown.contains("|  data "), shown);
    }

    @Test
    void dataInterpolationSaysWhichTuneIsOffTheGrid() {
        LatentSpace space = LatentTestSupport.space();
        Tune ok = accepted(LatentTestSupport.oneills().test().tunes(), 1).get(0);
        var e = assertThrows(IllegalArgumentException.class, () -> space.interpolateData(ok, TRIPLETS, 5));
        assertTrue(e.getMessage().startsWith("Data-space interpolation mixes two melodies on the 16th-note grid, and tune X:7 'Triplet Reel'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> space.interpolate(ok, ok, 1));
        assertTrue(e.getMessage().contains("expected 2..1000"), e.getMessage());
    }

    private static void assertArrayEqualsSteps(int[] expected, int[] actual) {
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(actual));
    }

    @Test
    void averageOfOneTuneIsItsReconstruction() {
        LatentSpace space = LatentTestSupport.space();
        Tune t = accepted(LatentTestSupport.oneills().test().tunes(), 1).get(0);
        assertEquals(space.decode(space.encode(t)), space.average(List.of(t)));
        List<Tune> three = accepted(LatentTestSupport.oneills().test().tunes(), 3);
        assertEquals(Latent.mean(space.encodeAll(three)), space.mean(three));
    }

    @Test
    void addingTheNoteDensityVectorAddsNotesToHeldOutTunes() {
        LatentSpace space = LatentTestSupport.space();
        EncodedCorpus train = space.encode(LatentTestSupport.oneills().train());
        Attribute density = train.attribute("density");
        assertTrue(density.with() > 100 && density.without() > 100, density.toString());
        assertTrue(density.toString().startsWith("Attribute \"density\": more than the median"), density.toString());
        List<Tune> held = accepted(LatentTestSupport.oneills().test().tunes(), 150);
        double plain = 0, denser = 0, sparser = 0;
        for (Latent z : space.encodeAll(held)) {
            plain += Excerpt.notes(Excerpt.steps(space.decode(z), 2, LatentSpace.grid()));
            denser += Excerpt.notes(Excerpt.steps(space.decode(z.plus(density.times(1.5))), 2, LatentSpace.grid()));
            sparser += Excerpt.notes(Excerpt.steps(space.decode(z.minus(density.times(1.5))), 2, LatentSpace.grid()));
        }
        assertTrue(denser > plain * 1.05 && sparser < plain * 0.95, "notes per decoded tune: " + sparser / held.size() + " < " + plain / held.size() + " < " + denser / held.size());
    }

    @Test
    void theOtherBuiltInAttributesAndOwnPredicates() {
        LatentSpace space = LatentTestSupport.space();
        EncodedCorpus train = space.encode(LatentTestSupport.oneills().train());
        Attribute jig = train.attribute("jig vs reel");
        Attribute major = train.attribute("major");
        Attribute range = train.attribute("range");
        assertTrue(jig.with() > 50 && jig.without() > 50 && jig.norm() > 0, jig.toString());
        assertTrue(major.with() > major.without() && major.without() > 20, major.toString());
        assertTrue(range.norm() > 0, range.toString());
        // a jig's code plus the reel direction lies nearer the mean reel than before
        List<Latent> jigs = new ArrayList<>(), reels = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            String r = tunesmith.corpus.Rhythms.of(train.tunes().get(i));
            if (r.equals("jig")) jigs.add(train.latents().get(i));
            if (r.equals("reel")) reels.add(train.latents().get(i));
        }
        Latent reel = Latent.mean(reels);
        assertTrue(jigs.get(0).minus(jig).distance(reel) < jigs.get(0).distance(reel));
        Attribute own = train.attribute("in D", t -> t.key().tonicName().equals("D"));
        assertEquals(train.size(), own.with() + own.without());
        var e = assertThrows(IllegalArgumentException.class, () -> train.attribute("waltz", t -> false));
        assertTrue(e.getMessage().contains("0 tunes with it") && e.getMessage().contains("both sides"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> train.attribute("tempo"));
        assertTrue(e.getMessage().contains("[density, range, major, jig]"), e.getMessage());
    }

    @Test
    void similarFindsTheTuneItselfFirst() {
        LatentSpace space = LatentTestSupport.space();
        EncodedCorpus c = space.encode(LatentTestSupport.oneills().test());
        Tune t = c.tunes().get(5);
        List<Neighbour> n = c.similar(t, 5);
        assertEquals(5, n.size());
        assertEquals(0, n.get(0).distance(), 0);
        assertEquals(t, n.get(0).tune());
        for (int i = 1; i < n.size(); i++) assertTrue(n.get(i).distance() >= n.get(i - 1).distance());
        assertTrue(n.get(0).toString().startsWith("0.000  "), n.get(0).toString());
    }

    @Test
    void theLinearModelRoundTripsThroughAFileAndForeignFilesAreRefused(@TempDir Path dir) throws Exception {
        LinearLatentModel m = LatentTestSupport.model();
        Path f = m.save(dir.resolve("linear.tsl"));
        LatentModel back = LatentModels.load(f);
        List<Tune> tunes = accepted(LatentTestSupport.oneills().test().tunes(), 20);
        for (int i = 0; i < tunes.size(); i++) assertEquals(java.util.Arrays.toString(m.encode(tunes)[i]), java.util.Arrays.toString(back.encode(tunes)[i]));
        assertEquals(m.toString(), back.toString());
        Path junk = Files.writeString(dir.resolve("junk.tsl"), "hello, not a model");
        var e = assertThrows(IllegalArgumentException.class, () -> LatentModels.load(junk));
        assertTrue(e.getMessage().contains("not a latent model file") && e.getMessage().contains("linear PCA baseline"), e.getMessage());
        byte[] bytes = Files.readAllBytes(f);
        Path cut = Files.write(dir.resolve("cut.tsl"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(IllegalArgumentException.class, () -> LatentModels.load(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
