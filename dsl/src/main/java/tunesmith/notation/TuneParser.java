package tunesmith.notation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tunesmith.music.Accidental;
import tunesmith.music.Accidentals;
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
import tunesmith.music.Key;
import tunesmith.music.Meter;
import tunesmith.music.Note;
import tunesmith.music.Pitch;
import tunesmith.music.Rest;
import tunesmith.music.Slur;
import tunesmith.music.Tune;
import tunesmith.music.Tuplet;
import tunesmith.music.Voice;

/** Reads one tune (from its X: line to its end) into a {@link Tune}. Not thread-safe; one per tune. */
final class TuneParser {

    /** Fields that change how the music reads; in the body they become {@link InlineField}s. */
    private static final String MUSICAL_FIELDS = "KMLQP";
    private static final Map<Character, String> SHORT_DECORATIONS = Map.ofEntries(
            Map.entry('~', "roll"), Map.entry('.', "staccato"), Map.entry('H', "fermata"), Map.entry('L', "accent"),
            Map.entry('M', "lowermordent"), Map.entry('O', "coda"), Map.entry('P', "uppermordent"), Map.entry('S', "segno"),
            Map.entry('T', "trill"), Map.entry('u', "upbow"), Map.entry('v', "downbow"));
    private static final Set<String> KNOWN_DIRECTIVES = Set.of(
            "MIDI", "abc-charset", "abc-version", "abc-creator", "abc-include", "score", "staves", "propagate-accidentals",
            "writeout-accidentals", "slurgraces", "staffsep", "scale", "indent", "pagewidth", "pageheight", "leftmargin",
            "rightmargin", "topmargin", "botmargin", "vskip", "newpage", "sep", "text", "center", "begintext", "endtext",
            "titlefont", "subtitlefont", "composerfont", "partsfont", "tempofont", "gchordfont", "annotationfont",
            "vocalfont", "wordsfont", "textfont", "infofont", "setfont-1", "setfont-2", "setfont-3", "setfont-4",
            "titlecaps", "titleleft", "musicspace", "staffwidth", "landscape", "barnumbers", "measurenb", "measurebox",
            "continueall", "linebreak", "stretchlast", "stretchstaff", "header", "footer", "partsbox", "graceslurs",
            "titletrim", "writefields", "gchord", "postscript", "deco", "map", "voicemap", "transpose", "barsperstaff",
            "aligncomposer", "composerspace", "infoline", "infospace", "partsspace", "subtitlespace", "textspace",
            "titlespace", "wordsspace", "vocalspace", "bgcolor", "maxshrink", "notespacingfactor", "splittune",
            "oneperpage", "format", "bstemdown", "flatbeams", "squarebreve", "nobarcheck", "exprabove", "exprbelow");

    private final String file;
    private final List<String> lines;
    private final int firstLine;
    private final List<Field> inherited;
    private final List<Problem> warnings = new ArrayList<>();
    private final List<Field> fields = new ArrayList<>();
    private final Map<String, VoiceState> voices = new LinkedHashMap<>();
    private final Map<Character, String> userSymbols = new HashMap<>();
    private VoiceState cur;
    private int x;
    private String title = "";
    private Meter meter = Meter.FREE;
    private Duration unit = Duration.EIGHTH;
    private Key key = Key.NONE;

    // position in the current body line, for messages
    private String text;
    private int pos;
    private int lineNo;

    TuneParser(String file, List<String> lines, int firstLine, List<Field> inherited) {
        this.file = file;
        this.lines = lines;
        this.firstLine = firstLine;
        this.inherited = inherited;
    }

    List<Problem> warnings() { return warnings; }

    Problem problem(Problem.Severity s, int line, int column, String message) {
        return new Problem(s, file, x, title, line, column, message);
    }

    private void warn(String message) {
        int[] w = where();
        warnings.add(problem(Problem.Severity.WARNING, w[0], w[1], message));
    }

    private AbcException fail(String found, String expected) {
        int[] w = where();
        return new AbcException(problem(Problem.Severity.ERROR, w[0], w[1], "found " + found + ", expected " + expected));
    }

    private AbcException failAt(int line, String message) {
        return new AbcException(problem(Problem.Severity.ERROR, line, 0, message));
    }

    // ---- header ---------------------------------------------------------------------------

    Tune parse() {
        int i = 0;
        boolean sawKey = false;
        List<Integer> fieldLines = new ArrayList<>();
        List<Problem> notFields = new ArrayList<>();
        String firstNotField = null;
        for (; i < lines.size(); i++) {
            lineNo = firstLine + i;
            String raw = lines.get(i);
            if (isBeginText(raw)) { i = skipText(i); continue; }
            if (raw.startsWith("%%")) { directive(raw); continue; }
            String l = stripComment(raw);
            if (l.isBlank()) continue;
            if (!isFieldLine(l, true)) {
                // like abc2midi, text in the header that is not a field ("3/8=120") is ignored with a warning;
                // a tune whose music starts without a K: line still fails below, with that cause
                if (firstNotField == null) firstNotField = "'" + clip(l.strip()) + "'";
                notFields.add(problem(Problem.Severity.WARNING, lineNo, 1, "line '" + clip(l.strip())
                        + "' in the tune header is not a field (expected a field such as T:, M:, L: or K: before the music); ignored"));
                continue;
            }
            if (isTextField(l)) { l = joinContinued(l, i); i = joinedTo; }
            char name = l.charAt(0);
            String value = unescape(l.substring(2).strip());
            if (name == '+' && !fields.isEmpty()) {
                Field last = fields.remove(fields.size() - 1);
                fields.add(new Field(last.name(), last.value() + " " + value));
                continue;
            }
            fields.add(new Field(name, value));
            fieldLines.add(lineNo);
            if (name == 'X') {
                x = parseX(value);
                // the file header's defaults come right after X:, so a later field of the tune overrides them
                fields.addAll(inherited);
                for (int k = 0; k < inherited.size(); k++) fieldLines.add(lineNo);
            }
            if (name == 'T' && title.isEmpty()) title = value;
            if (name == 'K') { sawKey = true; i++; break; }
        }
        lineNo = firstLine + Math.min(i, lines.size() - 1);
        text = null;
        for (int k = 0; k < fields.size(); k++) headerField(fields.get(k), fieldLines.get(k));
        for (VoiceState v : voices.values()) {
            // voices declared in the header start from the header's final key, meter and unit length
            v.acc.key(key);
            v.meter = meter;
            v.unit = unit;
        }
        if (!sawKey) {
            String why = "tune has no K: field (ABC 2.1 ends every tune header with one, e.g. K:D or K:none)";
            if (!notFields.isEmpty()) why += "; line " + notFields.get(0).line() + " (" + firstNotField
                    + ") is not a field, where the header's fields and its K: line belong";
            throw failAt(firstLine, why);
        }
        warnings.addAll(notFields);
        if (!fields.isEmpty() && fields.stream().noneMatch(f -> f.name() == 'T')) warn("tune has no T: (title) field");
        for (; i < lines.size(); i++) {
            lineNo = firstLine + i;
            String raw = lines.get(i);
            if (isBeginText(raw)) { flushMusic(); i = skipText(i); continue; }
            String l = stripComment(raw);
            if (isTextField(l) && isFieldLine(l, false)) { raw = joinContinued(l, i); i = joinedTo; }
            bodyLine(raw);
        }
        flushMusic();
        return finish();
    }

