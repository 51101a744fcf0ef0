package tunesmith.model.fused;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Configuration of {@link FusedOutputLayer}: Deeplearning4j's {@link RnnOutputLayer} with softmax
 * and multi-class cross-entropy (same parameters W [nIn,nOut] and b, same initialisation, same
 * score and gradients), computed by our implementation. Build it from a stock layer:
 * {@code FusedOutput.of(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
 * .nIn(256).nOut(159).dataFormat(RNNFormat.NCW).dropOut(new Dropout(0.7)).build())}.
 * Serialised by Jackson like any DL4J layer (no-arg constructor, the inherited getters and setters).
 */
public class FusedOutput extends RnnOutputLayer {

    /** For Jackson; use {@link #of(RnnOutputLayer)}. */
    public FusedOutput() {
        super();
    }

    /**
     * The fused twin of a configured stock output layer, every setting copied. Only what the fused
     * layer computes is accepted: softmax, MCXENT without class weights, a bias, NCW data.
     */
    public static FusedOutput of(RnnOutputLayer stock) {
        String why = unsupported(stock);
        if (why != null)
            throw new IllegalArgumentException("FusedOutput computes softmax with multi-class cross-entropy on NCW data, but this layer " + why
                    + ": use DL4J's RnnOutputLayer for it");
        FusedOutput f = new FusedOutput();
        FusedConfigs.copySettings(RnnOutputLayer.class, stock, f);
        return f;
    }

    /** Why the fused layer cannot compute a configuration, or null when it can. */
    static String unsupported(RnnOutputLayer c) {
        if (!(c.getActivationFn() instanceof ActivationSoftmax)) return "has activation " + c.getActivationFn();
        if (!(c.getLossFn() instanceof LossMCXENT loss)) return "has loss " + c.getLossFn();
        if (loss.getWeights() != null) return "weights its classes";
        if (!c.hasBias()) return "has no bias";
        if (c.getRnnDataFormat() != null && c.getRnnDataFormat() != RNNFormat.NCW) return "reads " + c.getRnnDataFormat() + " data";
        return null;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("FusedOutput", getLayerName(), layerIndex, getNIn(), getNOut());
        String why = unsupported(this);
        if (why != null)
            throw new IllegalArgumentException("FusedOutput (layer " + layerIndex + ") computes softmax with multi-class cross-entropy on NCW data, but it "
                    + why + ": use DL4J's RnnOutputLayer for it");
        return FusedConfigs.wire(new FusedOutputLayer(conf, networkDataType), initializer(), conf, listeners, layerIndex, layerParamsView, initializeParams);
    }

    // Lombok's equals would call a FusedOutput equal to a stock RnnOutputLayer with the same settings.
    @Override
    protected boolean canEqual(Object other) {
        return other instanceof FusedOutput;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FusedOutput && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 7;
    }

    @Override
    public String toString() {
        return "FusedOutput(" + super.toString() + ")";
    }
}
