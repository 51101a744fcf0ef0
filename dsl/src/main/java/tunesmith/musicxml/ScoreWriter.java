package tunesmith.musicxml;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import tunesmith.music.Duration;
import tunesmith.musicxml.Score.Attributes;
import tunesmith.musicxml.Score.Barline;
import tunesmith.musicxml.Score.Direction;
import tunesmith.musicxml.Score.DirectionType;
import tunesmith.musicxml.Score.Harmony;
import tunesmith.musicxml.Score.Item;
import tunesmith.musicxml.Score.Lyric;
import tunesmith.musicxml.Score.Measure;
import tunesmith.musicxml.Score.NoteOut;
import tunesmith.musicxml.Score.Part;

/**
 * Writes a {@link Score} as partwise MusicXML 3.1 with the JDK's StAX writer, children in the order
 * the MusicXML schema requires (MuseScore validates against it and refuses a file that breaks it),
 * indented two spaces.
 */
final class ScoreWriter {

    private ScoreWriter() {}

    static final String DOCTYPE = "<!DOCTYPE score-partwise PUBLIC \"-//Recordare//DTD MusicXML 3.1 Partwise//EN\" "
            + "\"http://www.musicxml.org/dtds/partwise.dtd\">";

    /** The most divisions of a quarter note we write; finer lengths (a 1024th in a 97-tuplet) are refused. */
    static final long MAX_DIVISIONS = 1_000_000;

    /** Divisions of a quarter note that make every note's length a whole number: the least common multiple of their denominators. */
    static long divisions(Score score) {
        long div = 1;
        for (Part p : score.parts) {
            for (Measure m : p.measures()) {
                for (Item i : m.items) {
                    if (!(i instanceof NoteOut n) || n.grace) continue;
                    long den = Duration.of(n.duration.numerator() * 4, n.duration.denominator()).denominator();
                    div = div / gcd(div, den) * den;
                    if (div > MAX_DIVISIONS) throw new IllegalArgumentException("the tune's note lengths need more than " + MAX_DIVISIONS
                            + " divisions of a quarter note (a length of " + n.duration + " of a whole note)");
                }
            }
        }
        return div;
    }

    private static long gcd(long a, long b) { return b == 0 ? a : gcd(b, a % b); }

    static String write(Score score) {
        long divisions = divisions(score);
        StringWriter text = new StringWriter();
        try {
            Out out = new Out(XMLOutputFactory.newFactory().createXMLStreamWriter(text));
            out.w.writeStartDocument("UTF-8", "1.0");
            out.w.writeCharacters("\n");
            out.w.writeDTD(DOCTYPE);
            out.open("score-partwise", "version", "3.1");
            out.open("work");
            out.leaf("work-title", score.title);
            out.close();
            out.leaf("movement-title", score.title);
            out.open("identification");
            for (String c : score.composers) out.leaf("creator", c, "type", "composer");
            out.open("encoding");
            out.leaf("software", "Tunesmith");
            out.close();
            out.close();
            out.open("part-list");
            for (Part p : score.parts) {
                out.open("score-part", "id", p.id());
                if (p.nameShown()) out.leaf("part-name", p.name());
                else out.leaf("part-name", p.name(), "print-object", "no");
                out.open("score-instrument", "id", p.id() + "-I1");
                out.leaf("instrument-name", "Piano");
                out.close();
                out.open("midi-instrument", "id", p.id() + "-I1");
                out.leaf("midi-channel", Integer.toString(p.midiChannel()));
                out.leaf("midi-program", "1"); // General MIDI's piano, as in the MIDI file (MusicXML counts programs from 1)
                out.close();
                out.close();
            }
            out.close();
            for (Part p : score.parts) {
                out.open("part", "id", p.id());
                boolean first = true;
                for (Measure m : p.measures()) {
                    if (m.implicit) out.open("measure", "number", m.number, "implicit", "yes");
                    else out.open("measure", "number", m.number);
                    if (m.left != null) barline(out, "left", m.left);
                    for (Item i : m.items) {
                        if (i instanceof Attributes a) attributes(out, a, first ? divisions : 0);
                        else if (i instanceof Direction d) direction(out, d);
                        else if (i instanceof Harmony h) harmony(out, h.chord());
                        else if (i instanceof NoteOut n) note(out, n, divisions);
                        first = false;
                    }
                    if (m.right != null) barline(out, "right", m.right);
                    out.close();
                    first = false;
                }
                out.close();
            }
            out.close();
            out.w.writeCharacters("\n");
            out.w.writeEndDocument();
            out.w.close();
        } catch (XMLStreamException e) {
            // we write to a string: only a bug (an element closed twice) gets here
            throw new IllegalStateException("Could not write MusicXML for '" + score.title + "': " + e.getMessage(), e);
        }
        return text.toString();
    }

