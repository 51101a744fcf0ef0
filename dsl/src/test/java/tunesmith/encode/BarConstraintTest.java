package tunesmith.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tunesmith.encode.AbcTokens.abc;
import static tunesmith.encode.EncodeTestSupport.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tunesmith.eval.Abc2Midi;
import tunesmith.music.BarCheck;
import tunesmith.music.Tune;

/**
 * The sampling rules against independent checks: token sequences drawn at random (every allowed token
 * equally likely, the worst a model can do) from the folk corpora's vocabulary never have a bar of the
 * wrong length once they decode ({@code BarCheck}), never have the faults abc2midi finds in samples
 * ({@link AbcFaults}: ties between different pitches, repeats and endings out of pairs, closing bars that
 * do not complete the pickup, a change of meter before the first note), and pass Debian's
 * {@code abc2midi -c} strictly, every one, both as token text and decoded and written by {@code AbcWriter}
 * (as samples are saved; skipped without abc2midi); the syntax alone lets most of them
 * through with wrong bars.
 */
class BarConstraintTest {

    private static final int SEQUENCES = 400, MAX = 300;

    /** No rule at all: what {@code anySyntax()} samples with. */
    private static final TokenConstraint NO_RULE = () -> new TokenConstraint.State() {
        @Override
        public void mask(double[] p) { }

        @Override
        public void accept(int token) { }
    };

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

    @Test
    void randomSequencesUnderTheDefaultRulesAreWellFormed() {
        AbcTokens enc = encoding();
        Result r = walk(enc, enc.constraint(true).orElseThrow(), 2);
        List<String> faults = new ArrayList<>();
        for (int[] t : r.tunes) faults.addAll(AbcFaults.of(enc, t));
        System.out.println("[default rules, faults] " + faults.size() + " in " + r.ended + " tunes" + (faults.isEmpty() ? "" : ", e.g. " + faults.get(0)));
        assertTrue(r.ended >= SEQUENCES / 4, "enough sequences end to make the check mean something: " + r);
        assertEquals(List.of(), faults, "ties to the same pitch, repeats and endings in pairs, closing bars completing the pickup, no meter change before the first note");
    }

    @Test
    void randomSequencesUnderTheSyntaxHaveWellFormedTiesAndRepeats() {
        AbcTokens enc = encoding();
        Result r = walk(enc, enc.constraint(false).orElseThrow(), 3);
        List<String> faults = new ArrayList<>();
        for (int[] t : r.tunes) faults.addAll(AbcFaults.of(enc, t).stream().filter(f -> !f.startsWith(AbcFaults.BAR)).toList());
        System.out.println("[syntax only, faults but bars] " + faults.size() + " in " + r.ended + " tunes" + (faults.isEmpty() ? "" : ", e.g. " + faults.get(0)));
        assertTrue(r.ended >= SEQUENCES / 4, "enough sequences end to make the check mean something: " + r);
        assertEquals(List.of(), faults, "the syntax alone keeps ties, repeats, endings and the header right");
    }

