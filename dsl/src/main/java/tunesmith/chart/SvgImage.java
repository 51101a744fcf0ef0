package tunesmith.chart;

import java.util.Objects;

/**
 * A chart drawn as an SVG document, as a value: a notebook shows it as a vector image
 * ({@code image/svg+xml}) where a plain {@code String} of SVG would print as text. Immutable.
 *
 * <pre>{@code
 * Charts.loss(history).svgImage()     // last in a notebook cell: drawn sharp at any zoom
 * }</pre>
 */
public record SvgImage(String title, String document, int width, int height) {

    public SvgImage {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(document, "document");
    }

    /** {@code SVG "Loss" (720x400, 41 kB)} */
    @Override
    public String toString() {
        return "SVG \"" + title + "\" (" + width + "x" + height + ", " + Math.max(1, document.length() / 1000) + " kB)";
    }
}