    private static void attributes(Out out, Attributes a, long divisions) throws XMLStreamException {
        out.open("attributes");
        if (divisions > 0) out.leaf("divisions", Long.toString(divisions));
        if (a.key() != null) {
            out.open("key");
            if (a.key().traditional()) {
                out.leaf("fifths", Integer.toString(a.key().fifths()));
                if (a.key().mode() != null) out.leaf("mode", a.key().mode());
            } else {
                for (Map.Entry<Character, Integer> s : a.key().steps().entrySet()) {
                    out.leaf("key-step", s.getKey().toString());
                    out.leaf("key-alter", s.getValue().toString());
                    out.leaf("key-accidental", accidental(s.getValue())); // MuseScore reads the sign from here
                }
            }
            out.close();
        }
        if (a.time() != null) {
            if (a.time().senzaMisura()) {
                out.open("time");
                out.empty("senza-misura");
            } else {
                if (a.time().symbol() != null) out.open("time", "symbol", a.time().symbol());
                else out.open("time");
                out.leaf("beats", a.time().beats());
                out.leaf("beat-type", a.time().beatType());
            }
            out.close();
        }
        if (a.clef() != null) {
            out.open("clef");
            out.leaf("sign", a.clef().sign());
            if (!a.clef().sign().equals("percussion")) out.leaf("line", Integer.toString(a.clef().line()));
            if (a.clef().octaveChange() != 0) out.leaf("clef-octave-change", Integer.toString(a.clef().octaveChange()));
            out.close();
        }
        out.close();
    }

    /** MusicXML's name of the accidental that alters a note by so many semitones. */
    static String accidental(int alter) {
        return switch (alter) {
            case -2 -> "flat-flat";
            case -1 -> "flat";
            case 1 -> "sharp";
            case 2 -> "double-sharp";
            default -> "natural";
        };
    }

    private static void direction(Out out, Direction d) throws XMLStreamException {
        if (d.types().isEmpty()) { // a tempo with nothing to show
            out.empty("sound", "tempo", decimal(d.tempo()));
            return;
        }
        out.open("direction", "placement", d.placement());
        for (DirectionType t : d.types()) {
            out.open("direction-type");
            if (t instanceof Score.Words w) out.leaf("words", w.text());
            else if (t instanceof Score.Rehearsal r) out.leaf("rehearsal", r.text());
            else if (t instanceof Score.Dynamics dy) {
                out.open("dynamics");
                out.empty(dy.mark());
                out.close();
            } else if (t instanceof Score.Metronome mm) {
                out.open("metronome");
                out.leaf("beat-unit", mm.beatUnit());
                for (int k = 0; k < mm.dots(); k++) out.empty("beat-unit-dot");
                out.leaf("per-minute", Integer.toString(mm.perMinute()));
                out.close();
            }
            out.close();
        }
        if (d.tempo() != null) out.empty("sound", "tempo", decimal(d.tempo()));
        out.close();
    }

    private static void harmony(Out out, ChordSymbol c) throws XMLStreamException {
        out.open("harmony");
        out.open("root");
        out.leaf("root-step", Character.toString(c.rootStep()));
        if (c.rootAlter() != 0) out.leaf("root-alter", Integer.toString(c.rootAlter()));
        out.close();
        out.leaf("kind", c.kind(), "text", c.kindText());
        if (c.hasBass()) {
            out.open("bass");
            out.leaf("bass-step", Character.toString(c.bassStep()));
            if (c.bassAlter() != 0) out.leaf("bass-alter", Integer.toString(c.bassAlter()));
            out.close();
        }
        for (ChordSymbol.Degree g : c.degrees()) {
            out.open("degree");
            out.leaf("degree-value", Integer.toString(g.value()));
            out.leaf("degree-alter", Integer.toString(g.alter()));
            out.leaf("degree-type", g.type());
            out.close();
        }
        out.close();
    }

