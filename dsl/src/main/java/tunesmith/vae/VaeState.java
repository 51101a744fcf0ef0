package tunesmith.vae;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Everything a VAE needs to be used, saved and trained further: configuration, the training graph
 * (holding the weights), Adam's moments per weight, the batch count (it drives β, the learning
 * rate and Adam's bias correction), history and metadata. Only a training changes it.
 */
final class VaeState {

    final VaeConfig config;
    final SameDiff graph;
    final Map<String, AdamUpdater> updaters = new LinkedHashMap<>();
    long iteration;
    VaeHistory history;
    final Map<String, String> meta;

    VaeState(VaeConfig config, Map<String, INDArray> weights, Map<String, INDArray> moments, long iteration, VaeHistory history, Map<String, String> meta) {
        this.config = config;
        this.graph = VaeGraph.training(config, weights);
        this.iteration = iteration;
        this.history = history;
        this.meta = Map.copyOf(meta);
        Adam adam = new Adam(new ExponentialSchedule(ScheduleType.ITERATION, config.learningRate(), config.decay()));
        for (String name : VaeGraph.shapes(config).keySet()) {
            AdamUpdater u = new AdamUpdater(adam);
            INDArray w = weights.get(name);
            INDArray m = moments == null ? Nd4j.zerosLike(w) : moments.get(name + "/M").dup();
            INDArray v = moments == null ? Nd4j.zerosLike(w) : moments.get(name + "/V").dup();
            u.setState(Map.of(AdamUpdater.M_STATE, m, AdamUpdater.V_STATE, v), false);
            updaters.put(name, u);
        }
    }

    static VaeState fresh(VaeConfig c, Map<String, String> meta) {
        return new VaeState(c, VaeGraph.initial(c), null, 0, VaeHistory.EMPTY, meta);
    }

    INDArray weight(String name) { return graph.getVariable(name).getArr(); }

    /** Copies of the weights, in the saved order. */
    Map<String, INDArray> weights() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (String n : VaeGraph.shapes(config).keySet()) m.put(n, weight(n).dup());
        return m;
    }

    /** Copies of Adam's moments: "name/M" and "name/V". */
    Map<String, INDArray> moments() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        updaters.forEach((n, u) -> { m.put(n + "/M", u.getM().dup()); m.put(n + "/V", u.getV().dup()); });
        return m;
    }

    void setWeights(Map<String, INDArray> w) { w.forEach((n, a) -> weight(n).assign(a)); }

    long parameters() {
        long n = 0;
        for (String name : VaeGraph.shapes(config).keySet()) n += weight(name).length();
        return n;
    }
}
