package tunesmith.model;

import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Everything a trained network needs to be used, saved and resumed: what kind it is, its
 * configuration, the network (weights and updater state), its history and descriptive
 * metadata (vocabulary, encoding, corpus fingerprint).
 */
record NetworkState(String kind, LstmConfig config, MultiLayerNetwork network, History history, Map<String, String> meta) {
    NetworkState {
        meta = Map.copyOf(meta);
    }

    NetworkState withHistory(History h) { return new NetworkState(kind, config, network, h, meta); }
}
