package tunesmith.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import org.jfree.chart.ChartFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tunesmith.notation.AbcReader;
import tunesmith.notation.AbcWriter;
import tunesmith.chart.Chart;
import tunesmith.corpus.Corpus;
import tunesmith.midi.Midi;
import tunesmith.midi.WavRender;
import tunesmith.model.History;
import tunesmith.train.TrainingEvent;
import tunesmith.music.Tune;
import tunesmith.sample.Sample;
import tunesmith.sample.Samples;

class NotebookDisplayTest {

    /** A marker inside abcjs's own code (its signature line), so each inlined copy counts once. */
    static final String ABCJS_CODE = "c.signature=\"abcjs-basic v\"";

    static Corpus starter;

    @BeforeAll
    static void load() { starter = Corpus.load("starter"); }

    static String html(MimeBundle b) {
        String h = b.get(MimeBundle.HTML);
        assertNotNull(h, "no text/html in " + b.data().keySet());
        return h;
    }

    static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) n++;
        return n;
    }

    static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    /** The ABC shown in the tune's {@code <pre>}, as the browser reads it. */
    static String preAbc(String html) {
        Matcher m = Pattern.compile("<summary>ABC</summary>\\n<pre>(.*?)</pre>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "no ABC <pre> in the HTML");
        return m.group(1);
    }

    @Test
    void tuneBundleHasTextSheetAudioAndAbc() {
        Tune kesh = starter.tune("The Kesh");
        MimeBundle b = new NotebookDisplay().bundle(kesh);
        assertEquals(kesh.toString(), b.get(MimeBundle.TEXT));
        String h = html(b);
        assertTrue(h.contains("class=\"tunesmith-sheet\""), "a div for abcjs to draw in");
        assertTrue(h.contains("ABCJS.renderAbc("), "the draw call");
        assertTrue(h.contains("<audio controls"), "an audio player");
        assertTrue(h.contains("href=\"data:audio/midi;base64,"), "a MIDI download");
        assertTrue(h.contains("<details class=\"tunesmith-abc\"") && h.contains(" open><summary>ABC</summary>"),
                "the ABC is open until a script folds it, so an untrusted notebook shows it");
        assertEquals(AbcWriter.write(kesh), unescape(preAbc(h)));
    }

    @Test
    void everyBundleHasUsefulPlainText() {
        Tune kesh = starter.tune("The Kesh");
        Samples samples = new Samples(List.of(Sample.valid(1, AbcWriter.write(kesh), kesh, 120),
                Sample.invalid(2, "X:1\nK:G\nab|c", "no meter", 7)), "temperature 0.9");
        Table table = Table.create("t", IntColumn.indexColumn("n", 3, 0));
        History history = new History(List.of(new TrainingEvent.Epoch(1, 2.0, 2.1, 0.3, 0.3, 0.002, 1, 1000, true)));
        NotebookDisplay d = new NotebookDisplay();
        Map<Object, String> expected = new java.util.LinkedHashMap<>();
        expected.put(kesh, kesh.toString());
        expected.put(samples, samples.toString());
        expected.put(samples.get(1), samples.get(1).toString());
        expected.put(starter, starter.toString());
        expected.put(table, table.toString());
        expected.put(history, history.toString());
        expected.put(Midi.of(kesh), Midi.of(kesh).toString());
        expected.put(42, "42");
        expected.put("some text", "some text");
        expected.put(List.of(), "[]");
        for (var e : expected.entrySet()) {
            MimeBundle b = d.bundle(e.getKey());
            assertEquals(e.getValue(), b.get(MimeBundle.TEXT), "text/plain of " + e.getKey().getClass().getSimpleName());
        }
        assertEquals("null", d.bundle(null).get(MimeBundle.TEXT));
        assertEquals(Set.of(MimeBundle.TEXT), d.bundle(42).data().keySet(), "anything else is text only");
        String list = d.bundle(List.of(kesh, starter.get(0))).get(MimeBundle.TEXT);
        assertEquals("2 tunes\n  " + kesh + "\n  " + starter.get(0), list);
    }

    @Test
    void abcjsTravelsOncePerSessionGuardedAgainstRequireJs() {
        NotebookDisplay session = new NotebookDisplay();
        List<String> htmls = new ArrayList<>();
        htmls.add(html(session.bundle(starter.get(0))));
        htmls.add(html(session.bundle(starter.get(1))));
        htmls.add(html(session.bundle(List.of(starter.get(2), starter.get(3)))));
        htmls.add(html(session.bundle(starter.table())));
        htmls.add(html(session.bundle(starter.get(4))));
        assertEquals(1, occurrences(htmls.get(0), ABCJS_CODE), "the first tune brings abcjs");
        for (String h : htmls.subList(1, htmls.size())) assertEquals(0, occurrences(h, ABCJS_CODE), "later outputs use the page's ABCJS");
        String first = htmls.get(0);
        int hide = first.indexOf("window.define = undefined;"), code = first.indexOf(ABCJS_CODE), restore = first.indexOf("window.define = savedDefine;");
        assertTrue(first.contains("var savedDefine = window.define;"), "require.js's define is saved");
        assertTrue(hide >= 0 && hide < code && code < restore, "define hidden before abcjs runs and put back after it");
        assertTrue(first.substring(code, restore).contains("} finally {"), "restored even when abcjs throws");

        NotebookDisplay another = new NotebookDisplay();
        assertEquals(1, occurrences(html(another.bundle(starter.get(5))), ABCJS_CODE), "a new session (kernel restart) brings it again");
        assertEquals(1, occurrences(html(Display.bundle(starter.get(5))), ABCJS_CODE), "the stateless entry always brings it");
        assertEquals(1, occurrences(html(Display.bundle(starter.get(5))), ABCJS_CODE));
    }

    @Test
    void elementIdsAreUniqueWithinAndAcrossSessions() {
        Set<String> ids = new HashSet<>();
        Pattern id = Pattern.compile(" id=\"([^\"]+)\"");
        int count = 0;
        for (NotebookDisplay d : List.of(new NotebookDisplay(), new NotebookDisplay())) {
            for (Object v : List.of(starter.get(0), starter.get(0), List.of(starter.get(1), starter.get(1)))) {
                Matcher m = id.matcher(html(d.bundle(v)));
                while (m.find()) { ids.add(m.group(1)); count++; }
            }
        }
        assertEquals(24, count, "sheet, abc and the tune's div, for 8 tunes");
        assertEquals(count, ids.size(), "every id is new");
    }

    @Test
    void audioIsAPlayableSmallWavOfTheTune() throws Exception {
        Tune kesh = starter.tune("The Kesh");
        String h = html(new NotebookDisplay().bundle(kesh));
        Matcher m = Pattern.compile("<audio controls preload=\"metadata\" src=\"data:audio/wav;base64,([A-Za-z0-9+/=]+)\"").matcher(h);
        assertTrue(m.find(), "a WAV data URI");
        byte[] wav = Base64.getDecoder().decode(m.group(1));
        AudioFileFormat f = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(wav));
        assertEquals(AudioFileFormat.Type.WAVE, f.getType());
        AudioFormat af = f.getFormat();
        assertEquals(11_025f, af.getSampleRate());
        assertEquals(1, af.getChannels());
        assertEquals(16, af.getSampleSizeInBits());
        long expected = WavRender.of(kesh).mono().frames() / 4;
        assertEquals(expected, f.getFrameLength(), "the whole tune with its release tail, at a quarter of 44.1 kHz");
        assertTrue(expected > 5 * 11_025, "The Kesh plays for more than 5 s, was " + expected / 11_025.0);
        // not silence: some sample is loud
        int peak = 0;
        for (int i = 44; i + 1 < wav.length; i += 2) peak = Math.max(peak, Math.abs((short) ((wav[i] & 0xFF) | (wav[i + 1] << 8))));
        assertTrue(peak > 1000, "peak " + peak);
        assertFalse(h.contains("(the first "), "not capped");
    }

    @Test
    void longTunesPlayTheirFirstMinuteAndSaySo() throws Exception {
        // 24 bars of 4/4 at 1/4 = 60: 96 s
        Tune slow = AbcReader.readTune("X:1\nT:Slow air\nM:4/4\nL:1/4\nQ:1/4=60\nK:D\n" + "DEFG|ABcd|".repeat(12) + "\n");
        AudioPreview p = AudioPreview.of(Midi.of(slow));
        assertTrue(p.capped());
        assertEquals(60.0, p.seconds(), 1e-3);
        assertEquals(97.0, p.fullSeconds(), 0.01, "96 s of music and 1 s of release");
        AudioFileFormat f = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(p.wav()));
        assertEquals(60 * 11_025, f.getFrameLength());
        assertTrue(html(new NotebookDisplay().bundle(slow)).contains("(the first 1:00 of 1:37)"));
    }

    @Test
    void multiVoiceTunesKeepEveryVoiceInTheirAbc() {
        Tune duet = AbcReader.readTune("X:1\nT:Duet\nM:4/4\nL:1/4\nK:G\nV:1\nGABc|d4|]\nV:2 clef=bass\nG,,B,,D,G,|G,4|]\n");
        String abc = unescape(preAbc(html(new NotebookDisplay().bundle(duet))));
        assertTrue(abc.contains("V:1") && abc.contains("V:2"), abc);
        assertEquals(AbcWriter.write(duet), abc);
    }

    @Test
    void abcIsEscapedInThePre() {
        Tune t = starter.get(0).withTitle("Fish <&> Chips");
        String h = html(new NotebookDisplay().bundle(t));
        String pre = preAbc(h);
        assertTrue(pre.contains("T:Fish &lt;&amp;&gt; Chips"), pre);
        assertFalse(h.contains("<&>"), "no raw markup from the tune reaches the page");
        assertEquals(AbcWriter.write(t), unescape(pre), "the browser reads back exactly the ABC");
        assertTrue(AbcWriter.write(t).contains("T:Fish <&> Chips"));
    }

    @Test
    void invalidSamplesShowTheirReasonAndText() {
        Sample bad = Sample.invalid(3, "X:1\nK:G\n<ab|c", "bar 1 is too long & has no meter", 9);
        String h = html(new NotebookDisplay().bundle(bad));
        assertTrue(h.contains("Sample 3 (9 tokens): not valid ABC</b>: bar 1 is too long &amp; has no meter"), h);
        assertTrue(h.contains("<pre>X:1\nK:G\n&lt;ab|c</pre>"), h);
        assertFalse(h.contains("tunesmith-sheet"), "nothing to draw");
        assertFalse(h.contains(ABCJS_CODE), "no abcjs for a page without music");
    }

    @Test
    void samplesShowEachSampleAndTheCount() {
        Tune kesh = starter.tune("The Kesh");
        Samples s = new Samples(List.of(Sample.valid(1, AbcWriter.write(kesh), kesh, 120),
                Sample.invalid(2, "X:1\nK:G\nab|c", "no meter", 7)), "temperature 0.9");
        String h = html(new NotebookDisplay().bundle(s));
        assertTrue(h.contains("Samples (temperature 0.9): 1 of 2 valid"), h);
        assertEquals(1, occurrences(h, "class=\"tunesmith-sheet\""));
        assertEquals(1, occurrences(h, "class=\"tunesmith-invalid\""));
    }

    @Test
    void longListsDrawTheFirstItemsAndNameTheRest() {
        List<Tune> tunes = starter.tunes().subList(0, NotebookDisplay.MAX_ITEMS + 2);
        String h = html(new NotebookDisplay().bundle(tunes));
        assertEquals(NotebookDisplay.MAX_ITEMS, occurrences(h, "class=\"tunesmith-sheet\""));
        assertTrue(h.contains("… and 2 more, not drawn"), "says what is left out");
        assertTrue(h.contains(Html.escape(tunes.get(NotebookDisplay.MAX_ITEMS + 1).toString())), "names the rest");
    }

    static Table numbers(int rows) {
        return Table.create("numbers", IntColumn.indexColumn("n", rows, 0),
                StringColumn.create("word", java.util.stream.IntStream.range(0, rows).mapToObj(i -> "w" + i).toArray(String[]::new)));
    }

    static boolean hasRow(String html, int n) { return html.contains("<tr><th>" + n + "</th><td>" + n + "</td><td>w" + n + "</td></tr>"); }

    @Test
    void longTablesShowHeadTailAndRowCount() {
        String h = html(new NotebookDisplay().bundle(numbers(100)));
        assertTrue(h.contains("<caption>numbers: 100 rows × 2 columns (n integer, word string)</caption>"), h);
        assertTrue(h.contains("<th>n</th><th>word</th>"), "column names");
        for (int r = 0; r < 10; r++) assertTrue(hasRow(h, r), "head row " + r);
        for (int r = 95; r < 100; r++) assertTrue(hasRow(h, r), "tail row " + r);
        for (int r = 10; r < 95; r++) assertFalse(hasRow(h, r), "row " + r + " is elided");
        assertTrue(h.contains("… 85 more rows …"), h);
        assertEquals(15, Pattern.compile("<tr><th>\\d+</th>").matcher(h).results().count(), "15 data rows");
    }

    @Test
    void smallTablesShowWhole() {
        String h = html(new NotebookDisplay().bundle(numbers(15)));
        for (int r = 0; r < 15; r++) assertTrue(hasRow(h, r), "row " + r);
        assertFalse(h.contains("more row"), h);
        assertTrue(h.contains("15 rows × 2 columns"));
        assertTrue(html(new NotebookDisplay().bundle(numbers(1))).contains("1 row × 2 columns"));
    }

    @Test
    void tableCellsAreEscaped() {
        Table t = Table.create("t<", StringColumn.create("a&b", new String[]{"<script>x</script>"}));
        String h = html(new NotebookDisplay().bundle(t));
        assertTrue(h.contains("<td>&lt;script&gt;x&lt;/script&gt;</td>") && h.contains("<th>a&amp;b</th>") && h.contains("t&lt;: 1 row"), h);
    }

    @Test
    void corpusShowsSummaryAndTable() {
        String h = html(new NotebookDisplay().bundle(starter));
        assertTrue(h.contains(Html.escape(starter.toString())));
        assertTrue(h.contains(starter.size() + " rows × 11 columns"), h);
        assertTrue(h.contains("<td>" + Html.escape(starter.get(0).title()) + "</td>"), "first tune's title");
    }

    @Test
    void exceptionsSayWhatFailedWhyAndKeepTheTraceFolded() {
        Tune kesh = starter.tune("The Kesh");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Midi.of(kesh).program(200));
        MimeBundle b = new NotebookDisplay().bundle(e);
        String text = b.get(MimeBundle.TEXT);
        String firstLine = text.lines().findFirst().orElseThrow();
        assertEquals("IllegalArgumentException in Midi.program: " + e.getMessage(), firstLine);
        assertTrue(text.lines().count() <= 3, "short: " + text);
        assertFalse(text.contains("\tat "), "no stack trace in the text");
        String h = html(b);
        assertTrue(h.contains("<b>IllegalArgumentException</b> in <code>Midi.program</code>: " + Html.escape(e.getMessage())), h);
        int details = h.indexOf("<details><summary>Stack trace</summary>");
        assertTrue(details > 0, "the trace is folded");
        assertTrue(h.indexOf("at tunesmith.midi.Midi.program(Midi.java:") > details, "the full trace is inside the fold");
        assertFalse(h.contains("<details open"), "closed");
    }

    @Test
    void exceptionsWithCausesAndWellKnownTypesGetAHint() {
        RuntimeException wrapped = new RuntimeException("Training failed", new OutOfMemoryError("Java heap space"));
        String text = new NotebookDisplay().bundle(wrapped).get(MimeBundle.TEXT);
        assertTrue(text.contains("caused by OutOfMemoryError: Java heap space"), text);
        assertTrue(text.contains("What to do: Java ran out of memory"), text);
        String npe = new NotebookDisplay().bundle(new NullPointerException()).get(MimeBundle.TEXT);
        assertTrue(npe.startsWith("NullPointerException in NotebookDisplayTest.exceptionsWithCausesAndWellKnownTypesGetAHint: (no message)"), npe);
        assertTrue(npe.contains("A value was null"), npe);
    }

    @Test
    void chartsArePngAndSvgOnRequest() throws Exception {
        Chart c = Chart.of(() -> ChartFactory.createLineChart("Loss", "epoch", "nats", null));
        MimeBundle png = new NotebookDisplay().bundle(c);
        assertEquals(c.toString(), png.get(MimeBundle.TEXT));
        var image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png.get(MimeBundle.PNG))));
        assertEquals(720, image.getWidth());
        MimeBundle svg = new NotebookDisplay().bundle(c.svgImage());
        assertTrue(svg.get(MimeBundle.SVG).contains("<svg"), "image/svg+xml");
        assertTrue(svg.get(MimeBundle.TEXT).startsWith("SVG \"Loss\" (720x400"), svg.get(MimeBundle.TEXT));
        assertNull(svg.get(MimeBundle.PNG));
    }

    @Test
    void historyShowsLossChartAndTable() {
        History h = new History(List.of(new TrainingEvent.Epoch(1, 2.0, 2.1, 0.3, 0.3, 0.002, 1, 1000, false),
                new TrainingEvent.Epoch(2, 1.5, 1.7, 0.4, 0.35, 0.002, 1, 1000, true)));
        String html = html(new NotebookDisplay().bundle(h));
        assertTrue(html.contains("<img alt=\"Chart") && html.contains("src=\"data:image/png;base64,"), "loss chart");
        assertTrue(html.contains("history: 2 rows × 8 columns"), html);
    }

    @Test
    void mimeBundlesPassThroughAndRichFailuresFallBackToText() {
        MimeBundle own = MimeBundle.text("x").with(MimeBundle.HTML, "<b>x</b>");
        assertEquals(own, new NotebookDisplay().bundle(own));
        int[] calls = {0};
        Chart broken = Chart.of(() -> {
            if (calls[0]++ > 0) throw new IllegalStateException("no data any more");
            return ChartFactory.createLineChart("Broken", "x", "y", null);
        });
        MimeBundle b = new NotebookDisplay().bundle(broken);
        assertEquals(broken.toString(), b.get(MimeBundle.TEXT), "the value is still shown");
        assertTrue(html(b).contains("Rich display failed: IllegalStateException"), html(b));
        assertTrue(html(b).contains("no data any more"));
    }
}
