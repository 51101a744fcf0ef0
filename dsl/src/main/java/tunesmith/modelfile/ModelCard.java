package tunesmith.modelfile;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a pretrained model is, in one value: its name and kind, what it learnt, where it came from
 * (corpus, encoding, split and the split's fingerprint, configuration, the command that trained it,
 * how long and on what machine), how good it is (test metrics) and its file (path inside
 * {@code models/}, size, sha256). One entry of {@code models/catalogue.json}; {@link #toString()}
 * is the card as text, {@link #html()} the same for a notebook.
 *
 * @param name        the zoo name, e.g. {@code folk-lstm}
 * @param kind        {@code lstm} or {@code musicvae} (later {@code counterpoint})
 * @param what        what it learnt, one sentence
 * @param file        the model file's path relative to {@code models/}
 * @param corpus      corpus spec, e.g. {@code oneills+ryans+nottingham}
 * @param encoding    encoding spec, e.g. {@code abc-tokens in-c}
 * @param split       the train/valid fractions (the rest is test), the seed and the fingerprint of the training data
 * @param configuration the model's configuration as it saves it
 * @param command     the exact command that trained it, e.g. {@code bench/pretrain.sh folk-lstm}
 * @param trainingSeconds wall-clock training time
 * @param machine     what it was trained on
 * @param metrics     test metrics by name, in the catalogue's order
 * @param size        file size in bytes
 * @param sha256      the file's sha256, hex
 */
public record ModelCard(String name, String kind, String what, String file, String corpus, String encoding, Split split,
                        String configuration, String command, double trainingSeconds, String machine,
                        Map<String, Double> metrics, long size, String sha256) {

    /** The kinds the zoo knows, as written in the catalogue. */
    public static final String LSTM = "lstm", MUSIC_VAE = "musicvae", COUNTERPOINT = "counterpoint";

    /**
     * The data split: train and valid fractions (test is the rest), its seed, the sha256 of the
     * training data, and whether training kept only the tunes with regular bars (held-out all kept).
     * Settings of one tune are always in one part.
     */
    public record Split(double train, double valid, long seed, String fingerprint, boolean regularTraining) {
        public Split(double train, double valid, long seed, String fingerprint) { this(train, valid, seed, fingerprint, false); }

        public double test() { return Math.max(0, 1 - train - valid); }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "train %s / valid %s / test %s, seed %d", fraction(train), fraction(valid), fraction(test()), seed)
                    + (regularTraining ? ", training on tunes with regular bars" : "")
                    + (fingerprint == null || fingerprint.isEmpty() ? "" : ", fingerprint " + shortHash(fingerprint));
        }
    }

    public ModelCard {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(file, "file");
        what = what == null ? "" : what;
        corpus = corpus == null ? "" : corpus;
        encoding = encoding == null ? "" : encoding;
        configuration = configuration == null ? "" : configuration;
        command = command == null ? "" : command;
        machine = machine == null ? "" : machine;
        sha256 = sha256 == null ? "" : sha256;
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics == null ? Map.of() : metrics));
    }

    /** The same card for another file (size and checksum), as when the zoo takes in a new version. */
    public ModelCard withFile(String file, long size, String sha256) {
        return new ModelCard(name, kind, what, file, corpus, encoding, split, configuration, command, trainingSeconds, machine, metrics, size, sha256);
    }

    /** The card as text: a title line, then one labelled line per fact. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append("Model card: ").append(name).append(" (").append(kind).append(")\n");
        rows().forEach((label, value) -> b.append(String.format(Locale.ROOT, "  %-10s %s%n", label + ":", value)));
        return b.toString().stripTrailing();
    }

    /** The card as an HTML table, for a notebook. */
    public String html() {
        StringBuilder b = new StringBuilder("<div class=\"tunesmith-card\"><p style=\"margin:4px 0;\"><b>Model card: ")
                .append(esc(name)).append("</b> (").append(esc(kind)).append(")</p>\n<table>\n");
        rows().forEach((label, value) -> b.append("<tr><th style=\"text-align:left;vertical-align:top;\">").append(esc(label))
                .append("</th><td style=\"text-align:left;\">").append(esc(value)).append("</td></tr>\n"));
        return b.append("</table></div>\n").toString();
    }

    /** The labelled facts, in the order a reader wants them. */
    public Map<String, String> rows() {
        Map<String, String> r = new LinkedHashMap<>();
        if (!what.isEmpty()) r.put("learnt", what);
        if (!metrics.isEmpty()) r.put("test", metricsText());
        r.put("corpus", corpus + (encoding.isEmpty() ? "" : ", encoded as " + encoding));
        if (split != null) r.put("split", split.toString());
        if (!configuration.isEmpty()) r.put("config", configuration);
        String trained = trainingSeconds > 0 ? duration(trainingSeconds) : "";
        if (!machine.isEmpty()) trained += (trained.isEmpty() ? "" : " ") + "on " + machine;
        if (!trained.isEmpty()) r.put("trained", trained);
        if (!command.isEmpty()) r.put("reproduce", command);
        r.put("file", "models/" + file + ", " + bytes(size) + (sha256.isEmpty() ? "" : ", sha256 " + shortHash(sha256)));
        return r;
    }

    /** The metrics as {@code name value, ...}, numbers rounded for reading. */
    public String metricsText() {
        StringBuilder b = new StringBuilder();
        metrics.forEach((k, v) -> b.append(b.isEmpty() ? "" : ", ").append(k).append(' ').append(number(v)));
        return b.toString();
    }

    /** A number for reading: whole numbers with thousands separators, others to four significant digits. */
    public static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%,d", (long) v);
        double a = Math.abs(v);
        if (a >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        if (a >= 1e-3) return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /** A size for reading: 13.4 MB, 812 kB, 96 bytes (decimal units). */
    public static String bytes(long n) {
        if (n >= 1_000_000) return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
        if (n >= 1_000) return String.format(Locale.ROOT, "%.0f kB", n / 1e3);
        return n + " bytes";
    }

    /** A duration for reading: 3 h 12 min, 14 min 5 s, 42 s. */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) return (s / 3600) + " h " + (s % 3600) / 60 + " min";
        if (s >= 60) return (s / 60) + " min " + (s % 60) + " s";
        return s + " s";
    }

    private static String fraction(double f) {
        return String.format(Locale.ROOT, "%.2f", f);
    }

    private static String shortHash(String hex) {
        return hex.length() > 12 ? hex.substring(0, 12) + "…" : hex;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
