import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import tunesmith.Tunesmith;
import tunesmith.corpus.Corpus;
import tunesmith.train.Training;
import tunesmith.train.TrainingEvent;
import tunesmith.vae.MusicVae;
import tunesmith.vae.MusicVaeBuilder;
import tunesmith.vae.VaeData;
import tunesmith.vae.VaeEvaluationReport;

/**
 * The 2-bar VAE bar: trains musicVae() (defaults unless given) for SECONDS on O'Neill's + Ryan's +
 * Nottingham (excerpts split by tune, seeded), saves it to bench/runs/musicvae/model.tsm, and
 * prints held-out (test split) teacher-forced and sampled reconstruction accuracy, NLL, KL and
 * tokens/s. Run with bench/musicvae.sh SECONDS [LATENT] [ENCODER] [DECODER] [BATCH] [LEARNING RATE] [FREE NATS] [BARS] [CONDUCTOR]
 * (BARS other than 2 or a CONDUCTOR above 0, the hierarchical decoder, save to bench/runs/musicvae-BARSbar[-conductorN]);
 * with MUSICVAE_RESUME=path it trains that saved model further for SECONDS (its settings, Adam's state and batch count).
 * MUSICVAE_FREE_NATS=N sets the free nats, MUSICVAE_OUT=DIR writes there instead, MUSICVAE_SEED=N seeds weights and split (bench/pretrain.sh folk-musicvae sets both);
 * the test figures are also written to DIR/test.json.
 */
