package tunesmith.vae;

import java.util.List;

/** Excerpts as the model's tokens: the meter token, then the grid steps. */
final class VaeBatch {

    private VaeBatch() {}

    /** The tokens of an excerpt: its meter token, then its steps. */
    static int[] tokens(Excerpt s, int gridClasses) {
        int[] t = new int[1 + s.length()];
        t[0] = gridClasses + s.meterClass();
        for (int i = 0; i < s.length(); i++) t[i + 1] = s.step(i);
        return t;
    }

    /** The excerpt of tokens: a meter token, then grid steps (the inverse of {@link #tokens}). */
    static Excerpt fromTokens(int[] tokens, int gridClasses) {
        if (tokens.length < 2 || tokens[0] < gridClasses || tokens[0] >= gridClasses + Meters.CLASSES.size())
            throw new IllegalArgumentException("excerpt tokens must start with a meter token (" + gridClasses + ".." + (gridClasses + Meters.CLASSES.size() - 1)
                    + ") and hold at least one step; got " + java.util.Arrays.toString(tokens));
        int[] steps = new int[tokens.length - 1];
        for (int i = 1; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= gridClasses)
                throw new IllegalArgumentException("token " + tokens[i] + " at position " + i + " is not a grid step (0.." + (gridClasses - 1) + ")");
            steps[i - 1] = tokens[i];
        }
        return new Excerpt(tokens[0] - gridClasses, steps);
    }

    static long tokenCount(List<Excerpt> excerpts) {
        long n = 0;
        for (Excerpt s : excerpts) n += 1 + s.length();
        return n;
    }
}
