package tunesmith.model.fused;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of {@link FusedLstmLayer}: Deeplearning4j's {@link LSTM} (same parameters W
 * [nIn,4H], RW [H,4H], b [4H], same gate order, same initialisation, forget-gate bias included),
 * computed by our fused implementation. Being an {@code LSTM}, it reuses DL4J's parameter
 * initializer, input types and memory report, so weights copy between the two unchanged, and a
 * network seeded alike starts from the very same weights.
 *
 * <p>Build it from a stock layer: {@code FusedLstm.of(new LSTM.Builder().nIn(100).nOut(256)
 * .activation(Activation.TANH).dropOut(new Dropout(0.7)).build())}. Serialised by Jackson like any
 * DL4J layer (no-arg constructor, the inherited getters and setters; one field of its own, {@link #isInputGradient()}).
 * Supports the tanh activation with sigmoid gates (what DL4J's LSTM uses by default).
 */
public class FusedLstm extends LSTM {

    /**
     * Whether backprop computes the gradient with respect to the input. A first layer reading the
     * network's input does not need it (a MultiLayerNetwork drops it), and for one-hot tokens it
     * is a GEMM as big as the input projection: about 6% of training the default network.
     * Serialised with the layer; files without it read as {@code true}.
     */
    private boolean inputGradient = true;

    /** For Jackson; use {@link #of(LSTM)}. */
    public FusedLstm() {
        super();
    }

    /** The fused twin of a configured stock layer: every setting copied (dropout, updater, init...). */
    public static FusedLstm of(LSTM stock) {
        FusedLstm f = new FusedLstm();
        FusedConfigs.copySettings(LSTM.class, stock, f);
        return f;
    }

    public boolean isInputGradient() { return inputGradient; }

    public void setInputGradient(boolean inputGradient) { this.inputGradient = inputGradient; }

    /** This layer, set to skip the input gradient: only for the first layer of a network, whose input gradient nobody reads. */
    public FusedLstm withoutInputGradient() {
        this.inputGradient = false;
        return this;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("FusedLstm", getLayerName(), layerIndex, getNIn(), getNOut());
        if (!(getActivationFn() instanceof ActivationTanH))
            throw new IllegalArgumentException("FusedLstm (layer " + layerIndex + ") computes tanh cells, but its activation is "
                    + getActivationFn() + ": use Activation.TANH, or DL4J's LSTM for other activations");
        if (!(getGateActivationFn() instanceof ActivationSigmoid))
            throw new IllegalArgumentException("FusedLstm (layer " + layerIndex + ") computes sigmoid gates, but its gate activation is "
                    + getGateActivationFn() + ": use the default (sigmoid), or DL4J's LSTM for other gate activations");
        return FusedConfigs.wire(new FusedLstmLayer(conf, networkDataType), initializer(), conf, listeners, layerIndex, layerParamsView, initializeParams);
    }

    // Lombok's LSTM.equals would call a FusedLstm equal to a stock LSTM with the same settings.
    @Override
    protected boolean canEqual(Object other) {
        return other instanceof FusedLstm;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FusedLstm f && f.inputGradient == inputGradient && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + (inputGradient ? 1 : 2);
    }

    @Override
    public String toString() {
        return "FusedLstm(" + super.toString() + ")";
    }
}