    /** A note's children in the schema's order: grace, chord, pitch or rest, duration, tie, voice, type, dot, accidental, time-modification, notations, lyric. */
    private static void note(Out out, NoteOut n, long divisions) throws XMLStreamException {
        if (n.invisible) out.open("note", "print-object", "no");
        else out.open("note");
        if (n.grace) {
            if (n.graceSlash) out.empty("grace", "slash", "yes");
            else out.empty("grace");
        }
        if (n.chord) out.empty("chord");
        if (n.isRest()) {
            if (n.measureRest) out.empty("rest", "measure", "yes");
            else out.empty("rest");
        } else {
            out.open("pitch");
            out.leaf("step", Character.toString(n.pitch.letter()));
            if (n.pitch.alter() != 0) out.leaf("alter", Integer.toString(n.pitch.alter()));
            out.leaf("octave", Integer.toString(n.pitch.octave()));
            out.close();
        }
        if (!n.grace) out.leaf("duration", Long.toString(n.duration.numerator() * 4 * divisions / n.duration.denominator()));
        if (n.tieStop) out.empty("tie", "type", "stop");
        if (n.tieStart) out.empty("tie", "type", "start");
        out.leaf("voice", "1");
        if (n.type != null) out.leaf("type", n.type);
        for (int k = 0; k < n.dots; k++) out.empty("dot");
        if (n.accidental != null) out.leaf("accidental", n.accidental);
        if (n.actual > 0) {
            out.open("time-modification");
            out.leaf("actual-notes", Integer.toString(n.actual));
            out.leaf("normal-notes", Integer.toString(n.normal));
            out.close();
        }
        boolean notations = n.tieStop || n.tieStart || !n.slurStarts.isEmpty() || !n.slurStops.isEmpty() || n.tupletStart || n.tupletStop
                || !n.ornaments.isEmpty() || !n.technical.isEmpty() || !n.articulations.isEmpty() || n.fermata != null;
        if (notations) {
            out.open("notations");
            if (n.tieStop) out.empty("tied", "type", "stop");
            if (n.tieStart) out.empty("tied", "type", "start");
            for (int s : n.slurStops) out.empty("slur", "type", "stop", "number", Integer.toString(s));
            for (int s : n.slurStarts) out.empty("slur", "type", "start", "number", Integer.toString(s));
            if (n.tupletStart) out.empty("tuplet", "type", "start", "bracket", "yes");
            if (n.tupletStop) out.empty("tuplet", "type", "stop");
            group(out, "ornaments", n.ornaments);
            group(out, "technical", n.technical);
            group(out, "articulations", n.articulations);
            if (n.fermata != null) out.leaf("fermata", "", "type", n.fermata);
            out.close();
        }
        for (Lyric l : n.lyrics) {
            out.open("lyric", "number", Integer.toString(l.verse()));
            out.leaf("syllabic", l.syllabic());
            out.leaf("text", l.text());
            if (l.extend()) out.empty("extend");
            out.close();
        }
        out.close();
    }

    private static void group(Out out, String name, java.util.List<String> marks) throws XMLStreamException {
        if (marks.isEmpty()) return;
        out.open(name);
        for (String m : marks) out.empty(m);
        out.close();
    }

    /** A bar line's children in the schema's order: bar-style, ending, repeat. */
    private static void barline(Out out, String location, Barline b) throws XMLStreamException {
        if (b.style == null && b.endingType == null && b.repeat == null) return;
        out.open("barline", "location", location);
        out.leaf("bar-style", b.style != null ? b.style : "regular"); // MuseScore reports a bar line without one
        if (b.endingType != null) {
            if (b.endingType.equals("start")) out.leaf("ending", b.endingText, "number", b.endingNumber, "type", "start");
            else out.empty("ending", "number", b.endingNumber, "type", b.endingType);
        }
        if (b.repeat != null) out.empty("repeat", "direction", b.repeat);
        out.close();
    }

    private static String decimal(double d) {
        return new BigDecimal(d).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** StAX with indentation: each element on its own line, two spaces a level; text stays inline. */
    private static final class Out {
        final XMLStreamWriter w;
        /** Per open element: whether it has child elements yet (then its end tag goes on a line of its own). */
        final Deque<boolean[]> open = new ArrayDeque<>();

        Out(XMLStreamWriter w) { this.w = w; }

        private void indent() throws XMLStreamException {
            if (!open.isEmpty()) open.peek()[0] = true;
            w.writeCharacters("\n" + "  ".repeat(open.size()));
        }

        private void attributes(String... attrs) throws XMLStreamException {
            for (int i = 0; i < attrs.length; i += 2) w.writeAttribute(attrs[i], attrs[i + 1]);
        }

        void open(String name, String... attrs) throws XMLStreamException {
            indent();
            w.writeStartElement(name);
            attributes(attrs);
            open.push(new boolean[1]);
        }

        void close() throws XMLStreamException {
            boolean children = open.pop()[0];
            if (children) w.writeCharacters("\n" + "  ".repeat(open.size()));
            w.writeEndElement();
        }

        void leaf(String name, String text, String... attrs) throws XMLStreamException {
            indent();
            w.writeStartElement(name);
            attributes(attrs);
            w.writeCharacters(text);
            w.writeEndElement();
        }

        void empty(String name, String... attrs) throws XMLStreamException {
            indent();
            w.writeEmptyElement(name);
            attributes(attrs);
        }
    }
}
