package tunesmith.model;

import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import tunesmith.model.fused.FusedLstm;
import tunesmith.model.fused.FusedOutput;

/** Builds the Deeplearning4j networks for a configuration: one place that knows DL4J's layer API. */
final class Networks {

    private Networks() {}

    /**
     * Next-step LSTM: one-hot (or embedded) token → LSTM layers → softmax over the vocabulary,
     * cross-entropy loss; or, for piano rolls ({@code multiHot}), sigmoid outputs with binary
     * cross-entropy per key.
     */
    static MultiLayerNetwork lstm(LstmConfig c, int inputs, int outputs, boolean multiHot) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(c.seed())
                .optimizationAlgo(OptimizationAlgorithm.STOCHASTIC_GRADIENT_DESCENT)
                .updater(new Adam(new ExponentialSchedule(ScheduleType.EPOCH, c.learningRate(), c.decay())))
                .weightInit(WeightInit.XAVIER)
                .gradientNormalization(GradientNormalization.ClipL2PerLayer)
                .gradientNormalizationThreshold(c.clip())
                .list();
        int layer = 0;
        int width = inputs;
        if (c.embedding() > 0 && !multiHot) {
            list.layer(layer++, new EmbeddingSequenceLayer.Builder().nIn(inputs).nOut(c.embedding())
                    .outputDataFormat(RNNFormat.NCW).build());
            width = c.embedding();
        }
        for (int i = 0; i < c.layers(); i++) {
            LSTM.Builder b = new LSTM.Builder().nIn(width).nOut(c.units()).activation(Activation.TANH);
            if (c.dropout() > 0 && (i > 0 || c.embedding() > 0)) b.dropOut(new Dropout(1.0 - c.dropout())); // DL4J takes the keep probability
            LSTM l = lstmLayer(c, b.build());
            // the first layer reads the one-hot tokens: nothing reads the gradient of those
            if (i == 0 && c.embedding() == 0 && l instanceof FusedLstm f) f.withoutInputGradient();
            list.layer(layer++, l);
            width = c.units();
        }
        RnnOutputLayer.Builder out = multiHot
                ? new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                : new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX);
        out.nIn(width).nOut(outputs).dataFormat(RNNFormat.NCW);
        if (c.dropout() > 0) out.dropOut(new Dropout(1.0 - c.dropout()));
        list.layer(layer, outputLayer(c, out.build(), multiHot));
        if (c.tbptt() > 0) list.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(c.tbptt()).tBPTTBackwardLength(c.tbptt());
        // every layer states its nIn; without this DL4J would set the embedding's nIn (its
        // vocabulary) to the width of the index input, 1
        list.overrideNinUponBuild(false);
        if (c.embedding() > 0 && !multiHot) list.setInputType(InputType.recurrent(1, RNNFormat.NCW));
        else list.setInputType(InputType.recurrent(inputs, RNNFormat.NCW));
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The configuration's LSTM layer: ours (fused, the default) or DL4J's, with the same settings and parameters. */
    private static LSTM lstmLayer(LstmConfig c, LSTM stock) {
        return c.fused() ? FusedLstm.of(stock) : stock;
    }

    /** The configuration's softmax output layer: ours (with the fused LSTM) or DL4J's; sigmoid outputs stay DL4J's. */
    private static RnnOutputLayer outputLayer(LstmConfig c, RnnOutputLayer stock, boolean multiHot) {
        return c.fused() && !multiHot ? FusedOutput.of(stock) : stock;
    }

    /** Whether a network computes its LSTMs with the fused layer (models saved before it use DL4J's). */
    static boolean fused(MultiLayerNetwork net) {
        for (org.deeplearning4j.nn.conf.NeuralNetConfiguration layer : net.getLayerWiseConfigurations().getConfs()) {
            org.deeplearning4j.nn.conf.layers.Layer l = layer.getLayer();
            if (l instanceof Bidirectional bi) l = bi.getFwd();
            if (l instanceof LSTM) return l instanceof FusedLstm;
        }
        return false;
    }

    /**
     * Sequence labelling: bidirectional LSTM layers (each direction {@code units}, outputs
     * concatenated), so every step's class can depend on the whole input line, past and future;
     * softmax per step. No TBPTT (a backward pass needs the whole line).
     */
    static MultiLayerNetwork labeller(LstmConfig c, int inputs, int outputs) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(c.seed())
                .updater(new Adam(new ExponentialSchedule(ScheduleType.EPOCH, c.learningRate(), c.decay())))
                .weightInit(WeightInit.XAVIER)
                .gradientNormalization(GradientNormalization.ClipL2PerLayer)
                .gradientNormalizationThreshold(c.clip())
                .list();
        int width = inputs;
        for (int i = 0; i < c.layers(); i++) {
            LSTM.Builder b = new LSTM.Builder().nIn(width).nOut(c.units()).activation(Activation.TANH);
            if (c.dropout() > 0 && i > 0) b.dropOut(new Dropout(1.0 - c.dropout()));
            list.layer(i, new Bidirectional(Bidirectional.Mode.CONCAT, lstmLayer(c, b.build())));
            width = 2 * c.units();
        }
        RnnOutputLayer.Builder out = new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(width).nOut(outputs).dataFormat(RNNFormat.NCW);
        if (c.dropout() > 0) out.dropOut(new Dropout(1.0 - c.dropout()));
        list.layer(c.layers(), outputLayer(c, out.build(), false));
        list.setInputType(InputType.recurrent(inputs, RNNFormat.NCW));
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }
}
