package tunesmith.corpus;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import tunesmith.music.Meter;
import tunesmith.music.Tune;

/**
 * The dance or song type of a tune as one normalised word ("reel", "jig", "slip jig", ...).
 * Tunebooks spell R: many ways ("Jig", "double jig", "slipjig"), Ryan's puts it in the title
 * ("-- Reel") and the Nottingham database leaves it out, so the meter decides as a last resort.
 */
public final class Rhythms {

    /** Rhythm names as tables show them. */
    public static final List<String> KNOWN = List.of("reel", "jig", "slip jig", "hornpipe", "polka", "air", "waltz",
            "strathspey", "march", "slide", "clog", "mazurka", "schottische", "barndance", "set dance", "song");

    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("double jig", "jig"), Map.entry("single jig", "jig"), Map.entry("jigs", "jig"),
            Map.entry("slipjig", "slip jig"), Map.entry("slip-jig", "slip jig"), Map.entry("reels", "reel"),
            Map.entry("hornpipes", "hornpipe"), Map.entry("polkas", "polka"), Map.entry("airs", "air"),
            Map.entry("waltzes", "waltz"), Map.entry("valse", "waltz"), Map.entry("hop jig", "slip jig"),
            Map.entry("barn dance", "barndance"), Map.entry("long dance", "set dance"), Map.entry("setdance", "set dance"));

    private Rhythms() {}

    /** The normalised rhythm: R: if it names one, else a word in the title, else a guess from the meter, else "". */
    public static String of(Tune tune) {
        String r = normalise(tune.field('R').orElse(""));
        if (!r.isEmpty() && KNOWN.contains(r)) return r;
        String fromTitle = fromText(tune.title());
        if (!fromTitle.isEmpty()) return fromTitle;
        if (!r.isEmpty()) return r;
        return fromMeter(tune.meter());
    }

    static String normalise(String raw) {
        String s = raw.toLowerCase(Locale.ROOT).replaceAll("[\\[\\]().,;:!\"]", " ").strip().replaceAll("\\s+", " ");
        if (s.isEmpty()) return "";
        String syn = SYNONYMS.get(s);
        if (syn != null) return syn;
        if (KNOWN.contains(s)) return s;
        String t = fromText(s);
        return t.isEmpty() ? s : t;
    }

    private static String fromText(String text) {
        String s = " " + text.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", " ") + " ";
        if (s.contains(" slip jig") || s.contains(" slipjig") || s.contains(" hop jig")) return "slip jig";
        for (Map.Entry<String, String> e : SYNONYMS.entrySet()) if (s.contains(" " + e.getKey() + " ")) return e.getValue();
        for (String k : KNOWN) if (s.contains(" " + k + " ")) return k;
        return "";
    }

    private static String fromMeter(Meter m) {
        if (m.isFree()) return "";
        return switch (m.text()) {
            case "6/8" -> "jig";
            case "9/8" -> "slip jig";
            case "12/8" -> "slide";
            default -> "";
        };
    }
}
