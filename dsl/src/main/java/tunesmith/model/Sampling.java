package tunesmith.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tunesmith.encode.EncodingException;
import tunesmith.encode.Vocabulary;
import tunesmith.music.Key;
import tunesmith.music.Meter;
import tunesmith.music.Mode;
import tunesmith.music.Tune;
import tunesmith.sample.Sample;
import tunesmith.sample.Sampler;
import tunesmith.sample.Samples;
import tunesmith.sample.Strategy;

/**
 * How to sample a melody model: {@code model.sample().temperature(0.9).prime("M:6/8 K:Dmaj |:").count(3)}.
 * Immutable; {@link #count(int)} and {@link #tune()} generate. Defaults: temperature 1 (the
 * model's own distribution), seed 1, no prime beyond the start token, at most 600 tokens (longer
 * than any tune of the folk corpora, so only runaway samples are cut). Greedy, temperature, top-k,
 * top-p and seed are the steps every model's sampling has ({@link Sampler}).
 */
public record Sampling(MelodyModel model, Strategy strategy, long seed, int[] prime, int maxLength, Rules rules, int bars, Key home) implements Sampler<Sampling> {

    /**
     * What sampling keeps to besides the model: nothing, the encoding's syntax, or the syntax and
     * the length of every bar for its meter (the default: a player reads a tune bar by bar, and one
     * wrong bar spoils it; {@link tunesmith.encode.TokenConstraint}).
     */
    public enum Rules { NONE, SYNTAX, BARS }


    public static final int DEFAULT_MAX_LENGTH = 600;

    Sampling(MelodyModel model) {
        this(model, Strategy.temperature(1.0), 1, new int[]{Vocabulary.START_INDEX}, DEFAULT_MAX_LENGTH, Rules.BARS, 0, null);
    }

    public Sampling {
        if (maxLength < 1) throw new IllegalArgumentException("maxLength(" + maxLength + "): expected at least 1 token");
        if (bars < 0) throw new IllegalArgumentException("bars(" + bars + "): expected at least 1 bar (0: until the model ends the tune)");
    }

    @Override
    public Sampling seed(long s) { return new Sampling(model, strategy, s, prime, maxLength, rules, bars, home); }

    public Sampling maxLength(int n) { return new Sampling(model, strategy, seed, prime, n, rules, bars, home); }

    /**
     * Ends every sample {@code n} bar lines after the prime: with {@link #prime(Tune)}, "continue my
     * melody for n bars". Sampling runs as before until the n-th bar line the model writes; then the
     * tune's end is the only token left. Needs an encoding with bar-line tokens (ABC tokens).
     */
    public Sampling bars(int n) {
        if (n < 1) throw new IllegalArgumentException("bars(" + n + "): expected at least 1 bar");
        if (!any(barLines(model.vocabulary())))
            throw new IllegalStateException("bars(" + n + "): this model's tokens have no bar lines (" + model.encoding().spec()
                    + "); bound its samples with maxLength(tokens) instead");
        return new Sampling(model, strategy, seed, prime, maxLength, rules, n, home);
    }

    /** The vocabulary's bar lines: every token that draws one ({@code |}, {@code ||}, {@code :|}, {@code |]}, {@code ::}...). */
    static boolean[] barLines(Vocabulary v) {
        boolean[] bar = new boolean[v.size()];
        for (int i = 0; i < v.size(); i++) {
            String t = v.token(i);
            bar[i] = !Vocabulary.RESERVED.contains(t) && (t.contains("|") || t.equals("::"));
        }
        return bar;
    }

    /**
     * Lets the model put any token anywhere: without the encoding's syntax and bar rules (on by
     * default, see {@link tunesmith.encode.TuneEncoding#constraint}), to see what the model alone has learned.
     */
    public Sampling anySyntax() { return new Sampling(model, strategy, seed, prime, maxLength, Rules.NONE, bars, home); }

    /** Keeps to the encoding's syntax but lets bars be of any length: the model's own sense of the meter. */
    public Sampling anyBarLength() { return new Sampling(model, strategy, seed, prime, maxLength, Rules.SYNTAX, bars, home); }

    @Override
    public Sampling with(Strategy s) { return new Sampling(model, s, seed, prime, maxLength, rules, bars, home); }

    /**
     * Starts every sample with these tokens, written as the model's tokens with or without spaces:
     * {@code "M:6/8 K:Dmaj |: A"}, {@code "M:6/8 K:D |:GAG"} ("K:D" means D major).
     */
    public Sampling prime(String text) { return new Sampling(model, strategy, seed, tokenize(text), maxLength, rules, bars, null); }

    /**
     * Starts every sample with a whole tune (its end token left off), to continue it: "continue my
     * melody", with {@link #bars} for how far. A model that reads tunes moved to C (the zoo's
     * folk-lstm) continues in C; the samples are moved back to the tune's key.
     */
    public Sampling prime(Tune tune) {
        int[] all = model.encoding().encode(tune);
        int[] p = java.util.Arrays.copyOf(all, all.length - 1);
        return new Sampling(model, strategy, seed, p, maxLength, rules, bars, tune.key().isTonal() ? tune.key() : null);
    }

