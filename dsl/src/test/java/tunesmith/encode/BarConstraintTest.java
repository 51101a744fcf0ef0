package tunesmith.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tunesmith.encode.AbcTokens.abc;
import static tunesmith.encode.EncodeTestSupport.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tunesmith.music.BarCheck;
import tunesmith.music.Tune;

/**
 * The bar rule against the bar check: token sequences drawn at random (every allowed token equally
 * likely, the worst a model can do) from the folk corpora's vocabulary never have a bar of the
 * wrong length once they decode, while the syntax alone lets most of them through with wrong bars.
 */
class BarConstraintTest {

    private static final int SEQUENCES = 400, MAX = 300;

    @Test
    void randomSequencesUnderTheBarRuleHaveEveryBarRight() {
        AbcTokens enc = encoding();
        Result r = walk(enc, enc.constraint(true).orElseThrow(), 1);
        System.out.println("[bar rule] " + r);
        assertTrue(r.decoded >= SEQUENCES / 4, "enough sequences decode to make the check mean something: " + r);
        assertEquals(List.of(), r.wrong, "every decoded sequence fits its meter");
        assertEquals(0, r.cornered, "the rule never leaves only changes of key or endings to choose (a loop without end)");
    }

    @Test
    void theSyntaxAloneDoesNotKeepBarsRight() {
        AbcTokens enc = encoding();
        Result r = walk(enc, enc.constraint(false).orElseThrow(), 1);
        System.out.println("[syntax only] " + r);
        assertTrue(r.wrong.size() > r.decoded / 2, "without the bar rule most random tunes have a wrong bar: " + r);
    }

    private static AbcTokens encoding() {
        return (AbcTokens) corpus("oneills1850").plus(corpus("nottingham")).tokens(abc()).encoding();
    }

    record Result(int decoded, int ended, List<String> wrong, int cornered) {
        @Override
        public String toString() { return ended + " of " + SEQUENCES + " ended, " + decoded + " decoded, " + wrong.size() + " with a wrong bar, " + cornered + " cornered"; }
    }

    /** Random sequences: {@code <s>}, a meter, a key, then tokens drawn uniformly from what the rule allows. */
    private static Result walk(AbcTokens enc, TokenConstraint rule, long seed) {
        Vocabulary v = enc.vocabulary().orElseThrow();
        Random random = new Random(seed);
        List<Integer> meters = new ArrayList<>(), keys = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (v.token(i).startsWith("M:") && !v.token(i).equals("M:none")) meters.add(i);
            if (v.token(i).startsWith("K:")) keys.add(i);
        }
        int decoded = 0, ended = 0, cornered = 0;
        List<String> wrong = new ArrayList<>();
        for (int s = 0; s < SEQUENCES; s++) {
            List<Integer> seq = new ArrayList<>(List.of(Vocabulary.START_INDEX, meters.get(random.nextInt(meters.size())), keys.get(random.nextInt(keys.size()))));
            TokenConstraint.State state = rule.start();
            seq.forEach(state::accept);
            while (seq.size() < MAX && seq.get(seq.size() - 1) != Vocabulary.END_INDEX) {
                double[] p = new double[v.size()];
                java.util.Arrays.fill(p, 1);
                p[Vocabulary.PAD_INDEX] = p[Vocabulary.UNK_INDEX] = p[Vocabulary.START_INDEX] = 0;
                for (int i = 0; i < p.length; i++) if (v.token(i).startsWith("M:") || v.token(i).startsWith("K:")) p[i] = 0.3; // now and then a change of meter or key
                p[Vocabulary.END_INDEX] = 0.3; // tunes of some length
                state.mask(p);
                if (!music(v, p)) { cornered++; break; }
                int tok = draw(p, random);
                state.accept(tok);
                seq.add(tok);
            }
            if (seq.get(seq.size() - 1) != Vocabulary.END_INDEX) continue;
            ended++;
            Tune t;
            try {
                t = enc.decode(seq.stream().mapToInt(Integer::intValue).toArray());
            } catch (EncodingException e) {
                continue;
            }
            decoded++;
            List<String> problems = BarCheck.problems(t);
            if (!problems.isEmpty()) wrong.add(problems.get(0) + " in " + enc.text(seq.stream().mapToInt(Integer::intValue).toArray()).replace('\n', ' '));
        }
        return new Result(decoded, ended, wrong, cornered);
    }

    /** Whether some allowed token moves the tune on: a note, a length, a tie, a bar line or the end. */
    private static boolean music(Vocabulary v, double[] p) {
        for (int i = 0; i < p.length; i++) {
            String t = v.token(i);
            if (p[i] > 0 && !t.startsWith("K:") && !t.startsWith("M:") && !(t.startsWith("[") && t.length() > 1 && Character.isDigit(t.charAt(1)))) return true;
        }
        return false;
    }

    private static int draw(double[] p, Random random) {
        double total = 0;
        for (double x : p) total += x;
        double r = random.nextDouble() * total;
        for (int i = 0; i < p.length; i++) {
            r -= p[i];
            if (r < 0 && p[i] > 0) return i;
        }
        for (int i = p.length - 1; i >= 0; i--) if (p[i] > 0) return i;
        throw new IllegalStateException("nothing allowed");
    }
}
