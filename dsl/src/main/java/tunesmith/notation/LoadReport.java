package tunesmith.notation;

import java.util.List;

/** What happened when a tunebook was read: how many tunes were read, which were skipped and why, and warnings. */
public record LoadReport(int read, List<Problem> problems) {

    public LoadReport {
        problems = List.copyOf(problems);
    }

    public List<Problem> errors() { return problems.stream().filter(Problem::isError).toList(); }

    public List<Problem> warnings() { return problems.stream().filter(p -> !p.isError()).toList(); }

    /** True when nothing was read: no tune, whether the file had none (a warning says why) or every one failed. */
    public boolean noTunes() { return read == 0; }

    /** Number of tunes skipped because of an error. */
    public int skipped() { return errors().size(); }

    public LoadReport plus(LoadReport other) {
        List<Problem> all = new java.util.ArrayList<>(problems);
        all.addAll(other.problems);
        return new LoadReport(read + other.read, all);
    }

    /** A few lines: counts, a problem of the whole file (such as no tune in it), then every skipped tune with its reason. */
    public String describe() {
        StringBuilder b = new StringBuilder(toString());
        for (Problem p : problems) if (p.isFileProblem()) b.append("\n  ").append(p);
        for (Problem p : errors()) if (!p.isFileProblem()) b.append("\n  skipped: ").append(p);
        return b.toString();
    }

    @Override
    public String toString() {
        return read + " tunes read, " + skipped() + " skipped, " + warnings().size() + " warnings";
    }
}