    private static int parseX(String value) {
        int end = 0;
        while (end < value.length() && Character.isDigit(value.charAt(end))) end++;
        try { return end == 0 ? 0 : Integer.parseInt(value.substring(0, end)); } catch (NumberFormatException e) { return 0; }
    }

    private void headerField(Field f, int line) {
        try {
            switch (f.name()) {
                case 'M' -> { meter = Meter.parse(f.value()); unit = fields.stream().anyMatch(g -> g.name() == 'L') ? unit : meter.defaultUnitLength(); }
                case 'L' -> unit = unitLength(f.value());
                case 'K' -> key = Key.parse(f.value());
                case 'V' -> voice(f.value(), true);
                case 'U' -> userSymbol(f.value());
                case 'm' -> throw failAt(line, "macros (m: fields) are not supported; expand the macro in the tune");
                default -> { }
            }
        } catch (IllegalArgumentException e) {
            throw failAt(line, "in field " + f.name() + ":" + f.value() + ": " + e.getMessage());
        }
    }

    private static Duration unitLength(String value) {
        Duration d = Duration.parse(value);
        if (!d.isPositive()) throw new IllegalArgumentException("unit length must be positive, was " + value);
        return d;
    }

    private void userSymbol(String value) {
        // U:T = !trill!  (redefinable symbols H-W, h-w, ~)
        int eq = value.indexOf('=');
        if (eq < 1) { warn("U: field '" + value + "' not understood (expected e.g. U:T = !trill!)"); return; }
        String sym = value.substring(0, eq).strip();
        String def = value.substring(eq + 1).strip();
        if (sym.length() != 1 || def.length() < 3) { warn("U: field '" + value + "' not understood"); return; }
        userSymbols.put(sym.charAt(0), def.substring(1, def.length() - 1));
    }

    private void directive(String raw) {
        String d = raw.substring(2).strip();
        String word = d.split("\\s+", 2)[0];
        if (!KNOWN_DIRECTIVES.contains(word)) warn("unknown directive %%" + word + " ignored");
    }

    /** A field line: a letter, a colon, and not a bar line such as {@code A:|} or {@code G::}. */
    private static boolean isFieldLine(String l, boolean header) {
        if (l.length() < 2 || l.charAt(1) != ':') return false;
        char c = l.charAt(0);
        if (!(Character.isLetter(c) && c < 128) && c != '+') return false;
        if (header) return true;
        if (l.length() > 2 && (l.charAt(2) == '|' || l.charAt(2) == ':')) return false;
        return true;
    }

    /** A line that opens a block of text to typeset ({@code %%begintext} ... {@code %%endtext}), not music. */
    static boolean isBeginText(String raw) { return raw.startsWith("%%begintext"); }

    static boolean isEndText(String raw) { return raw.startsWith("%%endtext"); }

    /** Skips a text block from its %%begintext line; returns the index of its %%endtext line (or the tune's last line). */
    private int skipText(int begin) {
        for (int j = begin + 1; j < lines.size(); j++) if (isEndText(lines.get(j))) return j;
        lineNo = firstLine + begin;
        warn("%%begintext without %%endtext: the rest of the tune is read as text to typeset, not as music");
        return lines.size() - 1;
    }

    /** Fields of free text, which a backslash at the end of the line continues on the next line. */
    private static final String TEXT_FIELDS = "TCOABDFGHNRSZW";

    private static boolean isTextField(String l) {
        return l.length() >= 2 && l.charAt(1) == ':' && TEXT_FIELDS.indexOf(l.charAt(0)) >= 0;
    }

    /** Index of the last line {@link #joinContinued} used. */
    private int joinedTo;

    /**
     * A text field line (comment stripped) joined with the lines its trailing backslashes continue it on
     * ({@code T:The Road \} + {@code to Lisdoonvarna}), as abcm2ps reads them. A line that is itself a field,
     * a directive or blank is not taken as a continuation: the backslash is dropped with a warning.
     */
    private String joinContinued(String l, int i) {
        joinedTo = i;
        String out = l.stripTrailing();
        while (out.endsWith("\\") && !out.endsWith("\\\\")) {
            out = out.substring(0, out.length() - 1).stripTrailing();
            String next = joinedTo + 1 < lines.size() ? lines.get(joinedTo + 1) : "";
            String text = stripComment(next).strip();
            if (text.isEmpty() || next.startsWith("%") || isFieldLine(text, true)) {
                warn("'\\' at the end of field " + out.charAt(0) + ": continues onto no line of text; ignored");
                break;
            }
            joinedTo++;
            lineNo = firstLine + joinedTo;
            out = out + " " + text;
        }
        return out;
    }

    private static String clip(String s) { return s.length() > 60 ? s.substring(0, 60) + "…" : s; }

    /** A field value with ABC's escaped percent sign {@code \%} read as {@code %}. */
    static String unescape(String value) { return value.replace("\\%", "%"); }

