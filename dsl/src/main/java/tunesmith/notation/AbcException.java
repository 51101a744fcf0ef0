package tunesmith.notation;

/** A tune that cannot be read. The message names file, tune, line, column, what was found and what was expected. */
public final class AbcException extends RuntimeException {

    private final transient Problem problem;

    public AbcException(Problem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    public Problem problem() { return problem; }
}