    @Test
    void theFaultCheckFindsEachFault() {
        AbcTokens enc = encoding();
        Vocabulary v = enc.vocabulary().orElseThrow();
        java.util.function.Function<String, int[]> toks = text -> {
            List<String> all = new ArrayList<>(List.of(Vocabulary.START));
            all.addAll(List.of(text.split(" ")));
            all.add(Vocabulary.END);
            return v.indices(all);
        };
        assertEquals(List.of(), AbcFaults.of(enc, toks.apply("M:4/4 K:Dmaj A | B 8 | c 4 d 2 - d :|")));
        assertEquals(List.of(), AbcFaults.of(enc, toks.apply("M:4/4 K:Dmaj A | B 8 | B ^c c 6 - | c 8 | B 4 A 2 G :|")));
        assertEquals(List.of(), AbcFaults.of(enc, toks.apply("M:4/4 K:Dmaj |: B 8 | [1 c 8 :| [2 d 8 |]")));
        assertFault(AbcFaults.TIE, enc, toks.apply("M:4/4 K:Dmaj B 8 | c 6 d 2 - | e 8 |]"));
        assertFault(AbcFaults.TIE, enc, toks.apply("M:4/4 K:Cmaj B 8 | ^c c 6 - | c 8 |]"));
        assertFault(AbcFaults.TIE, enc, toks.apply("M:4/4 K:Dmaj B 8 | c 8 - :| c 8 |]"));
        assertFault(AbcFaults.TIE, enc, toks.apply("M:4/4 K:Cmaj B 8 | _c c' 6 - =c' | d 8 |]")); // abc2midi: the flat holds for c' too
        assertFault(AbcFaults.TIE, enc, toks.apply("M:4/4 K:Cmaj B 8 | z 6 - z 2 | d 8 |]"));
        assertFault(AbcFaults.ENDING, enc, toks.apply("M:4/4 K:Cmaj |: B 8 | [1 c 8 :| d 8 |]"));
        assertFault(AbcFaults.REPEAT, enc, toks.apply("M:4/4 K:Dmaj |: B 8 | c 8 |: d 8 :|"));
        assertFault(AbcFaults.REPEAT, enc, toks.apply("M:4/4 K:Dmaj |: B 8 | c 8 |"));
        assertFault(AbcFaults.REPEAT, enc, toks.apply("M:4/4 K:Dmaj B 8 :| c 8 :|"));
        assertFault(AbcFaults.BAR, enc, toks.apply("M:4/4 K:Dmaj A | B 8 | c 6 :|"));
        assertFault(AbcFaults.BAR, enc, toks.apply("M:4/4 K:Dmaj B 8 | c 6 |]"));
        assertFault(AbcFaults.METER, enc, toks.apply("M:3/4 K:Dmaj M:2/2 B 8 |]"));
        // a :| right after a bar line goes back from the full bar before it (abc2midi: "A 8 | :|" is "A 8 :|")
        assertEquals(List.of(), AbcFaults.of(enc, toks.apply("M:4/4 K:Dmaj |: B 8 | c 8 | :| d 8 |]")));
        assertFault(AbcFaults.BAR, enc, toks.apply("M:4/4 K:Dmaj A 6 | B 8 | c 2 |: d 6 | e 8 | :| f 8 |]"));
    }

    /**
     * The rule's side of the case above: a :| on an empty bar comes only when the section's first bar completes
     * the bar before it; after a short bar closed by |: its first bar is short, so after a full bar no :| comes.
     */
    @Test
    void aRepeatSignRightAfterABarLineNeedsAFirstBarThatCompletesTheBarBefore() {
        AbcTokens enc = encoding();
        Vocabulary v = enc.vocabulary().orElseThrow();
        int close = v.indices(List.of(":|"))[0];
        for (var c : Map.of("M:4/4 K:Dmaj A 6 | B 8 | c 2 |: d 6 | e 8 |", false, "M:4/4 K:Dmaj |: B 8 | c 8 |", true).entrySet()) {
            TokenConstraint.State state = enc.constraint(true).orElseThrow().start();
            List<String> all = new ArrayList<>(List.of(Vocabulary.START));
            all.addAll(List.of(c.getKey().split(" ")));
            for (int t : v.indices(all)) state.accept(t);
            double[] p = new double[v.size()];
            java.util.Arrays.fill(p, 1);
            p[Vocabulary.PAD_INDEX] = p[Vocabulary.UNK_INDEX] = p[Vocabulary.START_INDEX] = 0;
            state.mask(p);
            assertEquals(c.getValue(), p[close] > 0, ":| after " + c.getKey());
        }
    }

    private static void assertFault(String kind, AbcTokens enc, int[] tokens) {
        List<String> faults = AbcFaults.of(enc, tokens);
        assertTrue(!faults.isEmpty() && faults.get(0).startsWith(kind), "expected a " + kind + " fault in " + enc.text(tokens) + ", found " + faults);
    }

