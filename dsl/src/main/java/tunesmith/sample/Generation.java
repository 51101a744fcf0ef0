package tunesmith.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The sampling loop every model shares: all samples of a request side by side, one step at a
 * time; at each step each unfinished sample's distribution is masked by its rule and a token
 * chosen by the strategy (greedy, temperature, top-k, top-p) with the request's random source.
 */
public final class Generation {

    private Generation() {}

    /**
     * Up to {@code maxLength} tokens for each of {@code count} samples (rule {@code i} for sample
     * {@code i}); returns the chosen tokens of each, ending where its rule said done or at the limit.
     */
    public static List<int[]> run(Steps steps, int count, Strategy strategy, Random random, int maxLength, IntFunction<StepRule> rules) {
        int vocab = steps.vocabulary();
        StepRule[] rule = new StepRule[count];
        for (int i = 0; i < count; i++) rule[i] = rules.apply(i);
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(new ArrayList<>());
        int[] last = new int[count];
        int remaining = count;
        for (int i = 0; i < count; i++) if (rule[i].done()) remaining--;
        float[] probs = remaining > 0 ? steps.first() : null;
        double[] p = new double[vocab];
        for (int step = 0; step < maxLength && remaining > 0; step++) {
            for (int i = 0; i < count; i++) {
                if (rule[i].done()) continue;
                for (int k = 0; k < vocab; k++) p[k] = probs[i * vocab + k];
                rule[i].mask(p);
                int tok = strategy.choose(p, random);
                rule[i].accept(tok);
                last[i] = tok;
                out.get(i).add(tok);
                if (rule[i].done()) remaining--;
            }
            if (remaining == 0 || step + 1 == maxLength) break;
            probs = steps.next(last.clone());
        }
        List<int[]> result = new ArrayList<>();
        for (List<Integer> l : out) result.add(l.stream().mapToInt(Integer::intValue).toArray());
        return result;
    }
}
