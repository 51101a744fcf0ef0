import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import tunesmith.harmony.ChordHmm;
import tunesmith.music.ChordTones;
import tunesmith.music.Duration;
import tunesmith.music.Key;
import tunesmith.music.Pitch;
import tunesmith.music.Progression;
import tunesmith.music.Tune;
import tunesmith.corpus.Corpus;
import tunesmith.encode.GridTokens;
import tunesmith.encode.TokenCorpus;
import tunesmith.encode.TokenSplit;
import tunesmith.model.Lstm;
import tunesmith.model.MelodyModel;
import tunesmith.train.Training;

/**
 * Chords as a conditioning input (bench/chords.sh): trains the chord-conditioned grid LSTM on
 * Nottingham (grouped split 90/5/5, the corpus's seed), then measures it.
 *
 *   train OUT SECONDS [LAYERS UNITS]   trains, checkpoints in OUT/checkpoints, the model in OUT/model.tsm
 *   resume OUT SECONDS                 more epochs from OUT/checkpoints/last.tsm, the model again in OUT/model.tsm
 *   measure MODEL [T1,T2..]            chord tones on strong beats (ChordTones) in 4 samples (seed 1, at each
 *                                      temperature, default 1.0,0.8) over each held-out tune's progression (its pickup left out),
 *                                      beside the held-out tunes' own share, the whole corpus's, the same
 *                                      network with the chords withheld, and random pitches; then the
 *                                      chord HMM's accuracy per bar on the corpus's own grouped test split
 */
public class Chords {

    static final int SAMPLES = 4;

    static void measure(MelodyModel model, String temperatures) {
        System.out.println(model);
        Corpus notts = Corpus.load("nottingham");
        TokenSplit data = data();
        System.out.printf(Locale.ROOT, "test NLL: %s%n", model.evaluate(data.test()));
        List<Tune> held = data.test().entries().stream().map(e -> notts.get(e.tune())).toList();
        double[] temps = java.util.Arrays.stream(temperatures.split(",")).mapToDouble(Double::parseDouble).toArray();
        ChordTones own = ChordTones.of(held), corpus = ChordTones.of(notts), withheld = ChordTones.NONE,
                diatonic = ChordTones.NONE, chromatic = ChordTones.NONE;
        ChordTones[] sampled = new ChordTones[temps.length];
        java.util.Arrays.fill(sampled, ChordTones.NONE);
        Random random = new Random(1);
        long t0 = System.nanoTime();
        Tune shown = null;
        for (Tune t : held) {
            Progression p = Progression.of(t).withoutPickup();
            for (int k = 0; k < temps.length; k++) {
                for (Tune s : model.over(p).temperature(temps[k]).seed(1).count(SAMPLES).tunes()) {
                    sampled[k] = sampled[k].plus(ChordTones.of(s.melody(), p));
                    if (shown == null) shown = s;
                }
            }
            List<Progression.Measure> silent = p.measures().stream().map(m -> new Progression.Measure(m.length(), List.of())).toList();
            for (Tune s : model.over(Progression.of(p.meter(), silent)).temperature(temps[0]).seed(1).count(SAMPLES).tunes())
                withheld = withheld.plus(ChordTones.of(s.melody(), p));
            // random pitches on the strong beats: any of the 12, or any of the key's 7 (the tune's key)
            Key key = t.key();
            int[] scale = "CDEFGAB".chars().map(l -> new Pitch((char) l, key.isTonal() ? key.alterOf((char) l) : 0, 4).pitchClass()).toArray();
            for (int k = 0; k < SAMPLES; k++) {
                for (Duration beat : p.strongBeats()) {
                    var chord = p.chordAt(beat);
                    if (chord.isEmpty()) continue;
                    chromatic = chromatic.plus(new ChordTones(chord.get().contains(random.nextInt(12)) ? 1 : 0, 1));
                    diatonic = diatonic.plus(new ChordTones(chord.get().contains(scale[random.nextInt(7)]) ? 1 : 0, 1));
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.println("held-out tunes: " + held.size() + " (grouped test split of the encoded corpus)");
        row("the held-out tunes' own melodies", own);
        row("all of Nottingham", corpus);
        for (int k = 0; k < temps.length; k++)
            row("chord-conditioned samples over the held-out progressions, temperature " + temps[k], sampled[k]);
        row("the same network, chords withheld (no-chord flag, bar starts kept), temperature " + temps[0], withheld);
        row("random pitch of the tune's key scale", diatonic);
        row("random pitch of all 12", chromatic);
        for (int k = 0; k < temps.length; k++)
            System.out.printf(Locale.ROOT, "samples at temperature %s vs the held-out tunes: %+.1f points (the bar: within 5)%n",
                    temps[k], 100 * (sampled[k].share() - own.share()));
        System.out.printf(Locale.ROOT, "sampling %.0f s%n", seconds);
        System.out.println(tunesmith.notation.AbcWriter.write(shown.firstBars(9)));

        Corpus.Split split = notts.split(0.90, 0.05, Corpus.DEFAULT_SEED);
        ChordHmm hmm = ChordHmm.train(split.train());
        System.out.println(hmm);
        System.out.println("test (" + split.test().size() + " tunes): " + hmm.accuracy(split.test()));
        System.out.println("valid (" + split.valid().size() + " tunes): " + hmm.accuracy(split.valid()));
    }

    static void row(String what, ChordTones c) {
        System.out.printf(Locale.ROOT, "%-72s %5.1f%%  (%,d of %,d strong beats)%n", what, 100 * c.share(), c.tones(), c.beats());
    }

    static TokenSplit data() {
        Corpus notts = Corpus.load("nottingham");
        TokenCorpus all = notts.tokens(GridTokens.grid().withChords());
        System.out.println(all);
        return all.split(0.90, 0.05, TokenCorpus.DEFAULT_SEED);
    }

    public static void main(String[] a) throws Exception {
        switch (a[0]) {
            case "train" -> {
                Path out = Path.of(a[1]);
                Files.createDirectories(out);
                TokenSplit data = data();
                System.out.println(data);
                int layers = a.length > 3 ? Integer.parseInt(a[3]) : 2, units = a.length > 4 ? Integer.parseInt(a[4]) : 256;
                MelodyModel m = Lstm.lstm().layers(layers).units(units).dropout(0.3).seed(42)
                        .train(data, Training.epochs(1000).seconds(Double.parseDouble(a[2])).patience(4).checkpoints(out.resolve("checkpoints")));
                m.save(out.resolve("model.tsm"));
                System.out.println(m);
                System.out.println(m.historyTable().print());
                System.out.printf(Locale.ROOT, "test: %s%n", m.evaluate(data.test()));
            }
            case "measure" -> measure(MelodyModel.load(Path.of(a[1])), a.length > 2 ? a[2] : "1.0,0.8");
            case "resume" -> {
                // more epochs from the last checkpoint (its updater state too), when the first budget ran out while the model still improved
                Path out = Path.of(a[1]);
                TokenSplit data = data();
                MelodyModel m = MelodyModel.load(out.resolve("checkpoints/last.tsm"))
                        .resume(data, Training.epochs(1000).seconds(Double.parseDouble(a[2])).patience(4).checkpoints(out.resolve("checkpoints-resumed")));
                m.save(out.resolve("model.tsm"));
                System.out.println(m);
                System.out.println(m.historyTable().print());
                System.out.printf(Locale.ROOT, "test: %s%n", m.evaluate(data.test()));
            }
            default -> throw new IllegalArgumentException("train OUT SECONDS | measure MODEL");
        }
    }
}
