package tunesmith.notebook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One value as a notebook shows it: MIME type to content (text, or base64 for binary types),
 * always with a {@code text/plain} fallback. Immutable.
 */
public record MimeBundle(Map<String, String> data) {

    public static final String TEXT = "text/plain";
    public static final String HTML = "text/html";
    public static final String PNG = "image/png";
    public static final String SVG = "image/svg+xml";

    public MimeBundle {
        Objects.requireNonNull(data, "data");
        if (!data.containsKey(TEXT)) throw new IllegalArgumentException("a MIME bundle needs a text/plain fallback; has " + data.keySet());
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** Plain text only. */
    public static MimeBundle text(String text) { return new MimeBundle(Map.of(TEXT, text)); }

    /** This bundle with one more representation. */
    public MimeBundle with(String mime, String content) {
        Map<String, String> m = new LinkedHashMap<>(data);
        m.put(mime, content);
        return new MimeBundle(m);
    }

    public String get(String mime) { return data.get(mime); }
}
