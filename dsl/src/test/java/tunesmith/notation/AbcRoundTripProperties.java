package tunesmith.notation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
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
import tunesmith.music.NoteEvent;
import tunesmith.music.Pitch;
import tunesmith.music.Rest;
import tunesmith.music.Slur;
import tunesmith.music.Tune;
import tunesmith.music.Tuplet;
import tunesmith.music.Voice;

/**
 * Properties of the ABC writer and reader and of the music model, over generated tunes.
 *
 * <p>Tunes are built directly as model objects: meters (C, C|, 6/8, 9/8, none, ...), unit lengths
 * 1/8 and 1/16, keys on every tonic in all seven modes, bars of notes with random accidentals in
 * octaves 2..7 and lengths (dotted, halves, quarters), rests, chords, ties, tuplets, grace notes,
 * decorations, chord symbols, annotations, slurs, repeats and endings, inline key, meter and
 * length changes, and one to three voices. Written accidentals are then made consistent with
 * {@link Accidentals#respell}, as a tune made in code would be. Bars are generated one by one so
 * that jqwik can shrink a failing tune by dropping bars; a few rules that only concern the form
 * of a tune (a whole-bar rest lasts a bar of the meter in force, a bar before a field line ends
 * its line) are applied after shrinking, in {@link #assemble}.
 */
class AbcRoundTripProperties {

    // ---- the round trip -------------------------------------------------------------------------

    @Property(tries = 400)
    void aWrittenTuneReadsBackEqual(@ForAll("tunes") Tune tune) {
        assertRoundTrip(tune);
    }

    @Property(tries = 200)
    void aTransposedTuneReadsBackEqual(@ForAll("tunes") Tune tune, @ForAll @IntRange(min = -11, max = 11) int semitones) {
        assertRoundTripUnlessKnownIssue(tune.transpose(semitones));
    }

    /**
     * The round trip, except while the known tie bug stands for a tune that has a tie into another
     * alteration of the same letter: transposition can make one, when it respells a double sharp
     * or flat (E double flat tied to D becomes D flat tied to D when moved down a semitone).
     */
    static void assertRoundTripUnlessKnownIssue(Tune tune) {
        if (AVOID_TIE_INTO_ANOTHER_ALTERATION && hasTieIntoAnotherAlteration(tune)) return;
        assertRoundTrip(tune);
    }

    static boolean hasTieIntoAnotherAlteration(Tune tune) {
        for (Voice v : tune.voices()) {
            Pitch tiedFrom = null;
            for (Bar b : v.bars()) {
                for (Element e : b.elements()) {
                    Pitch next = e instanceof Note n ? n.pitch() : e instanceof Chord c ? c.notes().get(0).pitch()
                            : e instanceof GraceNotes g ? g.notes().get(0).pitch() : null;
                    if (next != null && tiedFrom != null && next.letter() == tiedFrom.letter() && next.octave() == tiedFrom.octave()
                            && next.alter() != tiedFrom.alter()) return true;
                    if (e instanceof Note n) tiedFrom = n.tied() ? n.pitch() : null;
                    else if (e instanceof Chord || e instanceof GraceNotes || e instanceof Rest) tiedFrom = null;
                }
            }
        }
        return false;
    }

    static void assertRoundTrip(Tune tune) {
        String abc = AbcWriter.write(tune);
        Tune back;
        try {
            back = AbcReader.readTune(abc);
        } catch (RuntimeException e) {
            throw new AssertionError("the written ABC does not read: " + e.getMessage() + "\n" + AbcTestSupport.numbered(abc), e);
        }
        if (!back.equals(tune)) {
            throw new AssertionError("the written ABC reads back as a different tune:\n" + AbcTestSupport.diff(tune, back)
                    + "written ABC:\n" + AbcTestSupport.numbered(abc));
        }
    }

    // ---- examples of the round trip ------------------------------------------------------------

    @Example
    void aLineThatStartsWithALetterAndAColonStaysMusic() {
        // one-note bars closed by a repeat: written naively, "X:|" starts a new tune and "A:[|" reads as a field
        for (String body : List.of("X :|", "A :[|", "z2|\nA :|", "|:D4:|\nE :|\nX :|]", "[|C:|]", "B :.|")) {
            Tune t = AbcReader.readTune("X:1\nT:Colons\nM:4/4\nL:1/4\nK:G\n" + body + "\n");
            assertRoundTrip(t);
        }
    }

