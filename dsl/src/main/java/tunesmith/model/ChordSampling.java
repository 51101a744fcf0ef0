package tunesmith.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tunesmith.encode.ChordInput;
import tunesmith.encode.EncodingException;
import tunesmith.encode.GridTokens;
import tunesmith.encode.Vocabulary;
import tunesmith.music.Duration;
import tunesmith.music.Progression;
import tunesmith.music.Tune;
import tunesmith.sample.Sample;
import tunesmith.sample.Sampler;
import tunesmith.sample.Samples;
import tunesmith.sample.Strategy;

/**
 * A chord-conditioned model sampled over a progression:
 * {@code model.over(chords("G D7 G C | G D7 G")).bars(8).temperature(0.9).count(3)}. At every 16th
 * the model hears the chord the progression sounds there (and whether a bar starts), and chooses
 * the step's rest, hold or note; a sample is exactly as long as the progression and is decoded in
 * its meter, with its chord symbols written in. Immutable; defaults: temperature 1, seed 1, the
 * progression's own length.
 */
public record ChordSampling(MelodyModel model, Progression progression, Strategy strategy, long seed) implements Sampler<ChordSampling> {

    public ChordSampling {
        if (!model.hearsChords())
            throw new IllegalArgumentException("over(progression): this model does not hear chords (it was trained on "
                    + model.encoding().spec().split("\\s+", 2)[0] + " without them); train one on corpus.tokens(grid().withChords())");
        if (!(model.encoding() instanceof GridTokens))
            throw new IllegalArgumentException("over(progression): chords are heard on the 16th grid; the model's encoding is " + model.encoding().spec());
        if (progression.length().dividedBy(Duration.SIXTEENTH).denominator() != 1)
            throw new IllegalArgumentException("over(progression): " + progression + " is not a whole number of 16ths long");
    }

    ChordSampling(MelodyModel model, Progression progression) { this(model, progression, Strategy.temperature(1.0), 1); }

    @Override
    public ChordSampling with(Strategy s) { return new ChordSampling(model, progression, s, seed); }

    @Override
    public ChordSampling seed(long s) { return new ChordSampling(model, progression, strategy, s); }

    /** Over exactly {@code n} bars: the progression played round again as often as needed, or cut. */
    public ChordSampling bars(int n) { return new ChordSampling(model, progression.bars(n), strategy, seed); }

    /** Over the same chords in another meter (e.g. "6/8"): each bar stretched or squeezed to the new bar length. */
    public ChordSampling in(String meter) { return new ChordSampling(model, progression.in(meter), strategy, seed); }

    /** {@code n} melodies over the progression, generated side by side; a sample that does not decode is kept with the reason. */
    public Samples count(int n) {
        if (n < 1) throw new IllegalArgumentException("count(" + n + "): expected at least 1 sample");
        int steps = (int) progression.length().dividedBy(Duration.SIXTEENTH).numerator();
        // the model hears the chord of the step it chooses: <s> hears step 0's, step k's token step k+1's
        int[] conditions = ChordInput.steps(progression, steps);
        int[] reserved = {Vocabulary.PAD_INDEX, Vocabulary.UNK_INDEX, Vocabulary.START_INDEX, Vocabulary.END_INDEX};
        List<int[]> seqs = Generator.generate(model.network(), model.vocabulary().size(), false, new int[]{Vocabulary.START_INDEX},
                conditions, ChordInput.WIDTH, Vocabulary.END_INDEX, reserved, new boolean[0][], null, strategy, n, steps, seed, null, 0);
        GridTokens encoding = ((GridTokens) model.encoding()).meter(progression.meter().text());
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < seqs.size(); i++) {
            int[] s = java.util.Arrays.copyOf(seqs.get(i), seqs.get(i).length + 1);
            s[s.length - 1] = Vocabulary.END_INDEX;
            String text = encoding.text(s);
            try {
                Tune t = progression.annotate(encoding.decode(s)).withTitle("Sample " + (i + 1));
                out.add(Sample.valid(i + 1, text, t, s.length));
            } catch (EncodingException e) {
                out.add(Sample.invalid(i + 1, text, e.getMessage(), s.length));
            }
        }
        return new Samples(out, strategy + ", seed " + seed + ", over " + progression.bars() + " bars");
    }

    /** One melody over the progression. */
    public Tune tune() { return count(1).tune(); }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ChordSampling %s, seed %d, over %s (count(n) to generate)", strategy, seed, progression);
    }
}
