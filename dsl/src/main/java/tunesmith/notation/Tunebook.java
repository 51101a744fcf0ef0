package tunesmith.notation;

import java.util.List;
import tunesmith.music.Tune;

/** The tunes read from one ABC file (or text), with the report of what was skipped and why. */
public record Tunebook(String source, List<Tune> tunes, LoadReport report) {

    public Tunebook {
        tunes = List.copyOf(tunes);
    }

    public int size() { return tunes.size(); }

    public Tune get(int index) { return tunes.get(index); }

    /** The tune with reference number {@code x}. */
    public Tune x(int x) {
        return tunes.stream().filter(t -> t.x() == x).findFirst().orElseThrow(() ->
                new IllegalArgumentException("No tune X:" + x + " in " + source));
    }

    /** The first tune whose title contains {@code text}, ignoring case. */
    public Tune tune(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        return tunes.stream().filter(u -> u.titles().stream().anyMatch(s -> s.toLowerCase(java.util.Locale.ROOT).contains(t)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("No tune titled like '" + text + "' in " + source));
    }

    @Override
    public String toString() {
        return "Tunebook " + source + ": " + report;
    }
}