    /** Repeat dots beside a section sign are written as abc2midi reads them, and read back as the same bars. */
    @Example
    void repeatDotsBesideASectionSignAreWrittenAsAbc2midiReadsThem() {
        // abc2midi: "||:" and "|]:" open no repeat, ":||" carries no short bar over, ":[|" and ":.|" close no repeat
        Tune t = AbcReader.readTune("X:1\nT:Signs\nM:4/4\nL:1/4\nK:G\nA4 || |: B4 :| || c4 |] |: d4 :|] |: e4 :| [| f4 :| .| g4 :: a4 :|\n");
        String abc = AbcWriter.write(t);
        for (String s : List.of("|| |:", ":| ||", "|] |:", ":|] |:", ":| [|", ":| .|", "::"))
            org.junit.jupiter.api.Assertions.assertTrue(abc.contains(s), s + " in\n" + abc);
        for (String s : List.of("||:", "|]:", ":||", ":[|", ":.|", ":|:"))
            org.junit.jupiter.api.Assertions.assertFalse(abc.contains(s), s + " in\n" + abc);
        assertRoundTrip(t);
    }

    @Example
    void aFieldAfterKThatLooksLikeABarLineStaysAField() {
        Tune t = AbcReader.readTune("X:1\nT:Words\nK:D\nDEFG|\n");
        List<Field> fs = new ArrayList<>(t.fields());
        fs.add(new Field('W', "|: la la, :|"));
        fs.add(new Field('N', ":-)"));
        assertRoundTrip(t.withFields(fs));
    }

    /** A tie into another alteration of the same note keeps its accidental when written. */
    @Example
    void aTieIntoAnotherAlterationKeepsItsAccidental() {
        // F natural tied over the bar to F sharp in D major: written "=F-|F", which reads as F natural twice
        Tune t = AbcReader.readTune("X:1\nT:Tie\nK:D\n=F4-|^F4|\n");
        assertEquals(List.of(new Pitch('F', 0, 4), new Pitch('F', 1, 4)), allPitches(t));
        Tune moved = t.transpose(2); // G natural tied to G sharp in E major
        assertEquals(List.of(new Pitch('G', 0, 4), new Pitch('G', 1, 4)), allPitches(moved));
        assertRoundTrip(moved);
    }

    /** A '%' in field text is written as "\\%" and read back as '%'. */
    @Example
    void aPercentSignInAFieldSurvivesTheRoundTrip() {
        Tune t = AbcReader.readTune("X:1\nT:Reel\nK:D\nDEFG|\n").withTitle("100% Irish");
        assertEquals("100% Irish", AbcReader.readTune(AbcWriter.write(t)).title());
    }

    // ---- music laws: transposition ------------------------------------------------------------

    @Property(tries = 300)
    void transposingThereAndBackGivesTheSamePitches(@ForAll("tunes") Tune tune, @ForAll @IntRange(min = -11, max = 11) int n) {
        Tune back = tune.transpose(n).transpose(-n);
        assertEquals(allMidi(tune), allMidi(back), "MIDI numbers after transpose(" + n + ").transpose(" + -n + ")");
    }

    /**
     * In the simplest keys (no sharps or flats: C, Am, Ddor, ...) with single accidentals, going
     * there and back also gives back the spelling of every note, and the key.
     */
    @Property(tries = 300)
    void transposingThereAndBackInASimpleKeyKeepsTheSpelling(@ForAll("simpleKeyTunes") Tune tune,
                                                              @ForAll @IntRange(min = -11, max = 11) int n) {
        Tune back = tune.transpose(n).transpose(-n);
        assertEquals(allPitches(tune), allPitches(back), "spelled pitches after transpose(" + n + ").transpose(" + -n + ")");
        assertEquals(tune.key(), back.key());
    }

    @Property(tries = 300)
    void transposeShiftsEveryMelodyPitchByExactlyN(@ForAll("tunes") Tune tune, @ForAll @IntRange(min = -12, max = 12) int n) {
        List<NoteEvent> before = tune.melody(), after = tune.transpose(n).melody();
        assertEquals(before.size(), after.size(), "melody length");
        for (int i = 0; i < before.size(); i++) {
            NoteEvent a = before.get(i), b = after.get(i);
            assertEquals(a.midi() + n, b.midi(), "note " + i + " " + a.pitch() + " moved by " + n);
            assertEquals(a.onset(), b.onset());
            assertEquals(a.duration(), b.duration());
        }
        assertEquals(shifted(allMidi(tune), n), allMidi(tune.transpose(n)), "every note of every voice moves by " + n);
    }

