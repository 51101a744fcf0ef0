package tunesmith.musicxml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tunesmith.music.Annotation;
import tunesmith.music.Bar;
import tunesmith.music.BarLine;
import tunesmith.music.Chord;
import tunesmith.music.Decoration;
import tunesmith.music.Duration;
import tunesmith.music.Element;
import tunesmith.music.GraceNotes;
import tunesmith.music.InlineField;
import tunesmith.music.Key;
import tunesmith.music.Meter;
import tunesmith.music.Mode;
import tunesmith.music.Note;
import tunesmith.music.Pitch;
import tunesmith.music.Rest;
import tunesmith.music.Slur;
import tunesmith.music.Tempo;
import tunesmith.music.Tune;
import tunesmith.music.Tuplet;
import tunesmith.music.Voice;
import tunesmith.musicxml.Score.Attributes;
import tunesmith.musicxml.Score.Barline;
import tunesmith.musicxml.Score.ClefSig;
import tunesmith.musicxml.Score.Direction;
import tunesmith.musicxml.Score.DirectionType;
import tunesmith.musicxml.Score.Harmony;
import tunesmith.musicxml.Score.KeySig;
import tunesmith.musicxml.Score.Measure;
import tunesmith.musicxml.Score.NoteOut;
import tunesmith.musicxml.Score.TimeSig;

/**
 * Lays a tune out as a {@link Score}: one part per voice, one measure per bar that holds music,
 * the notes as written (repeats and endings as marks, not unfolded), each length spelled as note
 * values (split and tied where one value cannot say it; tuplets and lengths no value can reach get
 * a time modification).
 */
final class ScoreBuilder {

    private ScoreBuilder() {}

