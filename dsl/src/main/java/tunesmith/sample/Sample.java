package tunesmith.sample;

import java.util.Optional;
import tunesmith.music.Tune;

/**
 * One generated piece: its text (ABC for token models), the tune when the text reads as music,
 * or the reason it does not. Invalid samples are kept and marked, never dropped silently.
 */
public record Sample(int index, String text, Tune tune, String invalidReason, int tokens) {

    public static Sample valid(int index, String text, Tune tune, int tokens) { return new Sample(index, text, tune, null, tokens); }

    public static Sample invalid(int index, String text, String reason, int tokens) { return new Sample(index, text, null, reason, tokens); }

    public boolean isValid() { return tune != null; }

    public Optional<Tune> asTune() { return Optional.ofNullable(tune); }

    @Override
    public String toString() {
        return isValid() ? "Sample " + index + ": " + tune : "Sample " + index + " (invalid: " + invalidReason + "): "
                + (text.length() > 80 ? text.substring(0, 80) + "…" : text).replace('\n', ' ');
    }
}