    @Property(tries = 300)
    void transposeToLandsInTheTargetKey(@ForAll("tonalTunes") Tune tune, @ForAll("tonics") String tonic) {
        Key target = Key.parse(tonic + tune.key().mode().abc());
        Tune moved = tune.transposeTo(target);
        Key landed = moved.key();
        assertEquals(target.tonicName(), landed.tonicName(), "tonic after transposeTo(" + target + ") from " + tune.key());
        assertEquals(target.mode(), landed.mode());
        int semis = Math.floorMod(target.tonicPitchClass() - tune.key().tonicPitchClass(), 12);
        List<Integer> a = allMidi(tune), b = allMidi(moved);
        assertEquals(a.size(), b.size());
        if (!a.isEmpty()) {
            int d = b.get(0) - a.get(0);
            assertTrue(d >= -6 && d <= 6 && Math.floorMod(d, 12) == semis, "moved by " + d + " semitones, the nearer way to " + target);
            assertEquals(shifted(a, d), b, "every note moves by the same interval");
        }
        assertRoundTripUnlessKnownIssue(moved);
    }

    private static List<Integer> shifted(List<Integer> midi, int n) { return midi.stream().map(m -> m + n).toList(); }

    /** MIDI numbers of every note of every voice (chord notes and grace notes included), in order. */
    static List<Integer> allMidi(Tune t) { return allPitches(t).stream().map(Pitch::midi).toList(); }

    static List<Pitch> allPitches(Tune t) {
        List<Pitch> out = new ArrayList<>();
        for (Voice v : t.voices()) {
            for (Bar b : v.bars()) {
                for (Element e : b.elements()) {
                    if (e instanceof Note n) out.add(n.pitch());
                    else if (e instanceof Chord c) c.notes().forEach(n -> out.add(n.pitch()));
                    else if (e instanceof GraceNotes g) g.notes().forEach(n -> out.add(n.pitch()));
                }
            }
        }
        return out;
    }

    // ---- music laws: pitches, durations, keys ---------------------------------------------------

    @Property(tries = 500)
    void pitchTransposeKeepsMidiPlusSemitones(@ForAll("pitches") Pitch p, @ForAll @IntRange(min = -14, max = 14) int steps,
                                               @ForAll @IntRange(min = -24, max = 24) int semitones) {
        Pitch q = p.transpose(steps, semitones);
        assertEquals(p.midi() + semitones, q.midi(), p + ".transpose(" + steps + ", " + semitones + ") = " + q);
        int d = p.diatonic() + steps;
        int naturalMidi = 12 * (Math.floorDiv(d, 7) + 1) + new int[]{0, 2, 4, 5, 7, 9, 11}[Math.floorMod(d, 7)];
        int impliedAlter = p.midi() + semitones - naturalMidi;
        if (impliedAlter >= -2 && impliedAlter <= 2) {
            assertEquals(p.diatonic() + steps, q.diatonic(), "the interval's letter steps decide the spelling: " + p + " -> " + q);
        }
    }

    @Property(tries = 300)
    void pitchFromMidiIsExact(@ForAll @IntRange(min = 0, max = 127) int midi, @ForAll boolean flats) {
        Pitch p = Pitch.fromMidi(midi, flats);
        assertEquals(midi, p.midi());
        assertTrue(Math.abs(p.alter()) <= 1);
        assertEquals(p, Pitch.parse(p.name()));
    }

    @Property(tries = 500)
    void durationArithmeticIsExact(@ForAll("durations") Duration a, @ForAll("durations") Duration b, @ForAll("durations") Duration c) {
        assertEquals(a, a.plus(b).minus(b), "a + b - b = a");
        assertEquals(a.plus(b), b.plus(a), "a + b = b + a");
        assertEquals(a.plus(b).plus(c), a.plus(b.plus(c)), "(a + b) + c = a + (b + c)");
        assertEquals(a, a.plus(Duration.ZERO));
        assertEquals(Duration.ZERO, a.minus(a));
        assertEquals(a.times(b.plus(c)), a.times(b).plus(a.times(c)), "a(b + c) = ab + ac");
        if (!b.isZero()) assertEquals(a, a.times(b).dividedBy(b), "a * b / b = a");
        assertEquals(a, a.times(3).dividedBy(3));
        assertEquals(a, Duration.parse(a.toString()), "parse(toString())");
        assertTrue(a.denominator() > 0, "denominator positive");
        assertEquals(1, java.math.BigInteger.valueOf(a.numerator()).gcd(java.math.BigInteger.valueOf(a.denominator())).intValue(), "lowest terms: " + a);
        assertEquals(a, Duration.of(a.numerator() * 6, a.denominator() * 6), "equal fractions are equal");
        assertEquals(Integer.signum(Double.compare(a.toDouble(), b.toDouble())), Integer.signum(a.compareTo(b)), "order: " + a + " vs " + b);
    }

