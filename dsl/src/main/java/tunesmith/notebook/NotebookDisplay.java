package tunesmith.notebook;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import tech.tablesaw.api.Table;
import tunesmith.notation.AbcWriter;
import tunesmith.chart.Chart;
import tunesmith.chart.Charts;
import tunesmith.chart.SvgImage;
import tunesmith.corpus.Corpus;
import tunesmith.eval.EvaluationReport;
import tunesmith.latent.Interpolation;
import tunesmith.midi.Midi;
import tunesmith.midi.WavRender;
import tunesmith.model.History;
import tunesmith.music.Tune;
import tunesmith.sample.Sample;
import tunesmith.sample.Samples;

/**
 * The rich display of one kernel session: the kernel holds one and asks {@link #bundle} for every
 * cell result and every {@code display(x)}. Each bundle has {@code text/plain} beside its rich
 * forms, so a console frontend, a log or a search still sees the value.
 *
 * <ul>
 * <li>a {@link Tune} (alone, in a list, as a {@link Sample} or {@link Samples}): sheet music drawn
 *     by abcjs, an audio player (a WAV made here, inside the page), a MIDI download, and the ABC
 *     in a {@code <pre>}: open when scripts do not run (an untrusted notebook, a static export),
 *     folded away once abcjs has drawn the staff. Invalid samples show their reason and raw text.
 * <li>an {@link Interpolation}: its latent and data rows side by side, a table row per step, each tune drawn and playable.
 * <li>a {@link Chart}: {@code image/png}; {@link Chart#svgImage()}: {@code image/svg+xml}.
 * <li>a Tablesaw {@link Table}, a {@link Corpus}, a {@link History}, an {@link EvaluationReport}:
 *     HTML tables (head and tail of long ones, with the row count).
 * <li>a {@link TrainingProgress}: a progress bar and the epochs so far.
 * <li>a model card, a pretrained model of the zoo, or a model loaded from it: its card as a table.
 * <li>a {@link Throwable}: what failed and why in a line, what to do, the stack trace folded.
 * <li>a {@link MimeBundle}: itself. Anything else: its {@code toString()}.
 * </ul>
 *
 * <p>Why a session object: abcjs is half a megabyte, so it travels once, in the first output that
 * draws music, and later outputs use the {@code window.ABCJS} it left on the page. A value for a
 * one-off page (a test, an HTML file) is better made with {@link Display#bundle}, which always
 * brings abcjs along. Element ids carry a random session prefix and a counter, so outputs of two
 * kernel sessions in one notebook never collide. Thread-safe.
 */
public final class NotebookDisplay {

    /** Items of a list drawn in full; past that a list names the rest, so one cell cannot make a notebook of hundreds of megabytes. */
    public static final int MAX_ITEMS = 20;

