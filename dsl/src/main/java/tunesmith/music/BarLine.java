package tunesmith.music;

/** The stroke that closes a bar. Repeat dots are kept apart, on {@link Bar}. */
public enum BarLine {
    /** The music stops without a bar line (an unfinished last bar). */
    NONE(""),
    SINGLE("|"),
    DOUBLE("||"),
    /** Thin-thick, the end of a piece: {@code |]}. */
    FINAL("|]"),
    /** Thick-thin, the start of a section: {@code [|}. */
    THICK_THIN("[|"),
    /** A dotted bar line {@code .|}. */
    DOTTED(".|");

    private final String abc;

    BarLine(String abc) { this.abc = abc; }

    public String abc() { return abc; }

    /** Double, final and thick-thin lines close a section: an ending or repeat does not run past them. */
    public boolean closesSection() { return this == DOUBLE || this == FINAL || this == THICK_THIN; }
}