    @Example
    void tripletsAndBrokenRhythmAddUpExactly() {
        Duration eighth = Duration.EIGHTH, triplet = eighth.times(Duration.of(2, 3));
        assertEquals(Duration.QUARTER, triplet.plus(triplet).plus(triplet));
        assertEquals(Duration.QUARTER, eighth.times(Duration.of(3, 2)).plus(eighth.times(Duration.of(1, 2))), "A>B");
        Duration sum = Duration.ZERO;
        for (int i = 0; i < 10; i++) sum = sum.plus(Duration.of(1, 10));
        assertEquals(Duration.WHOLE, sum, "ten tenths are exactly one (no floating point)");
    }

    @Example
    void keySignatureCounts() {
        Map<String, Integer> fifths = Map.ofEntries(
                Map.entry("C", 0), Map.entry("G", 1), Map.entry("D", 2), Map.entry("A", 3), Map.entry("E", 4), Map.entry("B", 5),
                Map.entry("F#", 6), Map.entry("C#", 7), Map.entry("F", -1), Map.entry("Bb", -2), Map.entry("Eb", -3),
                Map.entry("Ab", -4), Map.entry("Db", -5), Map.entry("Gb", -6), Map.entry("Cb", -7),
                Map.entry("Am", 0), Map.entry("Em", 1), Map.entry("F#m", 3), Map.entry("Bbm", -5), Map.entry("Dm", -1),
                Map.entry("Ador", 1), Map.entry("Edor", 2), Map.entry("Ddor", 0), Map.entry("Gdor", -1),
                Map.entry("Bbmix", -3), Map.entry("Amix", 2), Map.entry("Dmix", 1), Map.entry("Gmix", 0),
                Map.entry("Ephr", 0), Map.entry("Flyd", 0), Map.entry("Bloc", 0), Map.entry("C#loc", 2), Map.entry("Ebdor", -5),
                Map.entry("E minor", 1), Map.entry("G Mixolydian", 0), Map.entry("D major", 2), Map.entry("A Aeolian", 0),
                Map.entry("none", 0));
        fifths.forEach((k, f) -> assertEquals(f, Key.parse(k).fifths(), "fifths of K:" + k));
        assertEquals(Map.of('F', 1, 'C', 1), Key.parse("D").signature());
        assertEquals(Map.of('F', 1), Key.parse("Ador").signature(), "A dorian has G major's signature");
        assertEquals(Map.of('B', -1, 'E', -1, 'A', -1), Key.parse("Bbmix").signature());
        assertEquals(Map.of('F', 1, 'C', 1, 'G', 1), Key.parse("F#m").signature());
        assertEquals(Map.of('F', 1, 'C', 1), Key.parse("Hp").signature(), "Highland pipes: sharp F and C");
        assertEquals(Map.of(), Key.parse("HP").signature());
        assertEquals(1, Key.parse("D").alterOf('f'));
        assertEquals(0, Key.parse("D exp ^f").alterOf('c'), "exp: only the listed accidentals");
        assertEquals(1, Key.parse("D exp ^f").alterOf('F'));
        assertEquals(-1, Key.parse("D _c").alterOf('C'), "an explicit accidental overrides the signature");
    }

    @Property(tries = 200)
    void aKeySignatureAltersAsManyLettersAsItHasSharpsOrFlats(@ForAll("keys") Key key) {
        int f = key.fifths();
        if (Math.abs(f) > 7) return; // double sharps/flats: every letter, some twice
        assertEquals(Math.abs(f), key.signature().size(), key + " has " + f + " fifths");
        key.signature().values().forEach(a -> assertEquals(Integer.signum(f), a.intValue(), key.toString()));
        assertEquals(key.mode(), Key.parse(key.abc()).mode());
        assertEquals(key, Key.parse(key.abc()), "K:" + key.abc() + " reads back");
    }

    @Property(tries = 200)
    void meterTextReadsBack(@ForAll("meters") String m) {
        Meter meter = Meter.parse(m);
        assertEquals(meter, Meter.parse(meter.text()));
        if (!meter.isFree()) {
            assertTrue(meter.barLength().isPositive());
            assertEquals(meter.barLength(), Duration.of(meter.numerator(), meter.denominator()), "numerator/denominator of " + m);
        }
    }

