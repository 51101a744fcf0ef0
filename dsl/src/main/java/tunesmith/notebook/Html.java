package tunesmith.notebook;

/** The little HTML the displays need: escaping text, and data URIs. */
final class Html {

    private Html() { }

    /** Text as HTML element content or a quoted attribute value. */
    static String escape(String text) {
        if (text == null) return "";
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** {@code data:MIME;base64,...}: the bytes inside the page, so it works offline and in an exported file. */
    static String dataUri(String mime, byte[] bytes) {
        return "data:" + mime + ";base64," + java.util.Base64.getEncoder().encodeToString(bytes);
    }

    /** A file name safe on every system, from a tune title. */
    static String fileName(String title, String extension) {
        String base = title == null ? "" : title.replaceAll("[^\\p{L}\\p{N} ._-]+", "").strip();
        if (base.isEmpty()) base = "tune";
        if (base.length() > 60) base = base.substring(0, 60).strip();
        return base + "." + extension;
    }
}