    /** {@code n} samples, generated side by side; invalid ones are kept and marked with the reason. */
    public Samples count(int n) {
        if (n < 1) throw new IllegalArgumentException("count(" + n + "): expected at least 1 sample");
        if (model.hearsChords())
            throw new IllegalStateException("This model plays over chords: sample it with model.over(chords(\"G D7 | G\")).count(" + n + ")");
        Vocabulary v = model.vocabulary();
        List<int[]> seqs = Generator.generate(model.network(), v.size(), model.config().embedding() > 0, prime, null, 0,
                Vocabulary.END_INDEX, new int[]{Vocabulary.PAD_INDEX, Vocabulary.UNK_INDEX, Vocabulary.START_INDEX}, header(v),
                rules == Rules.NONE ? null : model.encoding().constraint(rules == Rules.BARS).orElse(null), strategy, n, maxLength, seed,
                bars > 0 ? barLines(v) : null, bars);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < seqs.size(); i++) {
            int[] s = seqs.get(i);
            String text = model.encoding().text(s);
            if (s[s.length - 1] != Vocabulary.END_INDEX) {
                out.add(Sample.invalid(i + 1, text, "no end of tune within " + maxLength + " tokens (raise maxLength)", s.length));
                continue;
            }
            try {
                out.add(Sample.valid(i + 1, text, home(model.encoding().decode(s)).withTitle("Sample " + (i + 1)), s.length));
            } catch (EncodingException e) {
                out.add(Sample.invalid(i + 1, text, e.getMessage(), s.length));
            }
        }
        return new Samples(out, strategy + ", seed " + seed);
    }

    /**
     * The grammar of a tune's start, as a constraint on sampling: a tune begins with its meter, then
     * its key (the tokens {@code M:...} and {@code K:...}); what the prime already gives is not asked again.
     */
    private boolean[][] header(Vocabulary v) {
        boolean hasMeter = false, hasKey = false;
        for (int t : prime) {
            String tok = v.token(t);
            hasMeter |= tok.startsWith("M:");
            hasKey |= tok.startsWith("K:");
        }
        List<boolean[]> steps = new ArrayList<>();
        boolean[] meters = allowed(v, "M:"), keys = allowed(v, "K:");
        if (!any(meters) || !any(keys)) return new boolean[0][]; // an encoding without header tokens (the melody grid)
        if (!hasMeter && prime.length == 1) steps.add(meters);
        if (!hasKey && (prime.length == 1 || (prime.length == 2 && hasMeter))) steps.add(keys);
        return steps.toArray(new boolean[0][]);
    }

    private static boolean any(boolean[] b) {
        for (boolean x : b) if (x) return true;
        return false;
    }

    private static boolean[] allowed(Vocabulary v, String prefix) {
        boolean[] ok = new boolean[v.size()];
        for (int i = 0; i < v.size(); i++) ok[i] = v.token(i).startsWith(prefix);
        return ok;
    }

    /** A sample of a tune prime, in the prime's key when the model moved it (to C). */
    private Tune home(Tune sample) {
        if (home == null || !sample.key().isTonal() || sample.key().tonicPitchClass() == home.tonicPitchClass()) return sample;
        int up = Math.floorMod(home.tonicPitchClass() - sample.key().tonicPitchClass(), 12);
        return sample.transpose(up > 6 ? up - 12 : up);
    }

    /** One valid tune (the first of up to 10 tries); a clear error if none reads. */
    public Tune tune() { return count(10).tune(); }

    private int[] tokenize(String text) {
        Vocabulary v = model.vocabulary();
        List<Integer> out = new ArrayList<>();
        out.add(Vocabulary.START_INDEX);
        for (String chunk : text.strip().split("\\s+")) {
            if (chunk.isEmpty()) continue;
            if (chunk.startsWith("K:") || chunk.startsWith("M:")) {
                String norm = normalise(chunk);
                if (!v.contains(norm)) throw unknown(chunk, norm);
                out.add(v.index(norm));
                continue;
            }
            int i = 0;
            while (i < chunk.length()) {
                int best = -1, bestLen = 0;
                for (int len = Math.min(12, chunk.length() - i); len >= 1; len--) {
                    String piece = chunk.substring(i, i + len);
                    if (v.contains(piece) && !Vocabulary.RESERVED.contains(piece)) { best = v.index(piece); bestLen = len; break; }
                }
                if (best < 0) throw unknown(chunk.substring(i), null);
                out.add(best);
                i += bestLen;
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String normalise(String field) {
        String value = field.substring(2);
        if (field.startsWith("M:")) {
            Meter m = Meter.parse(value);
            return "M:" + (m.isFree() ? "none" : m.numerator() + "/" + m.denominator());
        }
        Key k = Key.parse(value);
        if (!k.isTonal()) return "K:none";
        String mode = k.mode() == Mode.MAJOR ? "maj" : k.mode() == Mode.MINOR ? "min" : k.mode().abc();
        return "K:" + k.tonicName() + mode;
    }

    private IllegalArgumentException unknown(String what, String normalised) {
        return new IllegalArgumentException("prime: '" + what + "'" + (normalised != null && !normalised.equals(what) ? " (" + normalised + ")" : "")
                + " is not a token this model knows. It knows " + model.vocabulary().size() + " tokens, e.g. "
                + model.vocabulary().tokens().subList(4, Math.min(model.vocabulary().size(), 16)) + "; start with its meter and key, e.g. \"M:6/8 K:Dmaj\"");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sampling s && s.model == model && s.strategy.equals(strategy) && s.seed == seed
                && java.util.Arrays.equals(s.prime, prime) && s.maxLength == maxLength && s.rules == rules && s.bars == bars && java.util.Objects.equals(s.home, home);
    }

    @Override
    public int hashCode() { return java.util.Objects.hash(strategy, seed, java.util.Arrays.hashCode(prime), maxLength, rules, bars, home); }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Sampling %s, seed %d, prime of %d tokens, %sat most %d tokens%s (count(n) to generate)",
                strategy, seed, prime.length, bars > 0 ? "ended " + bars + " bar" + (bars == 1 ? "" : "s") + " after it, " : "", maxLength,
                rules == Rules.BARS ? "" : rules == Rules.SYNTAX ? ", bars of any length" : ", any syntax");
    }
}
