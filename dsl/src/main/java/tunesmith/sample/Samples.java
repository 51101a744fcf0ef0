package tunesmith.sample;

import java.util.AbstractList;
import java.util.List;
import tunesmith.music.Tune;

/** The samples of one request, in order; a list of {@link Sample}s with the valid tunes at hand. */
public final class Samples extends AbstractList<Sample> {

    private final List<Sample> samples;
    private final String strategy;

    public Samples(List<Sample> samples, String strategy) {
        this.samples = List.copyOf(samples);
        this.strategy = strategy;
    }

    @Override
    public Sample get(int index) { return samples.get(index); }

    @Override
    public int size() { return samples.size(); }

    /** The samples that read as music. */
    public List<Tune> tunes() { return samples.stream().filter(Sample::isValid).map(Sample::tune).toList(); }

    /** The first valid tune; a clear error when none is valid. */
    public Tune tune() {
        return tunes().stream().findFirst().orElseThrow(() -> new IllegalStateException("None of the " + size()
                + " samples reads as valid ABC; see each sample's invalidReason(), or sample more (count) or cooler (temperature < 1)"));
    }

    /** Every sample's text (ABC), valid or not, in order: to compare two draws. */
    public List<String> texts() { return samples.stream().map(Sample::text).toList(); }

    public List<Sample> invalid() { return samples.stream().filter(s -> !s.isValid()).toList(); }

    public String strategy() { return strategy; }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Samples (" + strategy + "): " + tunes().size() + " of " + size() + " valid");
        for (Sample s : samples) b.append("\n  ").append(s);
        return b.toString();
    }
}
