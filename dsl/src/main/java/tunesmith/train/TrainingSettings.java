package tunesmith.train;

/**
 * The settings every model kind trains with: Adam's step size and its decay, gradient clipping,
 * batch size and seed. A model's settings record implements this, so that its builder gets these
 * steps once, from {@link ModelBuilder}.
 */
public interface TrainingSettings<C extends TrainingSettings<C>> {

    double learningRate();

    /** The learning rate's multiplier per step of the model's schedule (an epoch or a batch). */
    double decay();

    double clip();

    int batch();

    long seed();

    C withLearningRate(double v);

    C withDecay(double v);

    C withClip(double v);

    C withBatch(int v);

    C withSeed(long v);
}
