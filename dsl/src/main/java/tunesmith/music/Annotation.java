package tunesmith.music;

/**
 * Quoted text in the music: a chord symbol ({@code "Am"}, placement {@link Placement#CHORD})
 * or an annotation placed above, below, left, right or anywhere ({@code "^text"}).
 * Never a note: chord symbols are kept as text for accompaniment and display.
 */
public record Annotation(Placement placement, String text) implements Element {

    public enum Placement {
        CHORD(""), ABOVE("^"), BELOW("_"), LEFT("<"), RIGHT(">"), ANY("@");
        private final String prefix;
        Placement(String prefix) { this.prefix = prefix; }
        public String prefix() { return prefix; }
    }

    public boolean isChordSymbol() { return placement == Placement.CHORD; }

    /** ABC text including the quotes. */
    public String abc() { return "\"" + placement.prefix() + text + "\""; }
}
