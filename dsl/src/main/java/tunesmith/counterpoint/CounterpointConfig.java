package tunesmith.counterpoint;

/**
 * The encoder-decoder's settings. Immutable; {@link #DEFAULTS} in one place:
 *
 * <ul>
 * <li>{@code layers} 2 and {@code units} 192: two bidirectional LSTM layers read the soprano, two
 *     LSTM layers decode; the JSB train split is small (229 chorales, 55k steps), so a larger network
 *     only overfits sooner;
 * <li>{@code head} 96: the hidden layer of each voice's output (the tenor's reads the alto just
 *     written, the bass's both);
 * <li>{@code dropout} 0.3 on the stacked layers and heads, {@code learningRate} 0.002 (Adam) times
 *     {@code decay} 0.97 per epoch, {@code clip} 5 per layer, {@code batch} 8 chorales;
 * <li>{@code transpose} 5: each epoch moves every training chorale by a random shift of up to 5
 *     semitones down or 6 up (as DeepBach and Coconet do) where all voices stay in range, since Bach's
 *     voice leading does not depend on the key.
 * </ul>
 */
public record CounterpointConfig(int layers, int units, int head, double dropout, double learningRate, double decay, double clip,
                                 int batch, long seed, int transpose, boolean fused) {

    public static final CounterpointConfig DEFAULTS = new CounterpointConfig(2, 192, 96, 0.3, 0.002, 0.97, 5.0, 8, 1, 5, true);

    public CounterpointConfig {
        if (layers < 1 || units < 1 || head < 1) throw new IllegalArgumentException("counterpoint: layers, units and head must be at least 1");
        if (dropout < 0 || dropout >= 1) throw new IllegalArgumentException("counterpoint: dropout " + dropout + " must be in [0, 1)");
        if (learningRate <= 0 || decay <= 0 || decay > 1) throw new IllegalArgumentException("counterpoint: learning rate must be > 0 and decay in (0, 1]");
        if (batch < 1) throw new IllegalArgumentException("counterpoint: batch must be at least 1");
        if (transpose < 0 || transpose > 6) throw new IllegalArgumentException("counterpoint: transpose " + transpose + " must be 0..6 semitones");
    }

    public CounterpointConfig withLayers(int n) { return new CounterpointConfig(n, units, head, dropout, learningRate, decay, clip, batch, seed, transpose, fused); }
    public CounterpointConfig withUnits(int n) { return new CounterpointConfig(layers, n, head, dropout, learningRate, decay, clip, batch, seed, transpose, fused); }
    public CounterpointConfig withHead(int n) { return new CounterpointConfig(layers, units, n, dropout, learningRate, decay, clip, batch, seed, transpose, fused); }
    public CounterpointConfig withDropout(double p) { return new CounterpointConfig(layers, units, head, p, learningRate, decay, clip, batch, seed, transpose, fused); }
    public CounterpointConfig withLearningRate(double r) { return new CounterpointConfig(layers, units, head, dropout, r, decay, clip, batch, seed, transpose, fused); }
    public CounterpointConfig withDecay(double d) { return new CounterpointConfig(layers, units, head, dropout, learningRate, d, clip, batch, seed, transpose, fused); }
    public CounterpointConfig withClip(double c) { return new CounterpointConfig(layers, units, head, dropout, learningRate, decay, c, batch, seed, transpose, fused); }
    public CounterpointConfig withBatch(int b) { return new CounterpointConfig(layers, units, head, dropout, learningRate, decay, clip, b, seed, transpose, fused); }
    public CounterpointConfig withSeed(long s) { return new CounterpointConfig(layers, units, head, dropout, learningRate, decay, clip, batch, s, transpose, fused); }
    public CounterpointConfig withTranspose(int t) { return new CounterpointConfig(layers, units, head, dropout, learningRate, decay, clip, batch, seed, t, fused); }
    public CounterpointConfig withFused(boolean f) { return new CounterpointConfig(layers, units, head, dropout, learningRate, decay, clip, batch, seed, transpose, f); }

    /** One line, {@code name=value} separated by spaces ({@link tunesmith.train.Settings}); {@link #parse} reads it back. */
    public String toText() { return tunesmith.train.Settings.toText(this); }

    static CounterpointConfig parse(String text) { return tunesmith.train.Settings.parse(text, "counterpoint", DEFAULTS, java.util.Map.of()); }
}