    @Example
    void metersThatAreNotFractionsOfPlainDigitsAreRejected() {
        for (String bad : List.of("3/+8", "3+/8", "+3/8", "3/-8", "3/0", "0/4", "\u0663/8", "3/\u0668", "/8", "3/", "x")) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Meter.parse(bad), "M:" + bad);
        }
        for (String good : List.of("6/8", "2+3/8", "(2+3)/8", "FREI4/4", "3/4]", "C", "C|", "none")) {
            Meter m = Meter.parse(good);
            if (!m.isFree()) assertEquals(m.barLength(), Duration.of(m.numerator(), m.denominator()), "M:" + good);
        }
    }

    // ---- generators -----------------------------------------------------------------------------

    private static final String[] METERS = {"C", "C|", "2/4", "3/4", "4/4", "6/8", "9/8", "12/8", "3/8", "5/4", "7/8", "2+3/8", "none", "2/2"};
    private static final String[] UNITS = {"1/8", "1/16"};
    private static final String[] TONICS = {"C", "D", "E", "F", "G", "A", "B", "C#", "F#", "Bb", "Eb", "Ab", "Db", "Gb", "Cb", "G#", "D#", "A#", "E#", "Fb"};
    private static final String[] MODES = {"", "m", "dor", "phr", "lyd", "mix", "loc"};
    private static final String[] DECORATIONS = {"trill", "roll", "fermata", "staccato", "accent", "upbow", "downbow",
            "segno", "coda", "D.S.", "D.C.", "fine", "mordent", "uppermordent", "lowermordent", "turn", "p", "mf", "ff",
            "crescendo(", "crescendo)", "<(", ">)", "tenuto", "breath", "1", "3", "+", "wedge", "slide", "arpeggio", "foo", "x-y"};
    private static final String[] CHORD_SYMBOLS = {"G", "Am", "D7", "Em/B", "Bbmaj7", "F#m7b5", "C#dim", "Ebsus4", "", "N.C.", "A%"};
    private static final String[] WORDS = {"Fine", "D.C. al fine", "rit.", "2nd time", "x2", "Solo!", "tr", "50% faster",
            "Coda", "slow", "a tempo", "é à ü", "(opt)"};

    @Provide
    Arbitrary<Tune> tunes() { return tuneArbitrary(false); }

    @Provide
    Arbitrary<Tune> tonalTunes() { return tuneArbitrary(false).filter(t -> t.key().isTonal()); }

    @Provide
    Arbitrary<Tune> simpleKeyTunes() { return tuneArbitrary(true); }

    @Provide
    Arbitrary<String> tonics() { return Arbitraries.of("C", "D", "E", "F", "G", "A", "B", "C#", "F#", "Bb", "Eb", "Ab", "Db", "Gb", "G#", "D#"); }

    @Provide
    Arbitrary<Key> keys() {
        return Combinators.combine(Arbitraries.of(TONICS), Arbitraries.of(MODES)).as((t, m) -> Key.parse(t + m));
    }

    @Provide
    Arbitrary<String> meters() { return Arbitraries.of(METERS); }

    @Provide
    Arbitrary<Pitch> pitches() {
        return Combinators.combine(Arbitraries.of('C', 'D', 'E', 'F', 'G', 'A', 'B'), Arbitraries.integers().between(-2, 2),
                Arbitraries.integers().between(2, 6)).as(Pitch::new); // so that +-2 octaves stays in MIDI range
    }

    @Provide
    Arbitrary<Duration> durations() {
        return Combinators.combine(Arbitraries.longs().between(-2000, 2000), Arbitraries.longs().between(1, 2000)).as(Duration::of);
    }

    /** A header, and per voice a list of bars each made from its own random seed (so shrinking drops bars). */
    private Arbitrary<Tune> tuneArbitrary(boolean simpleKeys) {
        Arbitrary<Long> seeds = Arbitraries.longs();
        Arbitrary<List<Long>> voiceBars = seeds.list().ofMinSize(1).ofMaxSize(12);
        Arbitrary<List<List<Long>>> voices = voiceBars.list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(seeds, voices).as((headerSeed, bars) -> assemble(headerSeed, bars, simpleKeys));
    }

    /** Everything a tune's form needs beyond its bars: header, voices, whole-bar rests, line ends, accidentals. */
    static Tune assemble(long headerSeed, List<List<Long>> voiceSeeds, boolean simpleKeys) {
        Random r = new Random(headerSeed);
        List<Field> fields = new ArrayList<>();
        fields.add(new Field('X', Integer.toString(1 + r.nextInt(999))));
        fields.add(new Field('T', pick(r, "The Kesh", "Drowsy Maggie", "Sí Bheag, Sí Mhór", "Tune #5 (A part)", "O'Neill's Fancy", "x")));
        if (r.nextInt(4) == 0) fields.add(new Field('T', "or, " + pick(r, "The Second Title", "Another")));
        if (r.nextInt(3) == 0) fields.add(new Field('C', pick(r, "Trad.", "T. O'Carolan", "anon.")));
        if (r.nextInt(3) == 0) fields.add(new Field('R', pick(r, "reel", "jig", "slip jig", "hornpipe", "polka")));
        String meter = r.nextInt(8) == 0 ? null : pick(r, METERS);
        if (meter != null) fields.add(new Field('M', meter));
        String unit = r.nextInt(8) == 0 ? null : pick(r, UNITS);
        if (unit != null) fields.add(new Field('L', unit));
        if (r.nextInt(3) == 0) fields.add(new Field('Q', pick(r, "1/4=120", "3/8=80", "1/2=60")));
        if (r.nextInt(6) == 0) fields.add(new Field('P', pick(r, "AB", "A2B", "(AB)2")));
        int nVoices = voiceSeeds.size();
        String[] ids = r.nextBoolean() ? new String[]{"1", "2", "3"} : new String[]{"S", "A", "Tenor"};
        String[] props = new String[nVoices];
        for (int v = 0; v < nVoices; v++) props[v] = nVoices == 1 ? "" : pick(r, "", "", "clef=bass", "name=\"Second\" clef=treble");
        String key;
        if (simpleKeys) key = pick(r, "C", "Am", "Ddor", "Ephr", "Flyd", "Gmix", "Bloc");
        else if (r.nextInt(12) == 0) key = pick(r, "none", "HP", "Hp", "D exp ^f ^c", "G _e", "Bb clef=bass");
        else key = pick(r, TONICS) + pick(r, MODES);
        fields.add(new Field('K', key));
        Key startKey = Key.parse(key);
        Meter startMeter = meter == null ? Meter.FREE : Meter.parse(meter);
        List<Voice> voices = new ArrayList<>();
        for (int v = 0; v < nVoices; v++) {
            List<Bar> bars = new ArrayList<>();
            for (long s : voiceSeeds.get(v)) bars.add(BarMaker.bar(new Random(s), simpleKeys));
            if (v == 0 && bars.stream().noneMatch(Bar::hasMusic)) {
                // the reader rejects a tune without a note or rest, so the melody gets at least one
                List<Element> es = new ArrayList<>(bars.get(0).elements());
                es.add(Note.of(new Pitch('A', 0, 4), Duration.QUARTER));
                bars.set(0, bars.get(0).withElements(es));
            }
            bars = canonical(bars, startMeter);
            String id = nVoices == 1 && r.nextInt(3) > 0 ? "" : ids[v];
            voices.add(new Voice(id, id.isEmpty() ? "" : props[v], Accidentals.respell(bars, startKey)));
        }
        return new Tune(fields, voices);
    }

    /**
     * The rules of form that shrinking might break: a whole-bar rest lasts a bar of the meter in
     * force (and is a plain rest in free meter), a bar before a field line or one with lyrics ends
     * its line, only the last bar may end without a bar line, and that one ends its line only if
     * it has a bar line or lyrics.
     */
    static List<Bar> canonical(List<Bar> bars, Meter startMeter) {
        Meter meter = startMeter;
        Pitch tiedFrom = null;
        List<Bar> out = new ArrayList<>();
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            List<Element> es = new ArrayList<>();
            for (Element e : b.elements()) {
                if (e instanceof InlineField f && f.name() == 'M') meter = Meter.parse(f.value());
                if (e instanceof Rest rest && rest.isMultiBar()) {
                    e = meter.isFree() ? new Rest(Duration.HALF, rest.invisible(), 0)
                            : new Rest(meter.barLength().times(rest.bars()), rest.invisible(), rest.bars());
                }
                if (AVOID_TIE_INTO_ANOTHER_ALTERATION) {
                    // the pitch that follows a tie is the first note, chord note or grace note after it
                    if (e instanceof Note n) {
                        e = n.withPitch(sameAlterAs(tiedFrom, n.pitch()), null);
                        tiedFrom = n.tied() ? ((Note) e).pitch() : null;
                    } else if (e instanceof Chord c && tiedFrom != null) {
                        List<Note> ns = new ArrayList<>(c.notes());
                        ns.set(0, ns.get(0).withPitch(sameAlterAs(tiedFrom, ns.get(0).pitch()), null));
                        e = new Chord(ns, c.duration(), c.tied());
                        tiedFrom = null;
                    } else if (e instanceof GraceNotes g && tiedFrom != null) {
                        List<Note> ns = new ArrayList<>(g.notes());
                        ns.set(0, ns.get(0).withPitch(sameAlterAs(tiedFrom, ns.get(0).pitch()), null));
                        e = new GraceNotes(ns, g.acciaccatura());
                        tiedFrom = null;
                    } else if (e instanceof Chord || e instanceof GraceNotes || e instanceof Rest) {
                        tiedFrom = null;
                    }
                }
                es.add(e);
            }
            boolean last = i == bars.size() - 1;
            BarLine end = b.end() == BarLine.NONE && !last ? BarLine.SINGLE : b.end();
            boolean repeatEnd = b.repeatEnd() && end != BarLine.NONE;
            boolean nextFieldLine = !last && !bars.get(i + 1).elements().isEmpty()
                    && bars.get(i + 1).elements().get(0) instanceof InlineField f && f.onOwnLine();
            boolean endsLine = b.endsLine() || !b.lyrics().isEmpty() || nextFieldLine;
            if (last) endsLine = end != BarLine.NONE || !b.lyrics().isEmpty();
            out.add(new Bar(es, b.repeatStart(), b.ending(), end, repeatEnd, endsLine, b.lyrics()));
        }
        return out;
    }

    /**
     * Known bug (see {@link #aTieIntoAnotherAlterationKeepsItsAccidental}): the writer leaves out the
     * accidental of a note that follows a tie from the same letter and octave with another
     * alteration, and the reader then gives it the tied note's alteration. While that stands, the
     * generator gives such a note the tied note's alteration. Set to false to test the case.
     */
    static final boolean AVOID_TIE_INTO_ANOTHER_ALTERATION = false;

    private static Pitch sameAlterAs(Pitch tiedFrom, Pitch p) {
        if (tiedFrom == null || tiedFrom.letter() != p.letter() || tiedFrom.octave() != p.octave()) return p;
        return p.withAlter(tiedFrom.alter());
    }

    /** Makes one bar from a seed. Lengths are absolute (whole = 1), so a bar means the same under any L:. */
    static final class BarMaker {
        private final Random r;
        private final boolean plain;
        private final List<Element> es = new ArrayList<>();

        private BarMaker(Random r, boolean plain) { this.r = r; this.plain = plain; }

        static Bar bar(Random r, boolean plain) {
            BarMaker m = new BarMaker(r, plain);
            if (!plain && r.nextInt(40) == 0) {
                m.es.add(new Rest(Duration.WHOLE, r.nextInt(4) == 0, 1 + (r.nextInt(3) == 0 ? r.nextInt(8) : 0)));
            } else {
                int items = 1 + r.nextInt(7);
                for (int i = 0; i < items; i++) m.item();
            }
            BarLine end = plain ? BarLine.SINGLE : switch (r.nextInt(20)) {
                case 0 -> BarLine.DOUBLE;
                case 1 -> BarLine.FINAL;
                case 2 -> BarLine.THICK_THIN;
                case 3 -> BarLine.DOTTED;
                case 4 -> BarLine.NONE;
                default -> BarLine.SINGLE;
            };
            String ending = plain || r.nextInt(8) != 0 ? null : pick(r, "1", "2", "3", "1,3", "1-2");
            List<String> lyrics = plain || r.nextInt(15) != 0 ? List.of()
                    : r.nextInt(3) == 0 ? List.of("la la~la", "*  lo-rem_ ip|sum")
                    : List.of(pick(r, "Ye ban-ks and braes", "o' bon-nie Doon", "la - la _", "| da da | dum", ":-) la"));
            return new Bar(m.es, !plain && r.nextInt(7) == 0, ending, end, !plain && r.nextInt(6) == 0, r.nextInt(4) == 0, lyrics);
        }

        private void item() {
            int k = r.nextInt(plain ? 12 : 30);
            if (k < 9) { marks(); es.add(note(length())); }
            else if (k < 10) es.add(new Rest(length(), r.nextInt(5) == 0, 0));
            else if (k < 12) { marks(); es.add(chord(length())); }
            else if (k < 15) tuplet();
            else if (k < 17) es.add(grace());
            else if (k < 19) es.add(r.nextBoolean() ? Slur.OPEN : Slur.CLOSE);
            else if (k < 21) es.add(new Decoration(pick(r, DECORATIONS)));
            else if (k < 23) es.add(annotation());
            else if (k < 25) es.add(inlineField(false));
            else if (k < 26) es.add(inlineField(true));
            else { marks(); es.add(note(length())); }
        }

        private void marks() {
            if (plain) return;
            if (r.nextInt(5) == 0) es.add(new Decoration(pick(r, DECORATIONS)));
            if (r.nextInt(6) == 0) es.add(annotation());
            if (r.nextInt(8) == 0) es.add(grace());
        }

        private Note note(Duration d) {
            return new Note(pitch(), null, d, !plain && r.nextInt(6) == 0);
        }

        private Pitch pitch() {
            char letter = "CDEFGAB".charAt(r.nextInt(7));
            int octave = 2 + r.nextInt(6);
            int alter = r.nextInt(3) > 0 ? 0 : plain ? r.nextInt(3) - 1 : r.nextInt(5) - 2;
            return new Pitch(letter, alter, octave);
        }

        /** A length: whole, half, quarter ... sixty-fourth, dotted, double-dotted, or an odd multiple. */
        private Duration length() {
            Duration base = Duration.of(1, 1L << r.nextInt(7));
            return switch (r.nextInt(10)) {
                case 0 -> base.times(Duration.of(3, 2));
                case 1 -> base.times(Duration.of(7, 4));
                case 2 -> base.times(Duration.of(3 + 2 * r.nextInt(4), 1));
                default -> base;
            };
        }

        private Chord chord(Duration d) {
            int n = 1 + r.nextInt(4);
            List<Note> notes = new ArrayList<>();
            for (int i = 0; i < n; i++) notes.add(new Note(pitch(), null, d, !plain && r.nextInt(8) == 0));
            return new Chord(notes, d, !plain && r.nextInt(8) == 0);
        }

        private void tuplet() {
            int p, q, count;
            if (r.nextBoolean()) { p = 3; q = 2; count = 3; }
            else {
                p = 2 + r.nextInt(8);
                q = 1 + r.nextInt(9);
                count = Math.max(1, p + r.nextInt(3) - 1);
            }
            es.add(new Tuplet(p, q, count));
            Duration factor = Duration.of(q, p);
            for (int i = 0; i < count; i++) {
                if (i > 0 && r.nextInt(6) == 0) es.add(new Decoration(pick(r, DECORATIONS)));
                int k = r.nextInt(8);
                Duration d = length().times(factor);
                es.add(k == 0 ? new Rest(d, false, 0) : k == 1 ? chord(d) : note(d));
            }
        }

        private GraceNotes grace() {
            int n = 1 + r.nextInt(4);
            List<Note> notes = new ArrayList<>();
            for (int i = 0; i < n; i++) notes.add(new Note(pitch(), null, Duration.of(1, 1L << (3 + r.nextInt(3))), false));
            return new GraceNotes(notes, r.nextInt(3) == 0);
        }

        private Annotation annotation() {
            if (r.nextBoolean()) return new Annotation(Annotation.Placement.CHORD, pick(r, CHORD_SYMBOLS));
            Annotation.Placement p = Annotation.Placement.values()[1 + r.nextInt(Annotation.Placement.values().length - 1)];
            return new Annotation(p, pick(r, WORDS));
        }

        private InlineField inlineField(boolean ownLine) {
            char name = ownLine ? pickChar(r, 'K', 'M', 'L', 'Q', 'P') : pickChar(r, 'K', 'K', 'M', 'L', 'Q', 'P', 'N', 'I', 'R');
            String value = switch (name) {
                case 'K' -> r.nextInt(10) == 0 ? pick(r, "clef=bass", "treble", "none") : pick(r, TONICS) + pick(r, MODES);
                case 'M' -> pick(r, METERS);
                case 'L' -> pick(r, "1/4", "1/8", "1/16");
                case 'Q' -> pick(r, "1/4=96", "3/8=120");
                case 'P' -> pick(r, "A", "B");
                case 'N' -> "a note, in the music";
                case 'I' -> "linebreak $";
                default -> "reel";
            };
            if (plain && name == 'K') { name = 'Q'; value = "1/4=96"; }
            return new InlineField(name, value, ownLine);
        }
    }

    @SafeVarargs
    static <T> T pick(Random r, T... options) { return options[r.nextInt(options.length)]; }

    static char pickChar(Random r, char... options) { return options[r.nextInt(options.length)]; }
}