    /** MIDI channels in the order voices get them, as {@code tunesmith.midi.Midi} gives them: all but 10 (drums), 1-based. */
    private static final int[] CHANNELS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16};
    private static final Pattern VOICE_NAME = Pattern.compile("(?:name|nm)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern CLEF = Pattern.compile(
            "(?i)(?:^|\\s)(?:clef\\s*=\\s*)?(treble|bass|alto|tenor|baritone|soprano|mezzosoprano|mezzo|perc|none)([1-5])?([+-](?:8|15))?(?=\\s|$)");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    /** Below middle C on average, a voice reads better in the bass clef. */
    private static final int LOW_VOICE_MEAN = 60;

    static Score build(Tune tune) {
        List<Voice> voices = tune.voices();
        List<List<Measure>> measures = new ArrayList<>();
        for (int i = 0; i < voices.size(); i++) measures.add(new VoiceBuilder(tune, voices.get(i), i).build());
        int count = measures.stream().mapToInt(List::size).max().orElse(0);
        // every part has every measure: a shorter voice rests to the end
        for (int k = 0; k < count; k++) {
            Duration longest = Duration.ZERO;
            for (List<Measure> part : measures) if (k < part.size() && part.get(k).length.isLongerThan(longest)) longest = part.get(k).length;
            for (List<Measure> part : measures) {
                if (k < part.size()) continue;
                Measure m = new Measure();
                if (longest.isPositive()) m.add(measureRest(longest));
                m.length = longest;
                part.add(m);
            }
        }
        Meter meter = tune.meter();
        boolean pickup = count > 1 && !meter.isFree() && measures.get(0).get(0).length.isPositive()
                && measures.get(0).get(0).length.isShorterThan(meter.barLength());
        for (List<Measure> part : measures) {
            for (int k = 0; k < part.size(); k++) {
                part.get(k).number = Integer.toString(pickup ? k : k + 1);
                part.get(k).implicit = pickup && k == 0; // an upbeat is not counted as a bar
            }
        }
        List<Score.Part> parts = new ArrayList<>();
        for (int i = 0; i < voices.size(); i++) {
            Voice v = voices.get(i);
            Matcher name = VOICE_NAME.matcher(v.properties());
            String named = name.find() && !name.group(1).isBlank() ? name.group(1).strip() : null;
            String shown = named != null ? named : voices.size() > 1 ? (v.id().isEmpty() ? "Voice " + (i + 1) : v.id()) : null;
            parts.add(new Score.Part("P" + (i + 1), shown != null ? shown : "Melody", shown != null,
                    CHANNELS[i % CHANNELS.length], measures.get(i)));
        }
        List<String> composers = tune.all('C').stream().filter(c -> !c.isBlank()).toList();
        return new Score(tune.title(), composers, parts);
    }

    static NoteOut measureRest(Duration length) {
        NoteOut r = new NoteOut();
        r.measureRest = true;
        r.duration = length;
        NoteValues.Value v = NoteValues.single(length);
        if (v != null) { r.type = v.type(); r.dots = v.dots(); }
        return r;
    }

    // ---- attributes -----------------------------------------------------------------------

    static KeySig keySig(Key k) {
        boolean traditional = k.isTonal() && !k.explicitOnly() && k.extra().isEmpty() && Math.abs(k.fifths()) <= 7;
        if (traditional) return new KeySig(k.fifths(), mode(k.mode()), null);
        // a signature no count of fifths gives (K:D ^c, K:Hp, K:G#): every altered letter named
        Map<Character, Integer> steps = new LinkedHashMap<>();
        for (char l : "CDEFGAB".toCharArray()) if (k.alterOf(l) != 0) steps.put(l, k.alterOf(l));
        // no signature at all (K:none, K:HP, K:C exp): C major's, with no mode, since MuseScore 3 reads no "none"
        return steps.isEmpty() ? new KeySig(0, null, null) : new KeySig(0, null, steps);
    }

    /**
     * MusicXML's mode for a key, or null to leave it out: MuseScore 3 reads only major and minor and
     * reports any other mode as an error, and the signature (fifths) says what a player needs.
     */
    private static String mode(Mode m) { return m == Mode.MAJOR || m == Mode.MINOR ? m.word() : null; }

    private static final Pattern METER_FRACTION = Pattern.compile("(\\d{1,3}(?:\\+\\d{1,3})*)/(\\d{1,3})");

    static TimeSig timeSig(Meter m) {
        if (m.isFree()) return new TimeSig(null, null, null, true);
        if (m.equals(Meter.COMMON)) return new TimeSig("4", "4", "common", false);
        if (m.equals(Meter.CUT)) return new TimeSig("2", "2", "cut", false);
        // the last n/d of the text: Essen's "FREI4/4" is a free rhythm counted in 4/4
        Matcher f = METER_FRACTION.matcher(m.text().replace("(", "").replace(")", ""));
        String beats = null, type = null;
        while (f.find()) { beats = f.group(1); type = f.group(2); }
        if (beats == null) return new TimeSig(null, null, null, true);
        return new TimeSig(beats, type, null, false);
    }

    /** The clef named in voice properties or on a K: line ({@code clef=bass}, {@code bass}, {@code treble-8}, {@code alto1}), or null. */
    static ClefSig clefOf(String text) {
        Matcher m = CLEF.matcher(QUOTED.matcher(text).replaceAll(" ")); // a name="Bass" is no clef
        if (!m.find()) return null;
        String name = m.group(1).toLowerCase(java.util.Locale.ROOT);
        ClefSig base = switch (name) {
            case "bass" -> new ClefSig("F", 4, 0);
            case "baritone" -> new ClefSig("F", 3, 0);
            case "alto" -> new ClefSig("C", 3, 0);
            case "tenor" -> new ClefSig("C", 4, 0);
            case "soprano" -> new ClefSig("C", 1, 0);
            case "mezzosoprano", "mezzo" -> new ClefSig("C", 2, 0);
            case "perc" -> new ClefSig("percussion", 0, 0);
            default -> new ClefSig("G", 2, 0);
        };
        int line = m.group(2) != null && !base.sign().equals("percussion") ? Integer.parseInt(m.group(2)) : base.line();
        int octave = 0;
        if (m.group(3) != null) octave = (m.group(3).startsWith("-") ? -1 : 1) * (m.group(3).endsWith("15") ? 2 : 1);
        return new ClefSig(base.sign(), line, octave);
    }

    /** A voice with no clef of its own: the bass clef when its notes lie below middle C on average, else the treble clef. */
    static ClefSig clefByRange(Voice v) {
        long sum = 0, n = 0;
        for (Bar b : v.bars()) {
            for (Element e : b.elements()) {
                if (e instanceof Note note) { sum += note.midi(); n++; }
                else if (e instanceof Chord c) for (Note note : c.notes()) { sum += note.midi(); n++; }
            }
        }
        return n > 0 && sum < (long) LOW_VOICE_MEAN * n ? new ClefSig("F", 4, 0) : new ClefSig("G", 2, 0);
    }

    /** A tempo direction for a Q: value (its quoted text as words, its beat as a metronome mark), or null when it says nothing. */
    static Direction tempo(String q, Duration unit) {
        List<DirectionType> types = new ArrayList<>();
        Matcher text = QUOTED.matcher(q);
        while (text.find()) if (!text.group(1).isBlank()) types.add(new Score.Words(text.group(1).strip()));
        Tempo t;
        try {
            t = Tempo.parse(q, unit);
        } catch (IllegalArgumentException | ArithmeticException e) {
            t = null; // an unreadable Q: changes nothing, as for the MIDI file
        }
        Double perQuarter = null;
        if (t != null) {
            NoteValues.Value beat = NoteValues.single(t.beat());
            if (beat != null) types.add(new Score.Metronome(beat.type(), beat.dots(), t.perMinute()));
            perQuarter = t.perMinute() * t.beat().quarters();
        }
        if (types.isEmpty() && perQuarter == null) return null;
        return new Direction("above", types, perQuarter); // with no types it is written as a bare <sound>
    }

    /**
     * A time modification: {@code actual} notes written in the time of {@code normal} (3 in 2 for a triplet),
     * {@code bracketed} for the notes of an ABC tuplet; {@link #NONE} for a plain note value.
     */
    record Modification(int actual, int normal, boolean bracketed) {
        static final Modification NONE = new Modification(0, 0, false);

        /** The written length of a note that lasts {@code d}. */
        Duration written(Duration d) { return actual == 0 ? d : d.times(Duration.of(actual, normal)); }

        /** How long a note written {@code w} lasts. */
        Duration performed(Duration w) { return actual == 0 ? w : w.times(Duration.of(normal, actual)); }
    }

    // ---- one voice ------------------------------------------------------------------------

    /** Reads one voice's bars in order, keeping what a note needs from what came before it. */
    private static final class VoiceBuilder {
        final Tune tune;
        final Voice voice;
        final int index;
        final List<Measure> out = new ArrayList<>();
        /** Per written bar: the notes a lyric syllable can go under (the first note of each note or chord). */
        final List<List<NoteOut>> syllableNotes = new ArrayList<>();
        /** Per measure: the marks of its bar that endings are worked out from. */
        final List<Bar> barOf = new ArrayList<>();

        Key key;
        Duration unit;
        Meter meter;
        Measure m;
        /** Accidentals shown in this measure, by letter and octave: a later note of that line or space keeps them. */
        final Map<String, Integer> shown = new HashMap<>();
        /** The last written pieces of notes whose tie waits for the next note. */
        List<NoteOut> tiedFrom = new ArrayList<>();
        final List<GraceNotes> graces = new ArrayList<>();
        final List<String> decorations = new ArrayList<>();
        int slursToStart;
        final List<NoteOut> openSlurs = new ArrayList<>();
        int nextSlur = 1;
        NoteOut lastNote;
        int tupletLeft, tupletP, tupletQ;
        NoteOut bracketFirst, bracketLast;
        /** The syllable notes of the bar being read. */
        List<NoteOut> current;

        VoiceBuilder(Tune tune, Voice voice, int index) {
            this.tune = tune;
            this.voice = voice;
            this.index = index;
            this.key = tune.key();
            this.unit = tune.unitLength();
            this.meter = tune.meter();
        }

        List<Measure> build() {
            List<Element> carried = new ArrayList<>();
            boolean carriedStart = false;
            String carriedEnding = null;
            List<Integer> lineBars = new ArrayList<>();
            for (Bar bar : voice.bars()) {
                List<NoteOut> syllables = new ArrayList<>();
                syllableNotes.add(syllables);
                lineBars.add(syllableNotes.size() - 1);
                if (!bar.hasMusic()) {
                    // a bar of only marks: they go with the next bar, its closing line with the bar before
                    carried.addAll(bar.elements());
                    carriedStart |= bar.repeatStart();
                    if (bar.ending() != null) carriedEnding = bar.ending();
                    if (!out.isEmpty() && (bar.repeatEnd() || bar.end().closesSection())) {
                        Bar prev = barOf.get(barOf.size() - 1);
                        barOf.set(barOf.size() - 1, new Bar(prev.elements(), prev.repeatStart(), prev.ending(),
                                bar.end().closesSection() ? bar.end() : prev.end(), prev.repeatEnd() || bar.repeatEnd(), prev.endsLine(), prev.lyrics()));
                    }
                } else {
                    Bar marks = new Bar(bar.elements(), bar.repeatStart() || carriedStart, bar.ending() != null ? bar.ending() : carriedEnding,
                            bar.end(), bar.repeatEnd(), bar.endsLine(), bar.lyrics());
                    startMeasure(marks);
                    current = syllables;
                    for (Element e : carried) element(e);
                    for (Element e : bar.elements()) element(e);
                    closeBracket();
                    wholeBarRest();
                    out.add(m);
                    carried.clear();
                    carriedStart = false;
                    carriedEnding = null;
                }
                if (!bar.lyrics().isEmpty()) {
                    List<List<NoteOut>> line = new ArrayList<>();
                    for (int b : lineBars) line.add(syllableNotes.get(b));
                    Lyrics.align(line, bar.lyrics());
                }
                if (bar.endsLine() || !bar.lyrics().isEmpty()) lineBars.clear();
            }
            for (NoteOut n : tiedFrom) n.tieStart = false; // a tie at the end leads nowhere
            for (NoteOut n : openSlurs) n.slurStarts.remove(Integer.valueOf(slurNumber(n)));
            if (out.isEmpty()) { // a voice of only marks still is a part
                startMeasure(Bar.of(List.of()));
                out.add(m);
            }
            barlines();
            return out;
        }

        private void startMeasure(Bar marks) {
            m = new Measure();
            barOf.add(marks);
            shown.clear();
            if (out.isEmpty()) {
                ClefSig clef = clefOf(voice.properties());
                if (clef == null) clef = clefOf(tune.key().rest());
                if (clef == null) clef = clefByRange(voice);
                m.add(new Attributes(keySig(key), timeSig(meter), clef));
                if (index == 0) tune.field('Q').map(q -> tempo(q, unit)).ifPresent(m::add);
            }
        }

        private void element(Element e) {
            if (e instanceof Note n) sound(List.of(n), n.duration(), n.tied());
            else if (e instanceof Chord c) sound(c.notes(), c.duration(), c.tied());
            else if (e instanceof Rest r) rest(r);
            else if (e instanceof GraceNotes g) graces.add(g);
            else if (e instanceof Decoration d) decoration(d.name());
            else if (e instanceof Annotation a) annotation(a);
            else if (e instanceof Slur s) { if (s.start()) slursToStart++; else closeSlur(); }
            else if (e instanceof Tuplet t) { closeBracket(); tupletLeft = t.r(); tupletP = t.p(); tupletQ = t.q(); }
            else if (e instanceof InlineField f) field(f);
        }

        // ---- notes ---------------------------------------------------------------------------

        /** The time modification of a note of this length, taking the next place of a running tuplet. */
        private Modification modification(Duration d) {
            if (tupletLeft > 0) {
                tupletLeft--;
                if (NoteValues.dyadic(d.times(Duration.of(tupletP, tupletQ)))) return new Modification(tupletP, tupletQ, true);
            }
            if (NoteValues.dyadic(d)) return Modification.NONE;
            // a length no note value reaches (1/12 from broken rhythm in L:1/4 ...): its odd factor as a tuplet without bracket
            long odd = d.denominator() / Long.lowestOneBit(d.denominator());
            if (odd > 99) throw new IllegalArgumentException("a length of " + d + " of a whole note cannot be written as a note value"
                    + " (its time modification " + odd + ":" + Long.highestOneBit(odd) + " is too fine)");
            return new Modification((int) odd, (int) Long.highestOneBit(odd), false);
        }

        private void sound(List<Note> notes, Duration d, boolean allTied) {
            if (!d.isPositive()) {
                graces.clear(); // nothing sounds: as in the MIDI file, its grace notes go with it
                if (tupletLeft > 0) tupletLeft--;
                return;
            }
            Modification mod = modification(d);
            List<NoteValues.Value> values = NoteValues.split(mod.written(d));
            writeGraces();
            List<NoteOut> waiting = tiedFrom;
            List<NoteOut> nowTied = new ArrayList<>();
            NoteOut first = null, lastFirst = null;
            for (int k = 0; k < values.size(); k++) {
                NoteValues.Value v = values.get(k);
                for (int j = 0; j < notes.size(); j++) {
                    Note n = notes.get(j);
                    NoteOut o = piece(v, mod);
                    o.pitch = checked(n.pitch());
                    o.chord = j > 0;
                    if (k == 0) {
                        NoteOut from = null;
                        for (NoteOut w : waiting) if (w.pitch.midi() == n.pitch().midi()) { from = w; break; }
                        if (from != null) { waiting.remove(from); o.tieStop = true; }
                        o.accidental = accidental(n, from != null && from.pitch.equals(n.pitch()));
                    } else {
                        o.tieStop = true;
                    }
                    if (k < values.size() - 1) o.tieStart = true;
                    else if (allTied || n.tied()) { o.tieStart = true; nowTied.add(o); }
                    m.add(o);
                    if (j == 0 && k == 0) first = o;
                    if (j == 0) lastFirst = o;
                }
            }
            for (NoteOut w : waiting) w.tieStart = false; // the next note is not of that pitch: no tie to draw
            tiedFrom = nowTied;
            marks(first, lastFirst, mod);
            current.add(first);
            m.length = m.length.plus(d);
        }

        private void rest(Rest r) {
            graces.clear(); // grace notes before a rest have nothing to lean on (nor in the MIDI file)
            for (NoteOut w : tiedFrom) w.tieStart = false;
            tiedFrom = new ArrayList<>();
            if (!r.duration().isPositive()) return;
            if (r.isMultiBar()) {
                // Z4: four measures of rest; the bar's marks stay on the first, its closing line on the last
                Duration each = r.duration().dividedBy(r.bars());
                for (int k = 0; k < r.bars(); k++) {
                    if (k > 0) {
                        out.add(m);
                        m = new Measure();
                        Bar marks = barOf.remove(barOf.size() - 1); // the closing line and lyrics move on to the last rest
                        barOf.add(new Bar(marks.elements(), marks.repeatStart(), marks.ending(), BarLine.SINGLE, false, false, List.of()));
                        barOf.add(new Bar(List.of(), false, null, marks.end(), marks.repeatEnd(), marks.endsLine(), marks.lyrics()));
                        shown.clear();
                    }
                    NoteOut o = measureRest(each);
                    o.invisible = r.invisible();
                    m.add(o);
                    m.length = m.length.plus(each);
                }
                decorations.clear();
                return;
            }
            Modification mod = modification(r.duration());
            List<NoteValues.Value> values = NoteValues.split(mod.written(r.duration()));
            NoteOut first = null, last = null;
            for (NoteValues.Value v : values) {
                NoteOut o = piece(v, mod);
                o.invisible = r.invisible();
                m.add(o);
                if (first == null) first = o;
                last = o;
            }
            decorations.removeIf(d -> !d.equals("fermata") && !d.equals("invertedfermata")); // a rest takes a fermata, nothing else
            marks(first, last, mod);
            m.length = m.length.plus(r.duration());
        }

        /** A bar of one rest as long as the meter's bar is a measure rest, drawn in the middle of the measure. */
        private void wholeBarRest() {
            if (meter.isFree() || !m.length.equals(meter.barLength())) return;
            List<NoteOut> timed = new ArrayList<>();
            for (Score.Item i : m.items) if (i instanceof NoteOut o && !o.grace && !o.chord) timed.add(o);
            if (timed.size() == 1 && timed.get(0).isRest() && timed.get(0).actual == 0) timed.get(0).measureRest = true;
        }

        private static NoteOut piece(NoteValues.Value v, Modification mod) {
            NoteOut o = new NoteOut();
            o.type = v.type();
            o.dots = v.dots();
            o.duration = mod.performed(v.length());
            o.actual = mod.actual();
            o.normal = mod.normal();
            return o;
        }

        private Pitch checked(Pitch p) {
            // MusicXML's octaves are 0..9; the model reaches down to octave -1
            if (p.octave() < 0) throw new IllegalArgumentException("note " + p + " in voice " + (index + 1) + ", measure " + (out.size() + 1)
                    + " is below MusicXML's lowest octave (0); transpose the tune up an octave: tune.transpose(12)");
            return p;
        }

        /** Decorations, slurs and tuplet brackets of the note or rest just written ({@code first} piece to {@code last}). */
        private void marks(NoteOut first, NoteOut last, Modification mod) {
            for (String d : decorations) decorate(first, d);
            decorations.clear();
            if (!first.isRest()) {
                for (; slursToStart > 0; slursToStart--) {
                    first.slurStarts.add(nextSlur);
                    openSlurs.add(first);
                    nextSlur = nextSlur % 6 + 1; // MusicXML numbers slurs 1..6 at once
                }
                lastNote = last;
            }
            if (mod.bracketed()) {
                if (bracketFirst == null) bracketFirst = first;
                bracketLast = last;
            }
            if (tupletLeft == 0) closeBracket();
        }

        private void closeBracket() {
            if (bracketFirst != null) {
                bracketFirst.tupletStart = true;
                bracketLast.tupletStop = true;
            }
            bracketFirst = bracketLast = null;
        }

        private void closeSlur() {
            if (openSlurs.isEmpty() || lastNote == null) return; // a ')' with no '(' before it draws nothing
            NoteOut start = openSlurs.remove(openSlurs.size() - 1);
            int number = slurNumber(start);
            if (start == lastNote) { start.slurStarts.remove(Integer.valueOf(number)); return; } // a slur over one note
            lastNote.slurStops.add(number);
        }

        /** The number of the last slur started on this note that is still open. */
        private int slurNumber(NoteOut start) { return start.slurStarts.get(start.slurStarts.size() - 1); }

        private void writeGraces() {
            for (GraceNotes g : graces) {
                for (Note n : g.notes()) {
                    NoteOut o = new NoteOut();
                    o.grace = true;
                    o.graceSlash = g.acciaccatura();
                    o.pitch = checked(n.pitch());
                    NoteValues.Value v = n.duration().isPositive() ? NoteValues.single(n.duration()) : null;
                    o.type = v != null ? v.type() : "eighth";
                    o.dots = v != null ? v.dots() : 0;
                    o.accidental = accidental(n, false);
                    m.add(o);
                }
            }
            graces.clear();
        }

        /**
         * The accidental to print: where ABC writes one, and wherever the key and the accidentals
         * already shown in this measure on that line or space would read another pitch. A note tied
         * over from the same pitch prints none.
         */
        private String accidental(Note n, boolean tiedOver) {
            Pitch p = n.pitch();
            if (tiedOver && n.written() == null) return null;
            String place = "" + p.letter() + p.octave();
            int reads = shown.getOrDefault(place, key.alterOf(p.letter()));
            if (reads == p.alter() && n.written() == null) return null;
            shown.put(place, p.alter());
            return ScoreWriter.accidental(p.alter());
        }

        // ---- marks ---------------------------------------------------------------------------

        private static final Map<String, String> ARTICULATIONS = Map.ofEntries(Map.entry("staccato", "staccato"),
                Map.entry("accent", "accent"), Map.entry("emphasis", "accent"), Map.entry(">", "accent"), Map.entry("tenuto", "tenuto"),
                Map.entry("marcato", "strong-accent"), Map.entry("umarcato", "strong-accent"), Map.entry("breath", "breath-mark"),
                Map.entry("wedge", "staccatissimo"));
        private static final Map<String, String> ORNAMENTS = Map.ofEntries(Map.entry("trill", "trill-mark"), Map.entry("tr", "trill-mark"),
                Map.entry("lowermordent", "mordent"), Map.entry("mordent", "mordent"), Map.entry("lmordent", "mordent"),
                Map.entry("uppermordent", "inverted-mordent"), Map.entry("pralltriller", "inverted-mordent"),
                Map.entry("umordent", "inverted-mordent"), Map.entry("turn", "turn"), Map.entry("invertedturn", "inverted-turn"));
        private static final Map<String, String> TECHNICAL = Map.of("upbow", "up-bow", "downbow", "down-bow", "open", "open-string",
                "thumb", "thumb-position", "snap", "snap-pizzicato");
        private static final java.util.Set<String> DYNAMICS = java.util.Set.of("pppp", "ppp", "pp", "p", "mp", "mf", "f", "ff", "fff", "ffff", "sfz");

        private void decoration(String name) {
            if (DYNAMICS.contains(name)) {
                m.add(new Direction("below", List.of(new Score.Dynamics(name)), null));
                return;
            }
            decorations.add(name);
        }

        /**
         * A decoration on its note. MusicXML has no Irish roll ({@code ~}), and navigation marks (segno,
         * coda, D.C.) would make a score player jump where the MIDI file does not: those are left out.
         */
        private static void decorate(NoteOut o, String name) {
            if (name.equals("fermata")) o.fermata = "upright";
            else if (name.equals("invertedfermata")) o.fermata = "inverted";
            else if (ARTICULATIONS.containsKey(name)) add(o.articulations, ARTICULATIONS.get(name));
            else if (ORNAMENTS.containsKey(name)) add(o.ornaments, ORNAMENTS.get(name));
            else if (TECHNICAL.containsKey(name)) add(o.technical, TECHNICAL.get(name));
        }

        private static void add(List<String> list, String s) { if (!list.contains(s)) list.add(s); }

        private void annotation(Annotation a) {
            String text = a.text().strip();
            if (text.isEmpty()) return;
            if (a.isChordSymbol()) {
                var chord = ChordSymbol.parse(text);
                if (chord.isPresent()) { m.add(new Harmony(chord.get())); return; }
            }
            m.add(new Direction(a.placement() == Annotation.Placement.BELOW ? "below" : "above", List.of(new Score.Words(text)), null));
        }

        /** Attributes where nothing has sounded since the last ones (a K: or M: line right after the header) join them: MuseScore refuses two time signatures at one place. */
        private void attributes(Attributes a) {
            for (int i = m.items.size() - 1; i >= 0; i--) {
                Score.Item item = m.items.get(i);
                if (item instanceof NoteOut o && !o.grace) break;
                if (item instanceof Attributes before) {
                    m.items.set(i, new Attributes(a.key() != null ? a.key() : before.key(), a.time() != null ? a.time() : before.time(),
                            a.clef() != null ? a.clef() : before.clef()));
                    return;
                }
            }
            m.add(a);
        }

        private void field(InlineField f) {
            try {
                switch (f.name()) {
                    case 'K' -> {
                        Key changed = Key.change(key, f.value());
                        ClefSig clef = clefOf(f.value());
                        if (!changed.equals(key) || clef != null) attributes(new Attributes(changed.equals(key) ? null : keySig(changed), null, clef));
                        key = changed;
                    }
                    case 'M' -> {
                        meter = Meter.parse(f.value());
                        attributes(new Attributes(null, timeSig(meter), null));
                    }
                    case 'L' -> unit = Duration.parse(f.value());
                    case 'Q' -> {
                        Direction d = tempo(f.value(), unit);
                        if (d != null) m.add(d);
                    }
                    case 'P' -> {
                        if (!f.value().isBlank()) m.add(new Direction("above", List.of(new Score.Rehearsal(f.value().strip())), null));
                    }
                    default -> { }
                }
            } catch (IllegalArgumentException | ArithmeticException e) {
                // a field the reader kept but could not fully read changes nothing, as in the MIDI file
            }
        }

        // ---- bar lines, repeats and endings --------------------------------------------------

        private void barlines() {
            int n = out.size();
            java.util.Set<Integer> starts = sectionStarts();
            for (int i = 0; i < n; i++) {
                Bar b = barOf.get(i);
                Measure ms = out.get(i);
                if (b.repeatStart() || starts.contains(i)) {
                    left(ms).repeat = "forward";
                    left(ms).style = "heavy-light";
                }
                if (b.repeatEnd()) {
                    right(ms).repeat = "backward";
                    right(ms).style = "light-heavy";
                } else {
                    String style = switch (b.end()) {
                        case DOUBLE -> "light-light";
                        case FINAL -> "light-heavy";
                        case THICK_THIN -> "heavy-light";
                        case DOTTED -> "dotted";
                        default -> null;
                    };
                    if (style != null) right(ms).style = style;
                }
                String number = endingNumber(b.ending());
                if (number == null) continue;
                // an ending runs to a repeat sign, a double or final bar line, or the start of the next ending or repeat
                int j = i;
                while (j + 1 < n && !barOf.get(j).repeatEnd() && !barOf.get(j).end().closesSection()
                        && barOf.get(j + 1).ending() == null && !barOf.get(j + 1).repeatStart()) j++;
                Barline start = left(ms), stop = right(out.get(j));
                start.endingNumber = stop.endingNumber = number;
                start.endingType = "start";
                start.endingText = b.ending().strip() + ".";
                stop.endingType = barOf.get(j).repeatEnd() ? "stop" : "discontinue";
            }
        }

        /**
         * Where a {@code :|} with no {@code |:} before it goes back to, when that is not the start of the
         * tune: ABC players (abc2midi, and our MIDI file) go back to just after the previous {@code :|}, or
         * after a double bar line once a section has been repeated; a score player goes back to the last
         * forward repeat or the start. A forward repeat written there makes both play the same.
         */
        private java.util.Set<Integer> sectionStarts() {
            java.util.Set<Integer> starts = new java.util.TreeSet<>();
            int start = 0;
            boolean explicit = false, repeated = false, ending = false;
            for (int i = 0; i < barOf.size(); i++) {
                Bar b = barOf.get(i);
                if (b.repeatStart()) { start = i; explicit = true; }
                if (b.ending() != null) ending = true;
                if (b.repeatEnd()) {
                    if (!explicit && start > 0) starts.add(start);
                    if (!ending) { start = i + 1; explicit = false; repeated = true; } // a 1st ending's :| is not played last time round
                } else if (b.end().closesSection() && (ending || repeated && !explicit)) {
                    start = i + 1;
                    explicit = false;
                    repeated = true;
                }
                if (b.repeatEnd() || b.end().closesSection()) ending = false;
            }
            return starts;
        }

        private static Barline left(Measure ms) { return ms.left != null ? ms.left : (ms.left = new Barline()); }

        private static Barline right(Measure ms) { return ms.right != null ? ms.right : (ms.right = new Barline()); }

        /** "1", "2", "1,3", "1-3" as MusicXML numbers them ("1, 3", "1, 2, 3"); null for a text label, which every pass plays. */
        static String endingNumber(String label) {
            if (label == null) return null;
            java.util.TreeSet<Integer> numbers = new java.util.TreeSet<>();
            for (String part : label.split(",")) {
                String p = part.strip();
                Matcher range = Pattern.compile("(\\d{1,2})\\s*-\\s*(\\d{1,2})").matcher(p);
                if (range.matches()) {
                    for (int k = Integer.parseInt(range.group(1)); k <= Integer.parseInt(range.group(2)); k++) if (k > 0) numbers.add(k);
                } else if (p.matches("\\d{1,2}") && Integer.parseInt(p) > 0) {
                    numbers.add(Integer.parseInt(p));
                }
            }
            if (numbers.isEmpty()) return null;
            return String.join(", ", numbers.stream().map(String::valueOf).toList());
        }
    }
}
