package tunesmith.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.notation.AbcReader;
import tunesmith.notation.AbcWriter;
import tunesmith.corpus.Corpus;
import tunesmith.music.Tune;
import tunesmith.sample.Sample;
import tunesmith.sample.Samples;

/**
 * Display bundles in a real browser (headless Debian chromium): pages made of the outputs' HTML,
 * scripts included, as a notebook's HTML export holds them. Checks that abcjs drew a staff for
 * every tune, and that it still does on a page where require.js's {@code define} is present.
 */
class NotebookBrowserTest {

    static Corpus starter;
    static HeadlessChromium chromium;

    @TempDir Path dir;

    @BeforeAll
    static void setUp() {
        chromium = HeadlessChromium.require();
        starter = Corpus.load("starter");
    }

    static Path page(Path dir, String name, String head, List<String> bodies) throws Exception {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(name).append("</title>\n")
                .append(head).append("</head>\n<body style=\"width:900px\">\n");
        for (String body : bodies) b.append(body).append('\n');
        Path file = dir.resolve(name + ".html");
        Files.writeString(file, b.append("</body></html>\n").toString());
        return file;
    }

    /** The DOM of each drawn tune, in page order: from one tune's div to the next. */
    static List<String> tunes(String dom) {
        List<String> out = new ArrayList<>();
        String marker = "<div class=\"tunesmith-tune\"";
        int at = dom.indexOf(marker);
        while (at >= 0) {
            int next = dom.indexOf(marker, at + 1);
            out.add(dom.substring(at, next < 0 ? dom.length() : next));
            at = next;
        }
        return out;
    }

    static int count(String text, String regex) { return (int) Pattern.compile(regex).matcher(text).results().count(); }

    static void assertDrawn(String tuneDom, String what) {
        assertTrue(tuneDom.contains("<svg"), what + ": no SVG drawn");
        assertTrue(count(tuneDom, "class=\"abcjs-staff[ \"]") >= 1, what + ": no staff lines drawn by abcjs");
        assertTrue(count(tuneDom, "class=\"abcjs-note[ \"]") >= 4, what + ": no notes drawn by abcjs");
        assertTrue(tuneDom.contains("<details class=\"tunesmith-abc\"") && !Pattern.compile("<details class=\"tunesmith-abc\"[^>]* open").matcher(tuneDom).find(),
                what + ": the ABC should be folded once the staff is drawn");
    }

    @Test
    void everyTuneOfASessionIsDrawnAsStaffNotation() throws Exception {
        NotebookDisplay session = new NotebookDisplay();
        Tune duet = AbcReader.readTune("X:1\nT:Duet\nM:4/4\nL:1/4\nK:G\nV:1\nGABc|d4|]\nV:2 clef=bass\nG,,B,,D,G,|G,4|]\n");
        Tune kesh = starter.tune("The Kesh");
        Tune odd = starter.get(1).withTitle("Fish <&> Chips");
        Samples samples = new Samples(List.of(Sample.valid(1, AbcWriter.write(kesh), kesh, 120),
                Sample.invalid(2, "X:1\nK:G\nab|c", "no meter", 7)), "temperature 0.9");
        List<String> outputs = List.of(
                session.bundle(starter.get(0)).get(MimeBundle.HTML),
                session.bundle(starter.table()).get(MimeBundle.HTML),
                session.bundle(duet).get(MimeBundle.HTML),
                session.bundle(List.of(kesh, odd)).get(MimeBundle.HTML),
                session.bundle(samples).get(MimeBundle.HTML));
        String dom = chromium.dumpDom(page(dir, "session", "", outputs));
        List<String> drawn = tunes(dom);
        assertEquals(5, drawn.size(), "tunes on the page");
        for (int i = 0; i < drawn.size(); i++) assertDrawn(drawn.get(i), "tune " + (i + 1));
        // the duet: two staves per system, one of them a bass clef
        assertTrue(count(drawn.get(1), "abcjs-v1") > 0, "second voice drawn");
        assertTrue(drawn.get(3).contains("Fish &lt;&amp;&gt; Chips"), "the escaped title reaches the page as text");
        assertEquals(0, count(dom, "class=\"tunesmith-sheet\"[^>]*>Sheet music not drawn"), "abcjs was there for every tune");
    }

