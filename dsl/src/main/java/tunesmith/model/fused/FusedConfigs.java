package tunesmith.model.fused;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What the fused layers' configurations share with each other: a stock layer's settings copied, a layer wired as DL4J wires its own. */
final class FusedConfigs {

    private FusedConfigs() {}

    /**
     * Every field of {@code top} and its superclasses from {@code stock} into {@code fused}: the
     * configuration classes are Lombok beans with more than twenty settings, and copying them all
     * keeps the fused twin in step with DL4J's builder.
     */
    static void copySettings(Class<?> top, Object stock, Object fused) {
        for (Class<?> c = top; c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) continue;
                try {
                    field.setAccessible(true);
                    field.set(fused, field.get(stock));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("Cannot copy setting " + c.getSimpleName() + "." + field.getName() + " of a DL4J "
                            + top.getSimpleName() + " into its fused twin (" + e + "); is Deeplearning4j 1.0.0-M2.1 on the classpath?", e);
                }
            }
        }
    }

    /** A new layer given its listeners, index and parameters (initialised into the view when asked), as DL4J's own configurations do. */
    static <L extends Layer> L wire(L layer, ParamInitializer initializer, NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                    int layerIndex, INDArray layerParamsView, boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer.init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
