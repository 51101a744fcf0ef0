package tunesmith.zoo;

import java.nio.file.Path;
import tunesmith.encode.SplitSpec;
import tunesmith.eval.Evaluation;
import tunesmith.model.MelodyModel;
import tunesmith.modelfile.ModelCard;
import tunesmith.vae.MusicVae;

/**
 * A model of the zoo, its file checked against the catalogue, not yet loaded: {@code toString()}
 * is its card, and the typed step loads it — {@link #lstm()} for a next-token LSTM,
 * {@link #musicVae()} for a MusicVAE — so {@code var rnn = pretrained("folk-lstm").lstm();} is a
 * {@link MelodyModel} with all its methods at hand. Asking for the wrong kind says which to use.
 */
public final class Pretrained {

    private final ModelCard card;
    private final Path file;

    Pretrained(ModelCard card, Path file) {
        this.card = card;
        this.file = file;
    }

    public ModelCard card() { return card; }

    /** The checked model file. */
    public Path file() { return file; }

    public String name() { return card.name(); }

    public String kind() { return card.kind(); }

    /** The model as a next-token LSTM, carrying its card. */
    public MelodyModel lstm() {
        expect(ModelCard.LSTM, "lstm()");
        return MelodyModel.load(file).withCard(card);
    }

    /** The model as a MusicVAE, carrying its card. */
    public MusicVae musicVae() {
        expect(ModelCard.MUSIC_VAE, "musicVae()");
        return MusicVae.load(file).withCard(card);
    }

    /** The model as a four-voice harmonizer (Bach's alto, tenor and bass under a soprano), carrying its card. */
    public tunesmith.counterpoint.Counterpoint counterpoint() {
        expect(ModelCard.COUNTERPOINT, "counterpoint()");
        return tunesmith.counterpoint.Counterpoint.load(file).withCard(card);
    }

    /**
     * The split the model was trained on, as its card records it (corpus, shares, seed, regular-bar
     * training), so its held-out tunes can be rebuilt exactly; null when the card has no split.
     */
    public SplitSpec split() {
        ModelCard.Split s = card.split();
        if (s == null || card.corpus() == null) return null;
        return new SplitSpec(card.corpus(), s.test(), s.valid(), s.seed(), s.regularTraining());
    }

    /**
     * The LSTM against its own held-out tunes: {@code pretrained("folk-lstm").evaluation().run()} is
     * what {@code tunesmith evaluate folk-lstm} prints.
     */
    public Evaluation evaluation() {
        SplitSpec spec = split();
        if (spec == null)
            throw new ZooException("'" + card.name() + "' has no split on its model card, so its held-out tunes cannot be rebuilt; use Evaluation.of(model, split).");
        return Evaluation.of(lstm(), spec);
    }

    private void expect(String kind, String step) {
        if (!card.kind().equals(kind))
            throw new ZooException("pretrained(\"" + card.name() + "\")." + step + ": '" + card.name() + "' is a " + card.kind() + " model, not a "
                    + kind + " model. Use pretrained(\"" + card.name() + "\")." + stepFor(card.kind()) + ".");
    }

    private static String stepFor(String kind) {
        return switch (kind) {
            case ModelCard.LSTM -> "lstm()";
            case ModelCard.MUSIC_VAE -> "musicVae()";
            case ModelCard.COUNTERPOINT -> "counterpoint()";
            default -> "card() (this Tunesmith cannot load " + kind + " models from the zoo yet)";
        };
    }

    @Override
    public String toString() {
        return card + "\nLoad it with pretrained(\"" + card.name() + "\")." + stepFor(card.kind());
    }
}
