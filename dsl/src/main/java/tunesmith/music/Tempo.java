package tunesmith.music;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A tempo from a Q: field: beats of a given length per minute, e.g. 1/4=120. */
public record Tempo(Duration beat, int perMinute) {

    public static final Tempo DEFAULT = new Tempo(Duration.QUARTER, 120);
    private static final Pattern BEATS = Pattern.compile("((?:\\d+/\\d+\\s*)+)=\\s*(\\d+)");
    private static final Pattern LEGACY = Pattern.compile("(?:^|\\s)(C\\d*=)?(\\d+)(?:\\s|$)");

    public Tempo {
        if (perMinute <= 0) throw new IllegalArgumentException("Tempo must be positive, was " + perMinute);
    }

    /**
     * Reads a Q: value such as {@code 1/4=120}, {@code "Allegro" 3/8=60}, {@code 1/4 3/8=40}
     * (beats added up) or the legacy {@code 120} (that many unit lengths per minute).
     * Returns null when the value names no speed (e.g. only {@code "Slow"}).
     */
    public static Tempo parse(String value, Duration unitLength) {
        String s = value.replaceAll("\"[^\"]*\"", " ");
        Matcher m = BEATS.matcher(s);
        if (m.find()) {
            Duration beat = Duration.ZERO;
            for (String part : m.group(1).strip().split("\\s+")) beat = beat.plus(Duration.parse(part));
            int bpm = Integer.parseInt(m.group(2));
            return bpm > 0 && beat.isPositive() ? new Tempo(beat, bpm) : null;
        }
        Matcher l = LEGACY.matcher(s.strip());
        if (l.find()) {
            int bpm = Integer.parseInt(l.group(2));
            return bpm > 0 ? new Tempo(unitLength, bpm) : null;
        }
        return null;
    }

    /** Microseconds per quarter note, as a MIDI tempo event wants it. */
    public long microsPerQuarter() {
        // a beat of length b lasts 60e6/bpm µs; a quarter is (1/4)/b beats
        return Math.round(60_000_000.0 / perMinute * (0.25 / beat.toDouble()));
    }

    public String abc() { return beat + "=" + perMinute; }

    @Override
    public String toString() { return abc(); }
}