    @Test
    void aTuneWithoutAbcjsOnThePageSaysWhyAndKeepsItsAbcOpen() throws Exception {
        NotebookDisplay session = new NotebookDisplay();
        session.bundle(starter.get(0)); // brought abcjs, but that output is not on this page (cleared)
        String later = session.bundle(starter.tune("The Kesh")).get(MimeBundle.HTML);
        String dom = chromium.virtualTime(20_000).dumpDom(page(dir, "cleared", "", List.of(later)));
        String tune = tunes(dom).get(0);
        assertEquals(1, count(tune, "class=\"tunesmith-sheet\"[^>]*>Sheet music not drawn: abcjs is not on this page"), tune);
        assertFalse(tune.contains("<svg"));
        assertTrue(Pattern.compile("<details class=\"tunesmith-abc\"[^>]* open").matcher(tune).find(), "the ABC stays open");
    }

    /** {@code text} as a JavaScript string literal that is safe inside a {@code <script>} element. */
    static String jsString(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c == '\n') b.append("\\n");
            else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    @Test
    void drawsWhenScriptsRunAsTheClassicNotebookRunsThem() throws Exception {
        // jQuery's html(): the markup goes in without running its scripts; each script then runs as a
        // new <script> in <head>, removed at once, so document.currentScript is not in the output
        NotebookDisplay session = new NotebookDisplay();
        List<String> outputs = List.of(session.bundle(starter.get(0)).get(MimeBundle.HTML), session.bundle(starter.get(1)).get(MimeBundle.HTML));
        StringBuilder harness = new StringBuilder("<div id=\"cells\"></div>\n<script>\n");
        for (String html : outputs) {
            harness.append("""
                    (function (html) {
                      var out = document.createElement("div");
                      document.getElementById("cells").appendChild(out);
                      out.innerHTML = html;
                      out.querySelectorAll("script").forEach(function (old) {
                        var s = document.createElement("script");
                        s.text = old.text;
                        document.head.appendChild(s);
                        document.head.removeChild(s);
                      });
                    })(""").append(jsString(html)).append(");\n");
        }
        String dom = chromium.dumpDom(page(dir, "classic", "", List.of(harness.append("</script>\n").toString())));
        List<String> drawn = tunes(dom);
        assertEquals(2, drawn.size());
        for (int i = 0; i < drawn.size(); i++) assertDrawn(drawn.get(i), "tune " + (i + 1));
    }

    /** A page that has require.js's define (classic Notebook, nbconvert's templates) before the first output. */
    static final String FAKE_REQUIRE = """
            <script>
              window.amdModules = 0;
              window.define = function (deps, factory) { window.amdModules++; };
              window.define.amd = {};
              window.fakeDefine = window.define;
            </script>
            """;

    static final String REPORT = """
            <script>
              document.body.setAttribute("data-abcjs", typeof window.ABCJS);
              document.body.setAttribute("data-define-restored", String(window.define === window.fakeDefine));
              document.body.setAttribute("data-amd-modules", String(window.amdModules));
            </script>
            """;

    static String attribute(String dom, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
        assertTrue(m.find(), "no " + name + " on the page");
        return m.group(1);
    }

    @Test
    void abcjsLoadsAndDrawsUnderRequireJs() throws Exception {
        String first = new NotebookDisplay().bundle(starter.tune("The Kesh")).get(MimeBundle.HTML);
        String dom = chromium.dumpDom(page(dir, "amd", FAKE_REQUIRE, List.of(first, REPORT)));
        assertEquals("object", attribute(dom, "data-abcjs"), "window.ABCJS defined in spite of define.amd");
        assertEquals("true", attribute(dom, "data-define-restored"), "require.js's define is put back");
        assertEquals("0", attribute(dom, "data-amd-modules"), "abcjs did not register itself with require.js");
        assertDrawn(tunes(dom).get(0), "The Kesh");
    }

    @Test
    void withoutTheGuardRequireJsWouldTakeAbcjs() throws Exception {
        // the control for the test above: abcjs loaded plainly on the same page goes to define, not to window
        String code = new String(NotebookDisplay.class.getResourceAsStream("abcjs-basic-min.js").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String dom = chromium.dumpDom(page(dir, "unguarded", FAKE_REQUIRE, List.of("<script>" + code + "</script>", REPORT)));
        assertEquals("undefined", attribute(dom, "data-abcjs"));
        assertEquals("1", attribute(dom, "data-amd-modules"));
    }
}
