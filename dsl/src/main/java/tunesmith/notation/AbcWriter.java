package tunesmith.notation;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tunesmith.music.Accidental;
import tunesmith.music.Annotation;
import tunesmith.music.Bar;
import tunesmith.music.BarLine;
import tunesmith.music.Chord;
import tunesmith.music.Decoration;
import tunesmith.music.Duration;
import tunesmith.music.Element;
import tunesmith.music.Field;
import tunesmith.music.GraceNotes;
import tunesmith.music.InlineField;
import tunesmith.music.Meter;
import tunesmith.music.Note;
import tunesmith.music.Pitch;
import tunesmith.music.Rest;
import tunesmith.music.Slur;
import tunesmith.music.Tune;
import tunesmith.music.Tuplet;
import tunesmith.music.Voice;

/**
 * Writes a tune as canonical ABC 2.1: header fields in their order with K: closing the header,
 * then each voice; decorations as {@code !name!}, tuplets as {@code (p:q:r}, lengths relative to
 * L:, bar lines and line breaks where the tune has them. Reading the text back gives an equal tune.
 */
public final class AbcWriter {

    private AbcWriter() {}

    public static String write(Tune tune) {
        StringBuilder out = new StringBuilder();
        List<Field> fields = tune.fields();
        int k = -1;
        for (int i = 0; i < fields.size(); i++) if (fields.get(i).name() == 'K') { k = i; break; }
        // X: first; fields after the first K: (read from the body, e.g. W: lyrics) follow it as body lines
        for (Field f : fields) if (f.name() == 'X') { out.append(field(f)).append('\n'); break; }
        if (fields.stream().noneMatch(f -> f.name() == 'X')) out.append("X:1\n");
        boolean xDone = false;
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (f.name() == 'X' && !xDone) { xDone = true; continue; }
            // after K: a field line whose value starts with '|' or ':' would read as a bar line ("W:|: ...")
            boolean barLike = k >= 0 && i > k && (f.value().startsWith("|") || f.value().startsWith(":"));
            out.append((barLike ? f.name() + ": " + f.value() : f.abc()).replace("%", "\\%")).append('\n');
        }
        Set<String> declared = fields.stream().filter(f -> f.name() == 'V')
                .map(f -> f.value().strip().split("\\s+")[0]).collect(Collectors.toSet());
        // a voice declared in the header without properties may have them from its first V: line in the body
        Set<String> declaredBare = fields.stream().filter(f -> f.name() == 'V' && f.value().strip().split("\\s+").length == 1)
                .map(f -> f.value().strip()).collect(Collectors.toSet());
        Bar previousLast = null;
        for (Voice v : tune.voices()) {
            // music before any V: line is the reader's voice without an id: written first, it needs no V: line
            boolean unnamedFirst = v.id().isEmpty() && v == tune.voices().get(0) && declared.isEmpty();
            if (!unnamedFirst && (!v.id().isEmpty() || tune.voices().size() > 1)) {
                StringBuilder vf = new StringBuilder("V:").append(v.id().isEmpty() ? "1" : v.id());
                if ((!declared.contains(v.id()) || declaredBare.contains(v.id())) && !v.properties().isEmpty()) vf.append(' ').append(v.properties());
                // the last bar of the voice before did not end its line ("...|[V:2] GAB"): switch on that line
                boolean inline = previousLast != null && previousLast.end() != BarLine.NONE && !previousLast.endsLine()
                        && previousLast.lyrics().isEmpty() && vf.indexOf("]") < 0 && out.length() > 0 && out.charAt(out.length() - 1) == '\n';
                if (inline) out.setLength(out.length() - 1);
                out.append(inline ? "[" + vf + "]" : vf).append('\n');
            }
            new VoiceWriter(out, tune.unitLength(), tune.meter()).write(v.bars());
            previousLast = v.bars().isEmpty() ? null : v.bars().get(v.bars().size() - 1);
        }
        return out.toString();
    }

    /** A header line; a % in the value is escaped, or it would start a comment. */
    private static String field(tunesmith.music.Field f) {
        return f.abc().replace("%", "\\%");
    }

    /** Several tunes as one tunebook, a blank line between tunes. */
    public static String write(List<Tune> tunes) {
        return tunes.stream().map(AbcWriter::write).collect(Collectors.joining("\n"));
    }

    /** The first line of music of the melody voice, for a tune's one-line display. */
    public static String firstLine(Tune tune) {
        StringBuilder out = new StringBuilder();
        List<Bar> bars = tune.melodyVoice().bars();
        int end = 0;
        while (end < bars.size() && end < 8) { if (bars.get(end++).endsLine()) break; }
        try {
            new VoiceWriter(out, tune.unitLength(), tune.meter()).write(bars.subList(0, end));
        } catch (RuntimeException e) {
            return "";
        }
        String s = out.toString().strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Writes the bars of one voice, tracking unit length, tuplets and line starts. */
    private static final class VoiceWriter {
        private final StringBuilder out;
        private Duration unit;
        private Meter meter;
        private int tupletLeft;
        private Duration tupletFactor = Duration.WHOLE;
        private boolean lineStart = true;

        VoiceWriter(StringBuilder out, Duration unit, Meter meter) {
            this.out = out;
            this.unit = unit;
            this.meter = meter;
        }

        void write(List<Bar> bars) {
            for (int i = 0; i < bars.size(); i++) {
                Bar bar = bars.get(i);
                position = Duration.ZERO;
                Bar next = i + 1 < bars.size() ? bars.get(i + 1) : null;
                if (i == 0 && bar.repeatStart()) text("|:");
                if (bar.ending() != null) text("[" + bar.ending());
                for (Element e : bar.elements()) element(e);
                boolean nextStarts = next != null && next.repeatStart();
                BarLine end = bar.end();
                if (end == BarLine.NONE && (bar.repeatEnd() || nextStarts || next != null)) end = BarLine.SINGLE;
                pendingSpace = false;
                if (end != BarLine.NONE) text(barLine(end, bar.repeatEnd(), nextStarts));
                if (bar.endsLine() || !bar.lyrics().isEmpty() || next == null) newline();
                // a space keeps "w: | la" a lyrics line: "w:|" would read as a bar line
                for (String w : bar.lyrics()) { out.append(w.startsWith("|") || w.startsWith(":") ? "w: " : "w:").append(w).append('\n'); }
            }
            if (!lineStart) newline();
        }

        /**
         * A bar line with its repeat dots, written as abc2midi reads it (measured with abc2midi 4.84): "::" and
         * not ":|:" between two repeated sections (abc2midi misreads ":|:" before an ending); ":|]", "[|:"
         * and ".|:" as they are; but "||:" and "|]:" open no repeat for abc2midi (its :| goes back to the tune's
         * start), ":||" carries no short bar over to the next, and ":[|", ":.|" close no repeat, so those dots go
         * on a bar line of their own: "|| |:", ":| ||", ":|] |:". They read back as the same bars.
         */
        static String barLine(BarLine end, boolean repeatEnd, boolean nextStarts) {
            if (end == BarLine.NONE) return "";
            if (end == BarLine.SINGLE) return repeatEnd && nextStarts ? "::" : (repeatEnd ? ":" : "") + "|" + (nextStarts ? ":" : "");
            String closing = !repeatEnd ? end.abc() : end == BarLine.FINAL ? ":|]" : ":| " + end.abc();
            if (!nextStarts) return closing;
            return end == BarLine.THICK_THIN || end == BarLine.DOTTED ? closing + ":" : closing + " |:";
        }

        private void text(String s) {
            // a line that starts with a bare letter and ':' ("X:|", "A:[|", "z:.|") would read as
            // a field or a new tune's X: header; a space keeps it music
            if (!lineStart && !s.isEmpty() && s.charAt(0) == ':' && out.length() > 0
                    && Character.isLetter(out.charAt(out.length() - 1))
                    && (out.length() == 1 || out.charAt(out.length() - 2) == '\n')) out.append(' ');
            out.append(s);
            lineStart = false;
        }

        private void newline() {
            if (!lineStart) out.append('\n');
            lineStart = true;
        }

        /** Where we are in the bar, to leave a space at each beat as players beam notes. */
        private Duration position = Duration.ZERO;

        private void beat(Duration performed) {
            position = position.plus(performed);
            if (meter == null || meter.isFree() || tupletLeft > 0) return;
            // compound meters (6/8, 9/8, 12/8) beat in dotted quarters; others in the denominator's note
            Duration beat = meter.denominator() == 8 && meter.numerator() % 3 == 0 && meter.numerator() > 3
                    ? Duration.of(3, 8) : Duration.of(1, meter.denominator());
            Duration q = position.dividedBy(beat);
            if (q.denominator() == 1 && position.compareTo(meter.barLength()) < 0) pendingSpace = true;
        }

        private boolean pendingSpace;

        private void element(Element e) {
            if (pendingSpace) { if (!lineStart) out.append(' '); pendingSpace = false; }
            if (e instanceof Note n) {
                note(n, timed(n.duration()));
                if (n.tied()) text("-");
                beat(n.duration());
            } else if (e instanceof Rest r) {
                if (r.isMultiBar()) { text((r.invisible() ? "X" : "Z") + (r.bars() == 1 ? "" : Integer.toString(r.bars()))); }
                else text((r.invisible() ? "x" : "z") + length(timed(r.duration())));
                beat(r.duration());
            } else if (e instanceof Chord c) {
                Duration d = timed(c.duration());
                StringBuilder b = new StringBuilder("[");
                for (Note n : c.notes()) { b.append(pitch(n.written(), n.pitch())); if (n.tied()) b.append('-'); }
                text(b.append(']').append(length(d)).append(c.tied() ? "-" : "").toString());
                beat(c.duration());
            } else if (e instanceof GraceNotes g) {
                StringBuilder b = new StringBuilder("{");
                if (g.acciaccatura()) b.append('/');
                for (Note n : g.notes()) b.append(pitch(n.written(), n.pitch())).append(length(n.duration().dividedBy(unit)));
                text(b.append('}').toString());
            } else if (e instanceof Decoration d) {
                text("!" + d.name() + "!");
            } else if (e instanceof Annotation a) {
                text(a.abc());
            } else if (e instanceof Slur s) {
                text(s.start() ? "(" : ")");
            } else if (e instanceof Tuplet t) {
                text("(" + t.p() + ":" + t.q() + ":" + t.r());
                tupletLeft = t.r();
                tupletFactor = t.factor();
            } else if (e instanceof InlineField f) {
                if (f.name() == 'L') unit = Duration.parse(f.value());
                if (f.name() == 'M') meter = Meter.parse(f.value());
                if (f.onOwnLine()) { newline(); out.append(f.abc()).append('\n'); lineStart = true; }
                else text(f.abc());
            }
        }

        /** The written multiplier of a performed length, undoing the tuplet in force. */
        private Duration timed(Duration performed) {
            Duration d = performed;
            if (tupletLeft > 0) { d = d.dividedBy(tupletFactor); tupletLeft--; }
            return d.dividedBy(unit);
        }

        private void note(Note n, Duration multiplier) {
            text(pitch(n.written(), n.pitch()) + length(multiplier));
        }
    }

    static String pitch(Accidental written, Pitch p) {
        StringBuilder b = new StringBuilder();
        if (written != null) b.append(written.abc());
        int octave = p.octave();
        if (octave >= 5) {
            b.append(Character.toLowerCase(p.letter()));
            for (int i = 5; i < octave; i++) b.append('\'');
        } else {
            b.append(p.letter());
            for (int i = octave; i < 4; i++) b.append(',');
        }
        return b.toString();
    }

    static String length(Duration m) {
        if (m.numerator() <= 0) throw new IllegalArgumentException("Cannot write a length of " + m + " units in ABC");
        if (m.numerator() == 1 && m.denominator() == 1) return "";
        if (m.denominator() == 1) return Long.toString(m.numerator());
        if (m.numerator() == 1 && m.denominator() == 2) return "/";
        if (m.numerator() == 1) return "/" + m.denominator();
        return m.numerator() + "/" + m.denominator();
    }
}
