package tunesmith.music;

import java.util.Locale;

/** The seven diatonic modes. Ionian is major and aeolian is minor, as in ABC's K: field. */
public enum Mode {
    MAJOR("", 0), MINOR("m", -3), DORIAN("dor", -2), PHRYGIAN("phr", -4),
    LYDIAN("lyd", 1), MIXOLYDIAN("mix", -1), LOCRIAN("loc", -5);

    private final String abc;
    private final int fifthsShift;

    Mode(String abc, int fifthsShift) { this.abc = abc; this.fifthsShift = fifthsShift; }

    /** Suffix in a K: field: "" for major, "m" for minor, "dor", "mix", ... */
    public String abc() { return abc; }

    /** Sharps (+) or flats (-) this mode adds to the major key on the same tonic. */
    public int fifthsShift() { return fifthsShift; }

    /** Reads ABC's mode words: only the first three letters count, case is ignored. */
    public static Mode parse(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.isEmpty()) return MAJOR;
        if (w.equals("m")) return MINOR;
        String p = w.length() >= 3 ? w.substring(0, 3) : w;
        return switch (p) {
            case "maj", "ion" -> MAJOR;
            case "min", "aeo" -> MINOR;
            case "dor" -> DORIAN;
            case "phr" -> PHRYGIAN;
            case "lyd" -> LYDIAN;
            case "mix" -> MIXOLYDIAN;
            case "loc" -> LOCRIAN;
            default -> throw new IllegalArgumentException("Unknown mode '" + word
                    + "' (expected major, minor/m/aeolian, dorian, phrygian, lydian, mixolydian, locrian)");
        };
    }

    /** A lower-case word for tables: "major", "minor", "dorian", ... */
    public String word() { return name().toLowerCase(Locale.ROOT); }
}