    /** The tunes abc2midi does not pass strictly, each with its complaints. */
    private static List<String> failures(List<String> tunes) {
        List<Abc2Midi.Check> checks = Abc2Midi.checker().checkAll(tunes);
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < tunes.size(); i++) if (!checks.get(i).passesStrictly()) out.add(checks.get(i) + "\n" + tunes.get(i));
        return out;
    }

    /** abc2midi -c on random tunes under each rule set: the default rules must pass strictly, every one. */
    @Test
    void randomSequencesUnderTheDefaultRulesPassAbc2midi() throws Exception {
        assumeTrue(Abc2Midi.available(), "abc2midi is not on PATH (Debian package abcmidi); skipping the abc2midi check");
        AbcTokens enc = encoding();
        Result bars = walk(enc, enc.constraint(true).orElseThrow(), 4);
        List<String> failed = failures(bars.tunes.stream().map(enc::text).toList());
        if (Files.isDirectory(Path.of("target"))) Files.writeString(Path.of("target", "abc2midi-rules-failures.txt"), String.join("\n\n", failed));
        System.out.println("[abc2midi, default rules] " + (bars.ended - failed.size()) + " of " + bars.ended + " pass strictly"
                + (failed.isEmpty() ? "" : "; first failure:\n" + failed.get(0)));
        // as a sample is saved (SampleCommand): the decoded tune written by AbcWriter, which must pass as well
        List<String> written = bars.tunes.stream().map(t -> tunesmith.notation.AbcWriter.write(enc.decode(t))).toList();
        List<String> writtenFailed = failures(written);
        System.out.println("[abc2midi, default rules, decoded and written by AbcWriter] " + (written.size() - writtenFailed.size()) + " of "
                + written.size() + " pass strictly" + (writtenFailed.isEmpty() ? "" : "; first failure:\n" + writtenFailed.get(0)));
        for (var rule : List.of(Map.entry("syntax only", enc.constraint(false).orElseThrow()),
                Map.entry("model alone (no rule)", NO_RULE))) {
            Result r = walk(enc, rule.getValue(), 4);
            int bad = failures(r.tunes.stream().map(enc::text).toList()).size();
            System.out.println("[abc2midi, " + rule.getKey() + "] " + (r.ended - bad) + " of " + r.ended + " pass strictly");
        }
        assertTrue(bars.ended >= SEQUENCES / 4, "enough sequences end to make the check mean something: " + bars);
        assertEquals(List.of(), failed, "every random tune under the default rules passes abc2midi -c strictly");
        assertEquals(List.of(), writtenFailed, "every random tune under the default rules, decoded and written by AbcWriter, passes abc2midi -c strictly");
    }

    private static AbcTokens encoding() {
        return (AbcTokens) corpus("oneills1850").plus(corpus("nottingham")).tokens(abc()).encoding();
    }

    record Result(int decoded, int ended, List<String> wrong, int cornered, List<int[]> tunes) {
        @Override
        public String toString() { return ended + " of " + SEQUENCES + " ended, " + decoded + " decoded, " + wrong.size() + " with a wrong bar, " + cornered + " cornered"; }
    }

    /** Random sequences: {@code <s>}, a meter, a key, then tokens drawn uniformly from what the rule allows. */
    static Result walk(AbcTokens enc, TokenConstraint rule, long seed) {
        Vocabulary v = enc.vocabulary().orElseThrow();
        Random random = new Random(seed);
        List<Integer> meters = new ArrayList<>(), keys = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (v.token(i).startsWith("M:") && !v.token(i).equals("M:none")) meters.add(i);
            if (v.token(i).startsWith("K:")) keys.add(i);
        }
        int decoded = 0, ended = 0, cornered = 0;
        List<String> wrong = new ArrayList<>();
        List<int[]> tunes = new ArrayList<>();
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
            tunes.add(seq.stream().mapToInt(Integer::intValue).toArray());
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
        return new Result(decoded, ended, wrong, cornered, tunes);
    }

    /** Whether some allowed token moves the tune on: a note, a length, a tie, a bar line, an ending (music follows it) or the end. */
    private static boolean music(Vocabulary v, double[] p) {
        for (int i = 0; i < p.length; i++) {
            String t = v.token(i);
            if (p[i] > 0 && !t.startsWith("K:") && !t.startsWith("M:")) return true; // an ending is followed by music
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
