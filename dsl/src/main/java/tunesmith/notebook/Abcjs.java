package tunesmith.notebook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * abcjs, the JavaScript library that draws ABC as sheet music (SVG) in the browser. The build
 * fetches it from the npm registry at a pinned version and puts it beside this class
 * ({@code abcjs-basic-min.js}, its licence {@code abcjs-LICENSE.md}); it is never committed.
 */
final class Abcjs {

    private static final String SCRIPT = "abcjs-basic-min.js";

    private Abcjs() { }

    /** The abcjs version built in, e.g. "6.7.2". */
    static String version() { return Holder.VERSION; }

    /**
     * A {@code <script>} that defines {@code window.ABCJS} unless the page has it already. Guarded
     * against require.js (the classic Notebook and nbconvert's templates load it): abcjs is a UMD
     * bundle, and with an AMD {@code define} present it would register itself as an anonymous
     * module (which require.js then rejects) instead of setting {@code window.ABCJS}. So
     * {@code define} is hidden while abcjs runs and put back afterwards, even if abcjs throws.
     */
    static String inlineScript() {
        return "<script>/* abcjs " + version() + " (MIT licence, Paul Rosen and Gregory Dyke), inlined once per kernel session by Tunesmith */\n"
                + "(function () {\n"
                + "  if (window.ABCJS) return;\n"
                + "  var savedDefine = window.define;\n"
                + "  window.define = undefined;\n"
                + "  try {\n"
                + "(function () {\n" + Holder.CODE + "\n}).call(window);\n"
                + "  } finally {\n"
                + "    window.define = savedDefine;\n"
                + "  }\n"
                + "})();\n"
                + "</script>\n";
    }

    /** Read once, on first use: half a megabyte. */
    private static final class Holder {
        static final String CODE = read(SCRIPT);
        static final String VERSION = readVersion();

        private static String read(String name) {
            try (InputStream in = Abcjs.class.getResourceAsStream(name)) {
                if (in == null) throw new IllegalStateException("abcjs (" + name + ") is missing from the classpath beside "
                        + Abcjs.class.getName() + ", so notebooks cannot draw sheet music. The Maven build fetches it from the npm "
                        + "registry (dsl/pom.xml, maven-antrun-plugin execution 'abcjs'); rebuild with `mvn -B package` once online.");
                String code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                // inside <script> the HTML parser ends the element at the first "</script"; abcjs has none today, keep it so
                if (code.toLowerCase(java.util.Locale.ROOT).contains("</script"))
                    throw new IllegalStateException("abcjs (" + name + ") contains '</script', which would end the inline script early");
                return code;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read abcjs (" + name + ") from the classpath: " + e.getMessage(), e);
            }
        }

        private static String readVersion() {
            try (InputStream in = Abcjs.class.getResourceAsStream("abcjs.properties")) {
                if (in == null) return "?";
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "?");
            } catch (IOException e) {
                return "?";
            }
        }
    }
}
