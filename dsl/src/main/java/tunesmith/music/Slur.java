package tunesmith.music;

/** The start {@code (} or end {@code )} of a slur. */
public record Slur(boolean start) implements Element {
    public static final Slur OPEN = new Slur(true);
    public static final Slur CLOSE = new Slur(false);
}
