package tunesmith.vae;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Everything a VAE needs to be used, saved and trained further: configuration, the engine
 * (holding the weights), Adam's moments per weight, the batch count (it drives β, the learning
 * rate and Adam's bias correction), history and metadata. Only a training changes it.
 *
 * <p>The engine and the moments hold the LSTM gate blocks in the kernels' order; {@link #weights}
 * and {@link #moments} give them in the saved layout, the constructor takes that layout.
 */
final class VaeState {

    final VaeConfig config;
    final VaeNet net;
    final Map<String, AdamUpdater> updaters = new LinkedHashMap<>();
    final VaeAdam adam; // applies the updaters' Adam to the engine's weights, reading and writing their moments
    long iteration;
    VaeHistory history;
    final Map<String, String> meta;

    VaeState(VaeConfig config, Map<String, INDArray> weights, Map<String, INDArray> moments, long iteration, VaeHistory history, Map<String, String> meta) {
        this.config = config;
        this.net = new VaeNet(config, weights);
        this.iteration = iteration;
        this.history = history;
        this.meta = Map.copyOf(meta);
        Adam adam = new Adam(new ExponentialSchedule(ScheduleType.ITERATION, config.learningRate(), config.decay()));
        for (String name : VaeParams.shapes(config).keySet()) {
            AdamUpdater u = new AdamUpdater(adam);
            INDArray w = net.param(name);
            INDArray m = moments == null ? Nd4j.zerosLike(w) : VaeNet.toCells(name, moments.get(name + "/M"));
            INDArray v = moments == null ? Nd4j.zerosLike(w) : VaeNet.toCells(name, moments.get(name + "/V"));
            u.setState(Map.of(AdamUpdater.M_STATE, m, AdamUpdater.V_STATE, v), false);
            updaters.put(name, u);
        }
        this.adam = new VaeAdam(net, updaters);
    }

    static VaeState fresh(VaeConfig c, Map<String, String> meta) {
        return new VaeState(c, VaeParams.initial(c), null, 0, VaeHistory.EMPTY, meta);
    }

    /** The live weight, as the engine holds it (LSTM gate blocks in the kernels' order). */
    INDArray weight(String name) { return net.param(name); }

    /** Copies of the weights in the saved layout and order. */
    synchronized Map<String, INDArray> weights() { return net.saved(); }

    /** Copies of Adam's moments in the saved layout: "name/M" and "name/V". */
    synchronized Map<String, INDArray> moments() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        updaters.forEach((n, u) -> { m.put(n + "/M", VaeNet.toSaved(n, u.getM())); m.put(n + "/V", VaeNet.toSaved(n, u.getV())); });
        return m;
    }

    /** Sets the weights from arrays in the saved layout. */
    synchronized void setWeights(Map<String, INDArray> w) { net.load(w); }

    long parameters() {
        long n = 0;
        for (String name : VaeParams.shapes(config).keySet()) n += weight(name).length();
        return n;
    }
}