public class MusicVaeBench {
    public static void main(String[] a) throws Exception {
        double seconds = Double.parseDouble(a[0]);
        MusicVaeBuilder b = Tunesmith.musicVae();
        if (a.length > 1) b = b.dimension(Integer.parseInt(a[1]));
        if (a.length > 2) b = b.encoderUnits(Integer.parseInt(a[2]));
        if (a.length > 3) b = b.decoderUnits(Integer.parseInt(a[3]));
        if (a.length > 4) b = b.batch(Integer.parseInt(a[4]));
        if (a.length > 5) b = b.learningRate(Double.parseDouble(a[5]));
        if (a.length > 6) b = b.freeNats(Double.parseDouble(a[6]));
        if (a.length > 7) b = b.bars(Integer.parseInt(a[7]));
        if (a.length > 8) b = b.conductor(Integer.parseInt(a[8]));
        String freeNats = System.getenv("MUSICVAE_FREE_NATS"); // bench/musicvae-freenats.sh: the defaults but for the free nats
        if (freeNats != null && !freeNats.isBlank()) b = b.freeNats(Double.parseDouble(freeNats));
        String seed = System.getenv("MUSICVAE_SEED"); // seeds the weights and the split by tune (bench/pretrain.sh sets it)
        if (seed != null && !seed.isBlank()) b = b.seed(Long.parseLong(seed));
        String resume = System.getenv("MUSICVAE_RESUME"); // a saved model to train further, with its own settings
        MusicVae start = resume == null || resume.isBlank() ? null : MusicVae.load(Path.of(resume));
        if (start != null) b = new MusicVaeBuilder(start.config());
        System.out.println(start == null ? b : "resuming " + start);
        System.out.println("load before: " + Files.readString(Path.of("/proc/loadavg")).strip());
        Corpus folk = Tunesmith.corpus("oneills").plus(Tunesmith.corpus("ryans")).plus(Tunesmith.corpus("nottingham"));
        long t0 = System.nanoTime();
        VaeData data = b.data(folk);
        System.out.printf(Locale.ROOT, "%s%ncut into excerpts in %.1f s%n", data, (System.nanoTime() - t0) / 1e9);
        // the 2-bar flat model where it always was; other shapes beside it
        String outSetting = System.getenv("MUSICVAE_OUT"); // bench/pretrain.sh writes to bench/runs/pretrain-NAME
        Path out = outSetting != null && !outSetting.isBlank() ? Path.of(outSetting) : Path.of(b.config().bars() == 2 && b.config().conductorUnits() == 0 ? "bench/runs/musicvae"
                : "bench/runs/musicvae-" + b.config().bars() + "bar" + (b.config().conductorUnits() > 0 ? "-conductor" + b.config().conductorUnits() : ""));
        Files.createDirectories(out);
        long[] batches = {0};
        int patience = Integer.parseInt(System.getenv().getOrDefault("MUSICVAE_PATIENCE", "3")); // epochs without improvement before stopping
        Training plan = Training.epochs(1000).patience(patience).seconds(seconds).checkpoints(out.resolve("checkpoints")).listener(e -> {
            if (e instanceof TrainingEvent.Batch x && (++batches[0] % 100 == 0)) {
                Runtime rt = Runtime.getRuntime();
                System.out.printf(Locale.ROOT, "  epoch %d batch %d/%d (%d in all) loss %.4f nats/token, %,.0f tokens/s; resident %,d MB (Java heap in use %,d MB)%n", x.epoch(), x.batch(),
                        x.batches(), batches[0], x.loss(), x.tokensPerSecond(), Pointer.physicalBytes() >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20);
            } else if (e instanceof TrainingEvent.Epoch x)
                System.out.printf(Locale.ROOT, "epoch %d: valid accuracy %.4f, valid loss %.4f, %,.0f tokens/s, %.0f s%s%n", x.epoch(), x.validAccuracy(), x.validLoss(),
                        x.tokensPerSecond(), x.seconds(), x.best() ? " (best)" : "");
        });
        t0 = System.nanoTime();
        MusicVae vae = start == null ? b.train(data, plan) : start.resume(data, plan);
        double trained = (System.nanoTime() - t0) / 1e9;
        vae.save(out.resolve("model.tsm"));
        System.out.println(vae);
        System.out.println(vae.historyTable().print());
        System.out.println("load after training: " + Files.readString(Path.of("/proc/loadavg")).strip());
        if ("0".equals(System.getenv("MUSICVAE_EVAL"))) return; // a chunk of a longer run: the test split is read at the end
        t0 = System.nanoTime();
        VaeEvaluationReport test = vae.evaluate(data.test());
        System.out.printf(Locale.ROOT, "test split (held-out tunes): %s (evaluated in %.0f s)%n", test, (System.nanoTime() - t0) / 1e9);
        // the figures bench/zoo-add.sh puts on the model card (every numeric test_* field)
        Files.writeString(out.resolve("test.json"), String.format(Locale.ROOT, "{%n  \"corpus\": \"oneills+ryans+nottingham\",%n  \"test_teacher_forced_accuracy\": %.6f,%n"
                + "  \"test_sampled_accuracy\": %.6f,%n  \"test_recon_nats_per_step\": %.6f,%n  \"test_kl_nats_per_excerpt\": %.6f,%n  \"test_excerpts\": %d%n}%n",
                test.teacherForcedAccuracy(), test.sampledAccuracy(), test.reconNats(), test.klNats(), test.excerpts()));
        double tps = vae.history().epochs().stream().mapToDouble(e -> e.tokensPerSecond() * e.seconds()).sum()
                / Math.max(1e-9, vae.history().epochs().stream().mapToDouble(e -> e.seconds()).sum());
        System.out.printf(Locale.ROOT, "trained %.0f s, %d batches, %d epochs, ~%,.0f tokens/s (epoch-weighted)%n", trained, vae.iteration(), vae.history().size(), tps);
        System.out.printf(Locale.ROOT, "bar (teacher-forced accuracy >= 0.90%s): %s%n", vae.bars() == 2 ? "" : ", set for 2 bars", test.teacherForcedAccuracy() >= 0.90 ? "met" : "NOT met");
        System.out.println("model: " + out.resolve("model.tsm").toAbsolutePath());
    }
}
