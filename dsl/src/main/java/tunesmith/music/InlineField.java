package tunesmith.music;

/**
 * A field inside the music: {@code [K:G]}, {@code [M:3/4]}, {@code [L:1/16]}, {@code [Q:1/4=90]},
 * {@code [P:B]}, or the same fields on a line of their own ({@code onOwnLine}).
 * Key and meter changes take effect from here on.
 */
public record InlineField(char name, String value, boolean onOwnLine) implements Element {

    public String abc() { return onOwnLine ? name + ":" + value : "[" + name + ":" + value + "]"; }
}
