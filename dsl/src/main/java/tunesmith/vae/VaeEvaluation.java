package tunesmith.vae;

import java.util.Locale;

/**
 * A VAE on held-out excerpts, z = μ throughout. {@code teacherForcedAccuracy}: the decoder given
 * the true previous step, per 16th step; {@code sampledAccuracy}: decoding freely (greedy, its own
 * previous step) and compared step by step; {@code meterAccuracy}: the decoded meter is the
 * excerpt's; {@code reconNats}: reconstruction NLL per step (meter token included);
 * {@code klNats}: KL(q(z|x) ‖ N(0, I)) per excerpt.
 */
public record VaeEvaluation(int excerpts, long steps, double teacherForcedAccuracy, double sampledAccuracy, double meterAccuracy,
                            double reconNats, double klNats) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,d excerpts (%,d steps): teacher-forced accuracy %.4f, sampled (free-running) accuracy %.4f, meter %.4f; "
                + "reconstruction %.4f nats/step, KL %.2f nats/excerpt", excerpts, steps, teacherForcedAccuracy, sampledAccuracy, meterAccuracy, reconNats, klNats);
    }
}