    private final String session = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36);
    private final AtomicLong outputs = new AtomicLong();
    private final boolean alwaysInline;
    private boolean abcjsSent; // guarded by this

    /** A new session: the first output that draws music will carry abcjs. */
    public NotebookDisplay() { this(false); }

    private NotebookDisplay(boolean alwaysInline) { this.alwaysInline = alwaysInline; }

    /** A display that puts abcjs into every output that draws music: for standalone pages. */
    static NotebookDisplay standalone() { return new NotebookDisplay(true); }

    /**
     * The MIME bundle for {@code value}. Never throws for a value it cannot draw richly: it shows
     * the value's text and says what went wrong.
     */
    public MimeBundle bundle(Object value) {
        String text = null;
        try {
            text = text(value);
            if (value instanceof MimeBundle b) return b;
            if (value instanceof Throwable e) return ErrorDisplay.of(e);
            if (value instanceof Chart c) return MimeBundle.text(text).with(MimeBundle.PNG, Base64.getEncoder().encodeToString(c.png()));
            if (value instanceof TrainingProgress p) return p.bundle();
            if (value instanceof SvgImage s) return MimeBundle.text(text).with(MimeBundle.SVG, s.document());
            Output out = new Output();
            String html = html(value, out);
            if (html == null) return MimeBundle.text(text);
            if (out.music && claimAbcjs()) html = Abcjs.inlineScript() + html;
            return MimeBundle.text(text).with(MimeBundle.HTML, "<div class=\"tunesmith\">\n" + html + "</div>\n");
        } catch (RuntimeException e) {
            String shown = text != null ? text : "(a " + value.getClass().getName() + " whose toString() failed)";
            String failure = "Rich display failed: " + ErrorDisplay.headline(e);
            return MimeBundle.text(shown).with(MimeBundle.HTML, "<pre>" + Html.escape(shown) + "</pre>\n<details><summary>"
                    + Html.escape(failure) + "</summary><pre>" + Html.escape(ErrorDisplay.trace(e)) + "</pre></details>\n");
        }
    }

    private synchronized boolean claimAbcjs() {
        if (alwaysInline) return true;
        if (abcjsSent) return false;
        abcjsSent = true;
        return true;
    }

    /** What one bundle needs besides its HTML. */
    private static final class Output {
        boolean music;
    }

    // ---- text/plain -----------------------------------------------------------------------

    private static String text(Object value) {
        if (value instanceof Throwable e) return ErrorDisplay.headline(e);
        if (value instanceof Collection<?> c && !(value instanceof Samples) && !c.isEmpty() && richList(c)) {
            StringBuilder b = new StringBuilder(count(c.size(), noun(c)));
            for (Object o : c) b.append("\n  ").append(o);
            return b.toString();
        }
        return String.valueOf(value);
    }

    // ---- text/html ------------------------------------------------------------------------

    /** The HTML of {@code value}, or null where text is all there is. */
    private String html(Object value, Output out) {
        if (value instanceof Tune t) return tune(t, null, out);
        if (value instanceof Sample s) return sample(s, out);
        if (value instanceof Samples s) return samples(s, out);
        if (value instanceof Midi m) return player(m);
        if (value instanceof WavRender w) return player(w.midi());
        if (value instanceof Corpus c) return corpus(c);
        if (value instanceof Table t) return TableHtml.of(t);
        if (value instanceof History h) return history(h);
        if (value instanceof EvaluationReport r) return evaluation(r);
        if (value instanceof Interpolation i) return interpolation(i, out);
        if (value instanceof tunesmith.modelfile.ModelCard c) return c.html();
        if (value instanceof tunesmith.zoo.Pretrained p) return p.card().html() + "<p><code>" + Html.escape(p.toString().lines().reduce((a, b) -> b).orElse("")) + "</code></p>\n";
        if (value instanceof tunesmith.model.MelodyModel m && m.card().isPresent()) return zooModel(m.toString(), m.card().get());
        if (value instanceof tunesmith.vae.MusicVae m && m.card().isPresent()) return zooModel(m.toString(), m.card().get());
        if (value instanceof Collection<?> c && !c.isEmpty() && richList(c)) return list(c, out);
        return null;
    }

    private static boolean richList(Collection<?> c) {
        return c.stream().allMatch(o -> o instanceof Tune) || c.stream().allMatch(o -> o instanceof Sample)
                || c.stream().allMatch(o -> o instanceof Chart);
    }

    private static String noun(Collection<?> c) {
        Object first = c.iterator().next();
        return first instanceof Tune ? "tune" : first instanceof Sample ? "sample" : "chart";
    }

    private String list(Collection<?> items, Output out) {
        StringBuilder b = new StringBuilder("<p class=\"tunesmith-count\">").append(count(items.size(), noun(items))).append("</p>\n");
        List<String> rest = new ArrayList<>();
        int i = 0;
        for (Object o : items) {
            if (i++ >= MAX_ITEMS) { rest.add(String.valueOf(o)); continue; }
            if (o instanceof Tune t) b.append(tune(t, null, out));
            else if (o instanceof Sample s) b.append(sample(s, out));
            else if (o instanceof Chart c) b.append(image(c));
        }
        return b.append(more(rest)).toString();
    }

    private static String more(List<String> rest) {
        if (rest.isEmpty()) return "";
        StringBuilder b = new StringBuilder("<details class=\"tunesmith-more\"><summary>… and ").append(rest.size())
                .append(" more, not drawn (only the first ").append(MAX_ITEMS).append(" are, to keep the notebook small; show a sublist to see others)</summary>\n<pre>");
        for (String s : rest) b.append(Html.escape(s)).append('\n');
        return b.append("</pre></details>\n").toString();
    }

    /** The two rows of an interpolation side by side, so each step's latent tune sits beside its data-space mixture. */
    private String interpolation(Interpolation in, Output out) {
        StringBuilder b = new StringBuilder("<p class=\"tunesmith-count\">").append(Html.escape(in.toString().lines().findFirst().orElse(""))).append("</p>\n")
                .append("<table class=\"tunesmith-interpolation\" style=\"width:100%;table-layout:fixed;\">\n")
                .append("<tr><th style=\"width:3.5em;\">step</th><th>latent space (spherical path)</th><th>data space (16ths mixed)</th></tr>\n");
        List<String> rest = new ArrayList<>();
        int shown = MAX_ITEMS / 2; // two tunes a row
        for (int k = 0; k < in.steps(); k++) {
            String at = String.format(Locale.ROOT, "%.2f", in.steps() == 1 ? 0.0 : k / (double) (in.steps() - 1));
            if (k >= shown) { rest.add(at + "  latent " + in.latent().get(k) + "  |  data " + in.data().get(k)); continue; }
            b.append("<tr><td style=\"vertical-align:top;\">").append(at).append("</td><td style=\"vertical-align:top;\">")
                    .append(tune(in.latent().get(k), null, out)).append("</td><td style=\"vertical-align:top;\">")
                    .append(tune(in.data().get(k), null, out)).append("</td></tr>\n");
        }
        return b.append("</table>\n").append(more(rest)).toString();
    }

    private static String image(Chart c) {
        return "<img alt=\"" + Html.escape(c.toString()) + "\" src=\"" + Html.dataUri("image/png", c.png()) + "\"/>\n";
    }

    private String samples(Samples s, Output out) {
        StringBuilder b = new StringBuilder("<p class=\"tunesmith-count\">Samples (").append(Html.escape(s.strategy())).append("): ")
                .append(s.tunes().size()).append(" of ").append(s.size()).append(" valid</p>\n");
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            if (i >= MAX_ITEMS) rest.add(s.get(i).toString());
            else b.append(sample(s.get(i), out));
        }
        return b.append(more(rest)).toString();
    }

    private String sample(Sample s, Output out) {
        String heading = "Sample " + s.index() + " (" + s.tokens() + " tokens)";
        if (s.isValid()) return tune(s.tune(), heading, out);
        return "<div class=\"tunesmith-invalid\" style=\"margin:8px 0;\">\n<p style=\"margin:4px 0;\"><b>" + Html.escape(heading)
                + ": not valid ABC</b>: " + Html.escape(s.invalidReason()) + "</p>\n<pre>" + Html.escape(s.text()) + "</pre>\n</div>\n";
    }

    /**
     * One tune: the sheet (drawn by the script at the end), the player, the ABC. The script finds
     * its output as its own parent ({@code document.currentScript}: JupyterLab runs it in place,
     * possibly before the output is in the document) or else by id (the classic Notebook's jQuery
     * runs a copy of it in {@code <head>}, after the output is in the page); waits until the output
     * is attached (abcjs measures text, which needs layout) and until abcjs is there (it may still
     * be loading from an earlier output); draws; and folds the ABC away.
     */
    private String tune(Tune tune, String heading, Output out) {
        out.music = true;
        String id = "tunesmith-" + session + "-" + outputs.incrementAndGet();
        String abc = AbcWriter.write(tune);
        StringBuilder b = new StringBuilder("<div class=\"tunesmith-tune\" id=\"").append(id).append("\" style=\"margin:8px 0;\">\n");
        if (heading != null) b.append("<div style=\"font-weight:bold;\">").append(Html.escape(heading)).append("</div>\n");
        b.append("<div class=\"tunesmith-sheet\" id=\"").append(id).append("-sheet\"></div>\n");
        b.append(audio(Midi.of(tune)));
        b.append("<details class=\"tunesmith-abc\" id=\"").append(id).append("-abc\" open><summary>ABC</summary>\n<pre>")
                .append(Html.escape(abc)).append("</pre>\n</details>\n");
        b.append("<script>\n(function () {\n")
                .append("  var id = \"").append(id).append("\";\n")
                .append("""
                          var me = document.currentScript;
                          var box = me && me.parentNode && me.parentNode.id === id ? me.parentNode : null;
                          var waited = 0;
                          function draw() {
                            if (!box) box = document.getElementById(id);
                            if (!window.ABCJS || !box || !box.isConnected) {
                              if ((waited += 100) <= 15000) { setTimeout(draw, 100); return; }
                              if (!box || window.ABCJS) return;
                              box.querySelector(".tunesmith-sheet").textContent = "Sheet music not drawn: "
                                + "abcjs is not on this page. The first tune shown in a kernel session brings it; if that output was "
                                + "cleared, show this tune again after restarting the kernel, or with tunesmith.notebook.Display.bundle(tune).";
                              return;
                            }
                            var abc = box.querySelector(".tunesmith-abc pre").textContent;
                            window.ABCJS.renderAbc(box.querySelector(".tunesmith-sheet"), abc, { responsive: "resize", add_classes: true });
                            box.querySelector(".tunesmith-abc").open = false;
                          }
                          draw();
                        })();
                        </script>
                        </div>
                        """);
        return b.toString();
    }

    /** An audio player for a tune or a MIDI export; a failure to synthesise costs the sound, not the rest. */
    private static String audio(Midi midi) {
        StringBuilder b = new StringBuilder("<div class=\"tunesmith-audio\">");
        try {
            AudioPreview wav = AudioPreview.of(midi);
            b.append("<audio controls preload=\"metadata\" src=\"").append(Html.dataUri("audio/wav", wav.wav())).append("\"></audio> ");
            b.append("<small>").append(clock(wav.seconds()));
            if (wav.capped()) b.append(" (the first ").append(clock(wav.seconds())).append(" of ").append(clock(wav.fullSeconds())).append(")");
        } catch (RuntimeException e) {
            b.append("<small>No audio: ").append(Html.escape(ErrorDisplay.headline(e)));
        }
        b.append(" · <a download=\"").append(Html.escape(Html.fileName(midi.tune().title(), "mid"))).append("\" href=\"")
                .append(Html.dataUri("audio/midi", midi.bytes())).append("\">MIDI file</a></small></div>\n");
        return b.toString();
    }

    private static String player(Midi midi) {
        return "<p style=\"margin:4px 0;\">" + Html.escape(midi.toString()) + "</p>\n" + audio(midi);
    }

    /** A model from the zoo: its card, under the model's own line. */
    private static String zooModel(String text, tunesmith.modelfile.ModelCard card) {
        return "<p>" + Html.escape(text.lines().findFirst().orElse("")) + "</p>\n" + card.html();
    }

    private static String corpus(Corpus c) {
        return "<p>" + Html.escape(c.toString()) + "</p>\n" + TableHtml.of(c.table());
    }

    private static String history(History h) {
        StringBuilder b = new StringBuilder("<p>").append(Html.escape(h.toString())).append("</p>\n");
        if (h.size() > 0) b.append(image(Charts.loss(h.table())));
        return b.append(TableHtml.of(h.table())).toString();
    }

    private static String evaluation(EvaluationReport r) {
        return "<pre>" + Html.escape(r.toString()) + "</pre>\n" + TableHtml.of(r.table()) + TableHtml.of(r.samples());
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String count(int n, String noun) { return n + " " + noun + (n == 1 ? "" : "s"); }
}
