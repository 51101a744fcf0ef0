package tunesmith.train;

/**
 * What a training run reports as it goes; a terminal progress bar and a notebook display both
 * subscribe to these ({@link Training#listener}).
 */
public sealed interface TrainingEvent {

    /** Training begins: sizes of the data and of the network. */
    record Started(int epochs, int batchesPerEpoch, long trainTokens, long validTokens, long parameters, int startEpoch)
            implements TrainingEvent {}

    /** One batch done. Loss is the batch's mean loss per token (nats); ETA is for the whole run. */
    record Batch(int epoch, int batch, int batches, double loss, double tokensPerSecond, double etaSeconds)
            implements TrainingEvent {}

    /** One epoch done, with losses in nats per token measured in evaluation mode. */
    record Epoch(int epoch, double trainLoss, double validLoss, double trainAccuracy, double validAccuracy,
                 double learningRate, double seconds, double tokensPerSecond, boolean best) implements TrainingEvent {
        /** This epoch's figures with its time, its speed over {@code tokens} and whether it is the best so far: the row a history keeps. */
        public Epoch recorded(boolean isBest, double secs, long tokens) {
            return new Epoch(epoch, trainLoss, validLoss, trainAccuracy, validAccuracy, learningRate, secs, tokens / Math.max(1e-9, secs), isBest);
        }
    }

    /** Training ended, and why; the model keeps the weights of {@code bestEpoch}. */
    record Finished(Reason reason, int epochs, int bestEpoch, double bestValidLoss, double seconds) implements TrainingEvent {}

    enum Reason { COMPLETED, EARLY_STOPPED, INTERRUPTED, TIME_LIMIT }
}