    /** Removes a % comment, leaving % inside quotes and \% alone. */
    static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (c == '%' && !quoted && (i == 0 || line.charAt(i - 1) != '\\')) return line.substring(0, i);
        }
        return line;
    }

    // ---- voices ---------------------------------------------------------------------------

    /** Per-voice reading state: bars so far, the bar being filled, accidentals, tuplets, broken rhythm. */
    private final class VoiceState {
        final String id;
        String properties;
        final List<Bar> bars = new ArrayList<>();
        List<Element> elements = new ArrayList<>();
        boolean repeatStart;
        String ending;
        List<String> lyrics = new ArrayList<>();
        final Accidentals acc;
        Meter meter;
        Duration unit;
        int tupletLeft;
        Duration tupletFactor = Duration.WHOLE;
        Duration brokenNext, brokenPrev; // a pending broken rhythm: factors for the next note and the one before it
        int brokenFrom = -1;             // index of the note before it
        String brokenSign;
        int lastTimed = -1;
        boolean pendingRepeatEnd;

        // voice overlay (&): a main voice's overlay lines, and for an overlay line its main voice and number
        final VoiceState main;
        final int overlayNumber;
        final List<VoiceState> overlays = new ArrayList<>();
        final Map<Integer, List<Element>> overlayBars = new java.util.TreeMap<>(); // main's bar index -> elements
        int openBar = -1; // index of the main voice's bar this overlay is being written in, -1 when none

        VoiceState(String id, String properties) {
            this(id, properties, null, 0);
        }

        private VoiceState(String id, String properties, VoiceState main, int overlayNumber) {
            this.id = id;
            this.properties = properties;
            this.acc = new Accidentals(key);
            this.meter = TuneParser.this.meter;
            this.unit = TuneParser.this.unit;
            this.main = main;
            this.overlayNumber = overlayNumber;
        }

        /** The n-th overlay line of this voice (from 1), made when first met. */
        VoiceState overlay(int n) {
            while (overlays.size() < n) {
                int k = overlays.size() + 1;
                overlays.add(new VoiceState((id.equals("\u0000") ? "" : id) + "&" + k, "", this, k));
            }
            return overlays.get(n - 1);
        }

        /** Ends this overlay's part of a bar: keeps what it wrote there, and starts the next bar afresh. */
        void closeOverlayBar() {
            if (openBar < 0) return;
            if (elements.stream().anyMatch(e -> !(e instanceof InlineField))) overlayBars.put(openBar, List.copyOf(elements));
            if (brokenNext != null) warn("broken rhythm '" + brokenSign + "' with no note after it in the overlay; ignored");
            elements = new ArrayList<>();
            openBar = -1;
            lastTimed = -1;
            brokenNext = null;
            acc.barLine();
        }

        void closeBar(BarLine end, boolean repeatEnd) {
            bars.add(new Bar(elements, repeatStart, ending, end, repeatEnd, !lyrics.isEmpty(), lyrics));
            elements = new ArrayList<>();
            repeatStart = false;
            ending = null;
            lyrics = new ArrayList<>();
            lastTimed = -1;
            if (brokenNext != null) warn("broken rhythm '" + brokenSign + "' with no note after it in the bar; ignored");
            brokenNext = null;
            acc.barLine();
        }

        Bar lastBar() { return bars.isEmpty() ? null : bars.get(bars.size() - 1); }

        void replaceLast(Bar b) { bars.set(bars.size() - 1, b); }

        Voice toVoice() {
            if (!elements.isEmpty()) closeBar(BarLine.NONE, false);
            return new Voice(id, properties, bars);
        }
    }

    private VoiceState voice(String value, boolean declare) {
        String v = value.strip();
        int sp = indexOfSpace(v);
        String id = sp < 0 ? v : v.substring(0, sp);
        String props = sp < 0 ? "" : v.substring(sp + 1).strip();
        if (id.isEmpty()) throw new IllegalArgumentException("V: field without a voice id (expected e.g. V:1 or V:T1 clef=treble)");
        VoiceState s = voices.get(id);
        if (s == null) {
            s = new VoiceState(id, props);
            voices.put(id, s);
        } else if (s.properties.isEmpty() && !props.isEmpty()) {
            s.properties = props;
        }
        if (!declare) cur = s;
        return s;
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isWhitespace(s.charAt(i))) return i;
        return -1;
    }

    private VoiceState current() {
        if (cur == null) {
            // music before any V: belongs to the first declared voice, or to the tune's single voice
            cur = voices.isEmpty() ? voice("\u0000", true) : voices.values().iterator().next();
        }
        return cur;
    }

    private Tune finish() {
        List<Voice> out = new ArrayList<>();
        List<Voice> overlays = new ArrayList<>();
        for (VoiceState s : voices.values()) {
            for (VoiceState o : s.overlays) o.closeOverlayBar();
            Voice v = s.toVoice();
            for (VoiceState o : s.overlays) if (!o.overlayBars.isEmpty()) overlays.add(overlayVoice(o, v.bars())); // not a '&' with nothing after it
            if (s.id.equals("\u0000")) {
                // music only after '&' leaves the voice without a line of its own: its overlays are the music
                if (v.bars().isEmpty() && (voices.size() > 1 || !s.overlays.isEmpty())) continue;
                v = new Voice("", "", v.bars());
            }
            out.add(v);
        }
        // after every voice of its own, so that the first voice stays the melody and a voice's order is kept
        // when the overlays are written back as voices (V:1&1) and read again
        out.addAll(overlays);
        if (out.stream().allMatch(v -> v.bars().stream().noneMatch(Bar::hasMusic))) {
            throw failAt(firstLine, "tune has no music (no notes or rests after the K: field)");
        }
        return new Tune(fields, out, file, firstLine);
    }

    /**
     * A voice overlay line as a voice of its own ({@code V:1&1}) whose bars stand beside its main voice's bars:
     * the notes written after {@code &} in a bar, or an invisible rest as long as the main voice's bar where the
     * overlay is silent. The bars repeat the main voice's bar lines, repeats, endings and key, meter and unit
     * changes (see {@link #readingFields}), so both unfold alike and the overlay reads the same when written back alone.
     */
    private static Voice overlayVoice(VoiceState o, List<Bar> mainBars) {
        List<Bar> bars = new ArrayList<>();
        boolean carriedStart = false;
        String carriedEnding = null;
        for (int i = 0; i < mainBars.size(); i++) {
            Bar b = mainBars.get(i);
            List<Element> es = new ArrayList<>();
            List<Element> written = o.overlayBars.get(i);
            if (written != null) {
                es.addAll(written);
            } else {
                es.addAll(readingFields(b.elements()));
                if (b.duration().isPositive()) es.add(new Rest(b.duration(), true, 0));
            }
            if (es.isEmpty()) {
                // a bar of the voice that takes no time (only marks): no bar for the overlay, whose bar lines
                // around it take its marks, as the reader joins the marks of an empty bar to its neighbours
                if (!bars.isEmpty()) {
                    Bar p = bars.get(bars.size() - 1);
                    bars.set(bars.size() - 1, new Bar(p.elements(), p.repeatStart(), p.ending(), p.end(),
                            p.repeatEnd() || b.repeatEnd(), p.endsLine() || b.endsLine(), List.of()));
                }
                carriedStart |= b.repeatStart();
                if (b.ending() != null) carriedEnding = b.ending();
                continue;
            }
            bars.add(new Bar(es, b.repeatStart() || carriedStart, b.ending() != null ? b.ending() : carriedEnding, b.end(),
                    b.repeatEnd(), b.endsLine(), List.of()));
            carriedStart = false;
            carriedEnding = null;
        }
        // an overlay after the main voice's last bar line (nothing of the main voice left to stand beside)
        o.overlayBars.forEach((i, es) -> {
            if (i >= mainBars.size()) bars.add(new Bar(es, false, null, BarLine.NONE, false, false, List.of()));
        });
        // the overlay's text ends after its last bar line (the voice's may go on with marks after it)
        Bar last = bars.isEmpty() ? null : bars.get(bars.size() - 1);
        if (last != null && last.end() != BarLine.NONE && !last.endsLine()) bars.set(bars.size() - 1, last.withEnd(last.end(), true));
        return new Voice(o.id, "", bars);
    }

    /**
     * The key, meter and unit changes among a voice's elements, for its overlay: written in the line
     * ({@code [K:D]}), since a field line of its own would break the overlay's line where the voice's did not.
     */
    private static List<Element> readingFields(List<Element> elements) {
        List<Element> out = new ArrayList<>();
        for (Element e : elements) {
            if (e instanceof InlineField f && "KML".indexOf(f.name()) >= 0 && f.value().indexOf(']') < 0) {
                out.add(new InlineField(f.name(), f.value(), false));
            }
        }
        return out;
    }

    /**
     * {@code &}: what follows, up to the bar line, is another line of the same voice in the same bar
     * (ABC 2.1 7.4). It is kept apart from the voice's own line, which stays its melody; see {@link #overlayVoice}.
     */
    private void overlay() {
        if (peek(1) == ')') throw fail("'&)' (the end of a voice overlay over several bars)", "'&' within one bar (ABC 2.1 7.4)");
        pos++;
        VoiceState at = current();
        VoiceState main = at.main == null ? at : at.main;
        VoiceState o = main.overlay(at.main == null ? 1 : at.overlayNumber + 1);
        int bar = main.bars.size();
        if (o.openBar != bar) {
            o.closeOverlayBar();
            o.openBar = bar;
            // the main voice's key, meter and unit changes so far in this bar hold for the overlay too
            o.elements.addAll(readingFields(main.elements));
        }
        o.acc.key(main.acc.key());
        o.meter = main.meter;
        o.unit = main.unit;
        cur = o;
    }

    // ---- body lines -----------------------------------------------------------------------

    private void bodyLine(String raw) {
        if (raw.startsWith("%%")) { flushMusic(); text = null; directive(raw); return; }
        String l = stripComment(raw);
        if (l.isBlank()) return;
        if (isFieldLine(l, false)) {
            flushMusic();
            text = null;
            char name = l.charAt(0);
            bodyField(name, unescape(l.substring(2).strip()));
            // only a field that went into the header list may be continued by +:
            lastLineWasField = "KMLQPVwsmr".indexOf(name) < 0 || name == '+';
            return;
        }
        lastLineWasField = false;
        String music = l.stripTrailing();
        if (music.endsWith("=20") || (music.endsWith("=") && !music.endsWith("\\="))) {
            // e-mail quoted-printable residue ("=" soft line break, "=20" space) in some old tunebooks
            text = music;
            pos = music.length() - 1;
            warn("quoted-printable residue '" + (music.endsWith("=") ? "=" : "=20") + "' at the end of the line ignored");
            music = music.substring(0, music.length() - (music.endsWith("=") ? 1 : 3)).stripTrailing();
        }
        boolean continued = music.endsWith("\\");
        if (continued) music = music.substring(0, music.length() - 1);
        // a continued line and the next one are one line of music: "|\" + ":abc" reads as "|:abc"
        segments.add(new int[]{pending.length(), lineNo});
        pending.append(music);
        if (!continued) flushMusic();
    }

    private boolean lastLineWasField;
    private final StringBuilder pending = new StringBuilder();
    private final List<int[]> segments = new ArrayList<>();

    /** Reads the pending logical line of music (physical lines joined at their backslashes). */
    private void flushMusic() {
        if (segments.isEmpty()) return;
        text = pending.toString();
        pos = 0;
        int saved = lineNo;
        try {
            music();
            endOfMusicLine();
        } finally {
            pending.setLength(0);
            segments.clear();
            text = null;
            lineNo = saved;
        }
    }

    /** Line number and column of the current position in a joined line. */
    private int[] where() {
        if (text == null || segments.isEmpty()) return new int[]{lineNo, 0};
        int[] seg = segments.get(0);
        for (int[] s : segments) if (s[0] <= pos) seg = s;
        return new int[]{seg[1], pos - seg[0] + 1};
    }

    private void endOfMusicLine() {
        VoiceState v = current().main == null ? current() : current().main; // the line breaks the voice, overlay or not
        if (v.elements.isEmpty() && v.lastBar() != null && !v.lastBar().endsLine()) {
            Bar b = v.lastBar();
            v.replaceLast(new Bar(b.elements(), b.repeatStart(), b.ending(), b.end(), b.repeatEnd(), true, b.lyrics()));
        }
    }

    private void bodyField(char name, String value) {
        // a field line belongs to the voice, not to an overlay line: K: or M: on a line of its own changes the voice
        if (cur != null && cur.main != null) cur = cur.main;
        VoiceState v;
        switch (name) {
            case 'V' -> {
                try { voice(value, false); } catch (IllegalArgumentException e) { throw fail("V:" + value, "a voice id after V:"); }
            }
            case 'w' -> {
                v = current().main == null ? current() : current().main;
                Bar last = v.lastBar();
                if (v.elements.isEmpty() && last != null) {
                    List<String> ly = new ArrayList<>(last.lyrics());
                    ly.add(value);
                    v.replaceLast(new Bar(last.elements(), last.repeatStart(), last.ending(), last.end(), last.repeatEnd(), true, ly));
                } else {
                    v.lyrics.add(value);
                }
            }
            case 's' -> warn("symbol line s:" + value + " ignored");
            case 'm' -> throw fail("a macro field m:", "no macros (they are not supported; expand the macro in the tune)");
            case '+' -> {
                if (fields.isEmpty() || !lastLineWasField) { warn("+: continues no field line before it; ignored"); return; }
                Field last = fields.remove(fields.size() - 1);
                fields.add(new Field(last.name(), last.value() + " " + value));
            }
            case 'U' -> { userSymbol(value); fields.add(new Field(name, value)); }
            case 'r' -> { }
            default -> {
                if (MUSICAL_FIELDS.indexOf(name) >= 0) inlineField(name, value, true);
                else fields.add(new Field(name, value));
            }
        }
    }

    /** A K:, M:, L:, Q: or P: in the music: recorded in place and applied from here on. */
    private void inlineField(char name, String value, boolean ownLine) {
        VoiceState v = current();
        try {
            switch (name) {
                case 'K' -> v.acc.key(Key.change(v.acc.key(), value));
                case 'M' -> v.meter = Meter.parse(value);
                case 'L' -> v.unit = unitLength(value);
                default -> { }
            }
        } catch (IllegalArgumentException e) {
            throw fail("field " + name + ":" + value, "a valid value (" + e.getMessage() + ")");
        }
        if (ownLine) endOfMusicLine(); // a field line always breaks the music line before it
        v.elements.add(new InlineField(name, value.strip(), ownLine));
    }

    // ---- music ----------------------------------------------------------------------------

    private boolean more() { return pos < text.length(); }

    private char peek() { return text.charAt(pos); }

    private char peek(int ahead) { return pos + ahead < text.length() ? text.charAt(pos + ahead) : '\0'; }

    private static String show(char c) { return c == '\0' ? "end of line" : "'" + c + "'"; }

    private void music() {
        while (more()) {
            char c = peek();
            VoiceState v = current();
            if (c == ' ' || c == '\t' || c == '`') { pos++; continue; }
            if (c == '|' || (c == ':' && (peek(1) == '|' || peek(1) == ':' || (peek(1) == '[' && peek(2) == '|'))) || (c == '[' && peek(1) == '|')
                    || (c == '.' && peek(1) == '|')) { barLine(); continue; }
            if (c == '[' && Character.isDigit(peek(1))) { pos++; ending(); continue; }
            if (c == '[' && Character.isLetter(peek(1)) && peek(2) == ':') { bracketField(); continue; }
            if (c == '[') { chord(); continue; }
            if (c == '"') { annotation(); continue; }
            if (c == '!') { bangDecoration(); continue; }
            if (c == '+' && plusDecoration()) continue;
            if (c == '{') { grace(); continue; }
            if (c == '(') {
                if (peek(1) == '&') throw fail("'(&' (a voice overlay over several bars)", "'&' within one bar (ABC 2.1 7.4)");
                if (Character.isDigit(peek(1))) tuplet(); else { pos++; v.elements.add(Slur.OPEN); }
                continue;
            }
            if (c == ')') { pos++; v.elements.add(Slur.CLOSE); continue; }
            if (c == '-') { tie(); continue; }
            if (c == '>' || c == '<') { broken(); continue; }
            if (c == '^' || c == '_' || c == '=' || isNoteLetter(c)) { note(); continue; }
            if (c == 'z' || c == 'x') { rest(); continue; }
            if (c == 'Z' || c == 'X') { barRest(); continue; }
            if (userSymbols.containsKey(c)) { pos++; decoration(userSymbols.get(c)); continue; }
            if (SHORT_DECORATIONS.containsKey(c)) { pos++; decoration(SHORT_DECORATIONS.get(c)); continue; }
            if (c == 'y') { pos++; continue; } // spacer: layout only
            if (c == '$') { pos++; continue; } // score line break: layout only
            if (c == '*') { pos++; continue; } // old spacing mark
            if ((c >= 'h' && c <= 'w') || (c >= 'H' && c <= 'W') || c == 'J' || c == 'R') {
                pos++;
                warn("symbol '" + c + "' has no definition (no U: field); ignored");
                continue;
            }
            if (c == ':') { loneColon(); continue; }
            if (c == '+') { pos++; warn("lone '+' ignored"); continue; }
            if (c == '&') { overlay(); continue; }
            throw fail(show(c), "a note, rest, chord, bar line, decoration or annotation");
        }
    }

    /** A ':' not touching a bar line (e.g. {@code d2:"^Segno"|]}): a repeat sign for the bar line beside it. */
    private void loneColon() {
        VoiceState v = current();
        pos++;
        if (v.elements.isEmpty() && v.lastBar() != null) {
            v.repeatStart = true;
            warn("':' apart from its bar line read as a start repeat");
        } else {
            v.pendingRepeatEnd = true;
            warn("':' apart from its bar line read as an end repeat at the next bar line");
        }
    }

    private static boolean isNoteLetter(char c) { return (c >= 'A' && c <= 'G') || (c >= 'a' && c <= 'g'); }

    private void barLine() {
        int start = pos;
        int lead = 0;
        while (more() && peek() == ':') { lead++; pos++; }
        StringBuilder core = new StringBuilder();
        if (more() && peek() == '.' && peek(1) == '|') { core.append(".|"); pos += 2; }
        while (more()) {
            char c = peek();
            if (c == '|') core.append(c);
            else if (c == '[' && core.length() == 0 && peek(1) == '|') core.append(c);
            else if (c == ']' && core.length() > 0 && core.charAt(core.length() - 1) == '|') core.append(c);
            else break;
            pos++;
        }
        int trail = 0;
        while (more() && peek() == ':') { trail++; pos++; }
        if (core.length() == 0 && lead + trail < 2) { pos = start; throw fail("':'", "a bar line such as :| or :: or |:"); }
        boolean repeatEnd = lead > 0;
        boolean repeatStart = trail > 0;
        VoiceState v = current();
        if (v.main != null) { v = v.main; cur = v; } // a bar line ends an overlay: back to the voice's own line
        if (core.length() == 0) { repeatEnd = true; repeatStart = true; } // "::"
        BarLine type = barType(core.toString());
        if (v.pendingRepeatEnd) { repeatEnd = true; v.pendingRepeatEnd = false; }
        String ending = null;
        if (more() && Character.isDigit(peek())) ending = endingLabel();
        if (v.elements.isEmpty()) {
            // nothing since the last bar line: the marks join the bar lines around them
            Bar last = v.lastBar();
            if (last != null && (repeatEnd || (type != BarLine.SINGLE && last.end() == BarLine.SINGLE))) {
                v.replaceLast(new Bar(last.elements(), last.repeatStart(), last.ending(),
                        type != BarLine.SINGLE ? type : last.end(), last.repeatEnd() || repeatEnd, last.endsLine(), last.lyrics()));
            }
            v.repeatStart |= repeatStart;
        } else {
            v.closeBar(type, repeatEnd);
            v.repeatStart = repeatStart;
        }
        for (VoiceState o : v.overlays) o.closeOverlayBar();
        if (ending != null) v.ending = ending;
    }

    private static BarLine barType(String core) {
        return switch (core) {
            case "", "|", "[|]" -> BarLine.SINGLE;
            case "||" -> BarLine.DOUBLE;
            case "|]", "||]" -> BarLine.FINAL;
            case "[|" -> BarLine.THICK_THIN;
            case ".|" -> BarLine.DOTTED;
            default -> core.contains("]") ? BarLine.FINAL : core.startsWith("[") ? BarLine.THICK_THIN : BarLine.DOUBLE;
        };
    }

    /** After "[": an ending such as [1, [2, [1,3 or [1-3 starts the next bar. */
    private void ending() {
        if (current().main != null) { // an ending ends an overlay, as a bar line does
            cur = current().main;
            for (VoiceState o : cur.overlays) o.closeOverlayBar();
        }
        VoiceState v = current();
        String label = endingLabel();
        if (!v.elements.isEmpty()) {
            warn("ending [" + label + " in the middle of a bar; treated as a bar line before it");
            v.closeBar(BarLine.SINGLE, false);
        }
        v.ending = label;
    }

    private String endingLabel() {
        int start = pos;
        while (more() && (Character.isDigit(peek()) || ((peek() == ',' || peek() == '-') && Character.isDigit(peek(1))))) pos++;
        return text.substring(start, pos);
    }

    private void bracketField() {
        int close = text.indexOf(']', pos);
        if (close < 0) throw fail("'[" + peek(1) + ":' without a closing ']'", "an inline field such as [K:G]");
        char name = text.charAt(pos + 1);
        String value = text.substring(pos + 3, close).strip();
        pos = close + 1;
        if (name == 'V') {
            try { voice(value, false); } catch (IllegalArgumentException e) { throw fail("[V:" + value + "]", "a voice id"); }
        } else if (MUSICAL_FIELDS.indexOf(name) >= 0 || name == 'I' || name == 'N' || name == 'R' || name == 'r') {
            inlineField(name, value, false);
        } else {
            warn("inline field [" + name + ":" + value + "] is not a music field; kept in place");
            inlineField(name, value, false);
        }
    }

    private void annotation() {
        int close = text.indexOf('"', pos + 1);
        if (close < 0) throw fail("an unclosed quote", "a closing '\"' for the chord symbol or annotation on this line");
        String body = text.substring(pos + 1, close);
        pos = close + 1;
        Annotation.Placement p = Annotation.Placement.CHORD;
        if (!body.isEmpty()) {
            for (Annotation.Placement q : Annotation.Placement.values()) {
                if (q != Annotation.Placement.CHORD && body.startsWith(q.prefix())) { p = q; body = body.substring(1); break; }
            }
        }
        current().elements.add(new Annotation(p, body));
    }

    private void bangDecoration() {
        int close = text.indexOf('!', pos + 1);
        String name = close < 0 ? null : text.substring(pos + 1, close);
        if (name == null || name.isEmpty() || name.length() > 24 || !name.matches("[A-Za-z0-9.()<>+\\-^_/]+")) {
            // ABC 2.0 tunebooks used '!' as a line break
            pos++;
            warn("'!' not closing a decoration; read as an old-style line break and ignored");
            return;
        }
        pos = close + 1;
        decoration(name);
    }

    private boolean plusDecoration() {
        int close = text.indexOf('+', pos + 1);
        if (close < 0) return false;
        String name = text.substring(pos + 1, close);
        if (!name.matches("[A-Za-z0-9.()<>\\-^_/]+")) return false;
        pos = close + 1;
        decoration(name);
        return true;
    }

    private void decoration(String name) {
        Decoration d = new Decoration(name);
        if (!d.isKnown()) warn("unknown decoration !" + name + "! kept");
        current().elements.add(d);
    }

    private void tuplet() {
        pos++; // (
        int p = digits();
        int q = 0, r = 0;
        if (more() && peek() == ':') {
            pos++;
            if (more() && Character.isDigit(peek())) q = digits();
            if (more() && peek() == ':') {
                pos++;
                if (more() && Character.isDigit(peek())) r = digits();
            }
        }
        VoiceState v = current();
        if (p < 2 || p > 9) throw fail("tuplet (" + p, "a tuplet of 2 to 9 notes such as (3 or (5:4:5");
        if (q == 0) q = Tuplet.defaultQ(p, v.meter);
        if (r == 0) r = p;
        if (q > 64 || r > 64) throw fail("tuplet (" + p + ":" + q + ":" + r, "q and r below 64");
        v.elements.add(new Tuplet(p, q, r));
        v.tupletLeft = r;
        v.tupletFactor = Duration.of(q, p);
    }

    private int digits() {
        int start = pos;
        while (more() && Character.isDigit(peek()) && pos - start < 6) pos++;
        if (start == pos) throw fail(more() ? show(peek()) : "end of line", "a number");
        return Integer.parseInt(text.substring(start, pos));
    }

    private void tie() {
        pos++;
        VoiceState v = current();
        if (v.lastTimed < 0 || v.lastTimed != lastIndex(v)) {
            // a tie after a bar line or a mark: tie the last note of the voice if there is one
            if (v.lastTimed >= 0) { setTie(v, v.lastTimed); return; }
            warn("tie '-' with no note before it in the bar; ignored");
            return;
        }
        setTie(v, v.lastTimed);
    }

    private static int lastIndex(VoiceState v) { return v.elements.size() - 1; }

    private void setTie(VoiceState v, int index) {
        Element e = v.elements.get(index);
        if (e instanceof Note n) {
            v.elements.set(index, n.withTie(true));
            v.acc.tieFrom(n.pitch()); // the note it ties into keeps this alteration
        } else if (e instanceof Chord c) {
            v.elements.set(index, new Chord(c.notes(), c.duration(), true));
        } else {
            warn("tie '-' after a rest; ignored");
        }
    }

    private void broken() {
        char c = peek();
        int n = 0;
        while (more() && peek() == c) { n++; pos++; }
        VoiceState v = current();
        if (v.lastTimed < 0) throw fail("broken rhythm '" + String.valueOf(c).repeat(n) + "'", "a note before it in the bar");
        if (n > 3) throw fail("broken rhythm of " + n + " signs", "at most three > or <");
        Duration shorter = Duration.of(1, 1L << n);
        Duration longer = Duration.of(2, 1).minus(shorter);
        // applied when the next note comes, if it is as long as this one (see timed)
        v.brokenPrev = c == '>' ? longer : shorter;
        v.brokenNext = c == '>' ? shorter : longer;
        v.brokenFrom = v.lastTimed;
        v.brokenSign = String.valueOf(c).repeat(n);
    }

    private static Element scale(Element e, Duration f) {
        if (e instanceof Note n) return n.withDuration(n.duration().times(f));
        if (e instanceof Chord c) {
            Duration d = c.duration().times(f);
            return new Chord(c.notes().stream().map(n -> n.withDuration(d)).toList(), d, c.tied());
        }
        if (e instanceof Rest r) return new Rest(r.duration().times(f), r.invisible(), r.bars());
        return e;
    }

    /** Length multiplier after a note: 2, /2, /, //, 3/2, 3/. */
    private Duration length() {
        long num = 1, den = 1;
        int start = pos;
        if (more() && Character.isDigit(peek())) num = number();
        while (more() && peek() == '/') {
            pos++;
            if (more() && Character.isDigit(peek())) {
                long d = number();
                if (d == 0) throw fail("length '" + text.substring(start, pos) + "'", "a divisor above 0, such as /2");
                den *= d;
            }
            else den *= 2;
            if (den > 1024) throw fail("length '" + text.substring(start, pos) + "'", "a note length such as 2, /2, 3/2 or //");
        }
        if (num == 0) throw fail("length 0", "a positive note length");
        return Duration.of(num, den);
    }

    private long number() {
        int start = pos;
        while (more() && Character.isDigit(peek())) pos++;
        if (pos - start > 4) throw fail("length '" + text.substring(start, pos) + "'", "a note length below 10000");
        return Long.parseLong(text.substring(start, pos));
    }

    /** Accidental, letter and octave marks of one note; returns {letter, octave, alter-or-null}. */
    private Object[] pitchPart() {
        int signAt = pos;
        Accidental acc = null;
        if (peek() == '^') { pos++; acc = Accidental.SHARP; if (more() && peek() == '^') { pos++; acc = Accidental.DOUBLE_SHARP; } }
        else if (peek() == '_') { pos++; acc = Accidental.FLAT; if (more() && peek() == '_') { pos++; acc = Accidental.DOUBLE_FLAT; } }
        else if (peek() == '=') { pos++; acc = Accidental.NATURAL; }
        if (acc != null && more() && (peek() == '/' || Character.isDigit(peek()))) {
            // ^/c, _3/4c, _22/100E (abc2midi's microtones): name the construct, not the character after the sign
            while (more() && (peek() == '/' || Character.isDigit(peek()))) pos++;
            String written = text.substring(signAt, pos);
            pos = signAt;
            throw fail("'" + written + "' (a microtone accidental, or a number where the note letter belongs)",
                    "^, ^^, _, __ or = and a note letter (microtones are not supported)");
        }
        char c = more() ? peek() : '\0';
        if (!isNoteLetter(c)) throw fail(show(c), "a note letter A-G or a-g after the accidental");
        pos++;
        int octave = Character.isUpperCase(c) ? 4 : 5;
        while (more() && (peek() == '\'' || peek() == ',')) { octave += peek() == '\'' ? 1 : -1; pos++; }
        if (octave < -1 || octave > 9) throw fail("octave " + octave, "a note between octave -1 and 9");
        return new Object[]{Character.toUpperCase(c), octave, acc};
    }

    private void note() {
        VoiceState v = current();
        Object[] pp = pitchPart();
        Duration len = length().times(v.unit);
        boolean tied = false;
        if (more() && peek() == '-') { tied = true; pos++; }
        Pitch p = v.acc.resolve((Character) pp[0], (Integer) pp[1], (Accidental) pp[2], tied);
        addTimed(v, new Note(p, (Accidental) pp[2], timed(v, len), tied));
    }

    private Duration timed(VoiceState v, Duration written) {
        Duration d = written;
        if (v.tupletLeft > 0) { d = d.times(v.tupletFactor); v.tupletLeft--; }
        if (v.brokenNext != null) {
            Element prev = v.elements.get(v.brokenFrom);
            if (prev.duration().equals(d)) {
                v.elements.set(v.brokenFrom, scale(prev, v.brokenPrev));
                d = d.times(v.brokenNext);
            } else {
                // ABC 2.1 (4.4) leaves broken rhythm between notes of unequal length undefined (this covers
                // a chain a>b>c too); like abc2midi we keep the written lengths, so the bar keeps its length
                warn("broken rhythm '" + v.brokenSign + "' between notes of unequal length ignored");
            }
            v.brokenNext = null;
        }
        return d;
    }

    private void addTimed(VoiceState v, Element e) {
        v.elements.add(e);
        v.lastTimed = v.elements.size() - 1;
    }

    private void rest() {
        VoiceState v = current();
        boolean invisible = peek() == 'x';
        pos++;
        Duration len = length().times(v.unit);
        v.acc.breakTie();
        addTimed(v, new Rest(timed(v, len), invisible, 0));
    }

    private void barRest() {
        VoiceState v = current();
        boolean invisible = peek() == 'X';
        pos++;
        int bars = more() && Character.isDigit(peek()) ? digits() : 1;
        if (bars < 1) throw fail("a rest of 0 bars", "Z or Zn with n >= 1");
        if (v.meter.isFree()) throw fail("a whole-bar rest Z in free meter", "a rest with a length (z4), since M:none has no bar length");
        v.acc.breakTie();
        addTimed(v, new Rest(v.meter.barLength().times(bars), invisible, bars));
    }

    private void chord() {
        VoiceState v = current();
        int open = pos;
        pos++;
        List<Note> notes = new ArrayList<>();
        Duration first = null;
        int slurEnds = 0;
        while (true) {
            if (!more()) { pos = open; throw fail("'[' without a closing ']'", "a chord such as [CEG] closed on the same line"); }
            char c = peek();
            if (c == ']') { pos++; break; }
            if (c == ' ') { pos++; continue; }
            if (c == '^' || c == '_' || c == '=' || isNoteLetter(c)) {
                Object[] pp = pitchPart();
                Duration len = length();
                boolean tied = false;
                if (more() && peek() == '-') { tied = true; pos++; }
                if (first == null) first = len;
                Pitch p = v.acc.resolve((Character) pp[0], (Integer) pp[1], (Accidental) pp[2], false);
                notes.add(new Note(p, (Accidental) pp[2], Duration.ZERO, tied));
                continue;
            }
            if (c == 'z' || c == 'x') {
                pos++;
                length();
                warn("rest inside a chord ignored");
                continue;
            }
            // decorations, annotations and slur starts on a chord's notes ([HC6HA6], ABC 2.1 4.17; [E4(e4]):
            // kept before the chord, as the model marks a chord and not its single notes; slur ends after it
            if (c == '"') { annotation(); continue; }
            if (c == '!') { bangDecoration(); continue; }
            if (c == '+') {
                // a '+' that opens no +decoration+ is refused, not skipped: reading Nottingham's one such
                // tune ([+GB], "Dance All Night") would change the published split of the zoo's models
                if (!plusDecoration()) throw fail("'+' inside a chord that opens no +decoration+", "a note, or a decoration such as +trill+");
                continue;
            }
            if (userSymbols.containsKey(c)) { pos++; decoration(userSymbols.get(c)); continue; }
            if (SHORT_DECORATIONS.containsKey(c)) { pos++; decoration(SHORT_DECORATIONS.get(c)); continue; }
            if (c == '(') {
                if (Character.isDigit(peek(1))) throw fail("a tuplet '(" + peek(1) + "' inside a chord", "a note or ']' (a tuplet goes before the chord)");
                pos++;
                v.elements.add(Slur.OPEN);
                continue;
            }
            if (c == ')') { pos++; slurEnds++; continue; }
            throw fail(show(c), "a note or ']' inside the chord");
        }
        if (notes.isEmpty()) { pos = open; throw fail("an empty chord '[]'", "at least one note in a chord"); }
        Duration len = first.times(length()).times(v.unit);
        boolean tied = false;
        if (more() && peek() == '-') { tied = true; pos++; }
        Duration d = timed(v, len);
        v.acc.breakTie();
        List<Note> sized = notes.stream().map(n -> n.withDuration(d)).toList();
        addTimed(v, new Chord(sized, d, tied));
        for (int k = 0; k < slurEnds; k++) v.elements.add(Slur.CLOSE);
    }

    private void grace() {
        VoiceState v = current();
        int open = pos;
        pos++;
        boolean acciaccatura = false;
        if (more() && peek() == '/') { acciaccatura = true; pos++; }
        List<Note> notes = new ArrayList<>();
        while (true) {
            if (!more()) { pos = open; throw fail("'{' without a closing '}'", "grace notes such as {ga} closed on the same line"); }
            char c = peek();
            if (c == '}') { pos++; break; }
            if (c == ' ') { pos++; continue; }
            if (c == '^' || c == '_' || c == '=' || isNoteLetter(c)) {
                Object[] pp = pitchPart();
                Duration len = length().times(v.unit);
                Pitch p = v.acc.resolve((Character) pp[0], (Integer) pp[1], (Accidental) pp[2], false);
                notes.add(new Note(p, (Accidental) pp[2], len, false));
                continue;
            }
            if (c == '[') { graceChord(v, notes); continue; }
            if (SHORT_DECORATIONS.containsKey(c) || c == '!' || userSymbols.containsKey(c)) {
                if (c == '!') { int close = text.indexOf('!', pos + 1); pos = close < 0 ? pos + 1 : close + 1; } else pos++;
                warn("decoration inside grace notes ignored");
                continue;
            }
            throw fail(show(c), "a note or '}' inside the grace notes");
        }
        v.acc.breakTie();
        if (notes.isEmpty()) { warn("empty grace notes '{}' ignored"); return; }
        v.elements.add(new GraceNotes(notes, acciaccatura));
    }

    /**
     * A chord inside grace notes ({@code {[Ge]}}, which abc2midi and abcm2ps read): a grace group here holds
     * single notes, so the chord's notes are kept in it one after another, as written, with a warning. That
     * keeps every pitch and the bar's accidentals as written; only their sounding together is lost.
     */
    private void graceChord(VoiceState v, List<Note> graces) {
        int open = pos;
        pos++;
        List<Note> chord = new ArrayList<>();
        while (true) {
            if (!more()) { pos = open; throw fail("'[' without a closing ']' inside grace notes", "a chord such as {[Ge]}"); }
            char c = peek();
            if (c == ']') { pos++; break; }
            if (c == ' ') { pos++; continue; }
            if (c == '^' || c == '_' || c == '=' || isNoteLetter(c)) {
                Object[] pp = pitchPart();
                Duration len = length().times(v.unit);
                Pitch p = v.acc.resolve((Character) pp[0], (Integer) pp[1], (Accidental) pp[2], false);
                chord.add(new Note(p, (Accidental) pp[2], len, false));
                continue;
            }
            throw fail(show(c), "a note or ']' in the chord inside the grace notes");
        }
        Duration factor = length();
        String written = text.substring(open, pos);
        if (chord.isEmpty()) { warn("empty chord '" + written + "' inside grace notes ignored"); return; }
        if (chord.size() > 1) warn("chord " + written + " inside grace notes kept as grace notes one after another");
        for (Note n : chord) graces.add(n.withDuration(n.duration().times(factor)));
    }
}
