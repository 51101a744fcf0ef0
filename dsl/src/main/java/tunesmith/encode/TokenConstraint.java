package tunesmith.encode;

/**
 * A rule on what a sampler may emit next, given what it has emitted so far: the syntax of an
 * encoding, or the length of the bars of a meter. Sampling asks a fresh {@link State} for each
 * sequence, feeds it the prime and every chosen token, and lets it zero the probabilities of the
 * tokens it rules out before choosing.
 */
public interface TokenConstraint {

    /** The state for one new sequence, before any token (the prime goes through {@link State#accept}). */
    State start();

    /** What one sequence has emitted so far, as far as the rule needs to know. */
    interface State {
        /** Sets to 0 the probability of every token that may not come next. */
        void mask(double[] probabilities);

        /** Records a token of the sequence (of the prime or chosen). */
        void accept(int token);
    }

    /** The rule of a table {@code follows[previous][next]}: a token may come only after those that allow it. */
    static TokenConstraint follows(boolean[][] follows) {
        return () -> new State() {
            private int previous = -1;

            @Override
            public void mask(double[] p) {
                if (previous < 0) return;
                for (int k = 0; k < p.length; k++) if (!follows[previous][k]) p[k] = 0;
            }

            @Override
            public void accept(int token) { previous = token; }
        };
    }
}
