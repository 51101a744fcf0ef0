package tunesmith.music;

/** A written accidental, as ABC spells it. */
public enum Accidental {
    DOUBLE_FLAT(-2, "__"), FLAT(-1, "_"), NATURAL(0, "="), SHARP(1, "^"), DOUBLE_SHARP(2, "^^");

    private final int alter;
    private final String abc;

    Accidental(int alter, String abc) { this.alter = alter; this.abc = abc; }

    /** Semitones this accidental sets the note to, relative to the natural letter. */
    public int alter() { return alter; }

    public String abc() { return abc; }

    public static Accidental forAlter(int alter) {
        return switch (alter) {
            case -2 -> DOUBLE_FLAT;
            case -1 -> FLAT;
            case 0 -> NATURAL;
            case 1 -> SHARP;
            case 2 -> DOUBLE_SHARP;
            default -> throw new IllegalArgumentException("No accidental for an alteration of " + alter + " semitones");
        };
    }
}
