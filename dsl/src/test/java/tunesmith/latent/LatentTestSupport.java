package tunesmith.latent;

import tunesmith.TestCorpora;
import tunesmith.corpus.Corpus;

/**
 * A real latent model for the tests: the linear PCA baseline fitted on the training part of
 * O'Neill's 1850 (16 dimensions, 2 bars), fitted once per test JVM. The test part is held out.
 */
final class LatentTestSupport {

    private static Corpus.Split split;
    private static LinearLatentModel model;

    private LatentTestSupport() {}

    static synchronized Corpus.Split oneills() {
        TestCorpora.root();
        if (split == null) split = Corpus.load("oneills").split(0.8, 0.0, 11);
        return split;
    }

    static synchronized LinearLatentModel model() {
        if (model == null) model = LinearLatentModel.fit(oneills().train().tunes(), 2, 16);
        return model;
    }

    static LatentSpace space() { return LatentSpace.of(model()); }
}
