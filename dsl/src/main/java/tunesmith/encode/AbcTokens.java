package tunesmith.encode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tunesmith.notation.AbcException;
import tunesmith.notation.AbcReader;
import tunesmith.corpus.Corpus;
import tunesmith.music.Accidental;
import tunesmith.music.Accidentals;
import tunesmith.music.Bar;
import tunesmith.music.BarLine;
import tunesmith.music.Chord;
import tunesmith.music.Duration;
import tunesmith.music.Element;
import tunesmith.music.Field;
import tunesmith.music.InlineField;
import tunesmith.music.Key;
import tunesmith.music.Meter;
import tunesmith.music.Mode;
import tunesmith.music.Note;
import tunesmith.music.Pitch;
import tunesmith.music.Rest;
import tunesmith.music.Tune;
import tunesmith.music.Tuplet;
import tunesmith.music.Voice;

/**
 * ABC text as a sequence of tokens, as folk-rnn reads tunes (Sturm et al. 2016): one token per
 * musical symbol, so a network learns the language ABC players write.
 *
 * <p>Tokens of O'Neill's {@code Drowsy Maggie} ({@code M:C|}, {@code K:Em}, {@code E2 (BE dEBE) | ...}):
 * {@code <s> M:2/2 K:Emin E 2 B E d E B E | E 2 B E A F D F | ... | B A B c d A F D |] </s>}:
 * <ul>
 *   <li>meter {@code M:6/8} and key {@code K:Dmix} first (and where they change in the tune);
 *       the key as tonic and a three-letter mode: {@code K:Dmaj}, {@code K:Emin}, {@code K:Ador},
 *       {@code K:Gmix}, {@code K:Ephr}, {@code K:Flyd}, {@code K:Bloc}, or {@code K:none};
 *       meters as numbers ({@code C} is {@code M:4/4}, {@code C|} is {@code M:2/2});</li>
 *   <li>notes with their written accidental and octave: {@code ^c}, {@code =F}, {@code A,}, {@code c'}
 *       (an accidental is written only where the key and the bar do not already give it);</li>
 *   <li>lengths in eighths ({@code L:1/8}, whatever the tune used), after the note or rest:
 *       {@code 2}, {@code /2}, {@code 3/2}, {@code 3}; none for one eighth; broken rhythm is
 *       written out ({@code A>B} is {@code A 3/2 B /2});</li>
 *   <li>rests {@code z}, ties {@code -}, tuplets {@code (3} or {@code (p:q:r};</li>
 *   <li>bar lines {@code |}, {@code ||}, {@code |]}, with repeats {@code |:}, {@code :|}, {@code :|:},
 *       {@code :||}, ...; endings {@code [1}, {@code [2} after the bar line.</li>
 * </ul>
 * Dropped: chord symbols, annotations, grace notes, decorations, slurs, lyrics, titles and other
 * fields, parts ({@code P:}), every voice but the melody; a chord becomes its top note, an invisible
 * or whole-bar rest a plain {@code z}. Dotted bar lines become {@code |}, thick-thin {@code [|} becomes
 * {@code ||}. {@link #canonical(Tune)} is the tune as this encoding sees it:
 * {@code decode(encode(t)).equals(canonical(t))}. Free meter is kept ({@code M:none}); a tune is
 * refused (and a corpus skips it, saying why) only when it has no notes, a length ABC cannot write
 * after a note, or, with {@link #inC()}, no tonic.
 *
 * <p>Options, immutable: {@code abc()} is the default; {@code abc().inC()} moves every tune to the
 * tonic C keeping its mode (folk-rnn v2); {@code abc().augment(-2, 2)} adds transposed copies of each
 * training tune. A vocabulary comes from the corpus it encodes ({@code corpus.tokens(abc())}) or is
 * given ({@link #withVocabulary}); {@link #spec()} and {@link #fromSpec} save and rebuild the options.
 */
public final class AbcTokens implements TuneEncoding {

    // ---- defaults, all in one place ------------------------------------------------------------

    /** The unit length every tune is written in, as folk-rnn does: a length token counts eighths. Fixed. */
    public static final Duration UNIT = Duration.EIGHTH;
    /** The title of a decoded tune: tokens carry no title, so every decoded or canonical tune has this one. */
    public static final String SAMPLE_TITLE = "Sample";
    /**
     * Bars per line of {@link #text} and of decoded tunes (a line also ends at a repeat or a double
     * bar). Layout only: tokens carry no line breaks. Four bars is the usual line of a dance tune.
     */
    public static final int BARS_PER_LINE = 4;
    /** Keys as written (not moved to C) and no augmentation: the corpus as it is. No vocabulary until a corpus is encoded. */
    private static final AbcTokens DEFAULT = new AbcTokens(false, new int[0], null);

    static final String SPEC_NAME = "abc-tokens";
    private static final String SPEC_VERSION = "v1";
    /** The longest length and largest divisor the ABC reader accepts after a note (4 digits, /1024). */
    private static final long MAX_LENGTH_NUMERATOR = 9999, MAX_LENGTH_DENOMINATOR = 1024;
    private static final Pattern BAR_TOKEN = Pattern.compile(":*(?:\\|\\]|\\|\\||\\[\\||\\.\\||\\|):*|::");

    private final boolean inC;
    private final int[] augment; // distinct, non-zero, sorted
    private final Vocabulary vocabulary; // null: not yet known

    private AbcTokens(boolean inC, int[] augment, Vocabulary vocabulary) {
        this.inC = inC;
        this.augment = augment;
        this.vocabulary = vocabulary;
    }

    /** The default encoding: keys as written, no augmentation. */
    public static AbcTokens abc() { return DEFAULT; }

    // ---- options --------------------------------------------------------------------------------

    /** Every tune moved to the tonic C, keeping its mode (folk-rnn v2); tunes without a tonic (K:none) are skipped. */
    public AbcTokens inC() { return new AbcTokens(true, augment, vocabulary); }

    /**
     * Adds, for each training tune, copies transposed by these semitones (-11..11; 0 and repeats are
     * ignored). Copies go only to the training part of a {@link TokenCorpus#split}, never to
     * validation or test, so a model is not evaluated on transpositions of what it learnt.
     */
    public AbcTokens augment(int... semitones) {
        TreeSet<Integer> set = new TreeSet<>();
        for (int s : semitones) {
            if (s < -11 || s > 11) throw new IllegalArgumentException("augment(" + Arrays.toString(semitones).replaceAll("[\\[\\]]", "")
                    + "): " + s + " semitones is outside -11..11 (an octave or more only moves the range; use a smaller shift)");
            if (s != 0) set.add(s);
        }
        return new AbcTokens(inC, set.stream().mapToInt(Integer::intValue).toArray(), vocabulary);
    }

    /** This encoding with a fixed vocabulary (a trained model's): unknown tokens become {@code <unk>} and are counted. */
    public AbcTokens withVocabulary(Vocabulary v) {
        if (v == null) throw new IllegalArgumentException("withVocabulary(null): give a Vocabulary, e.g. Vocabulary.parse(savedText)");
        return new AbcTokens(inC, augment, v);
    }

    /** The vocabulary, once a corpus has been encoded or one was given. */
    public Optional<Vocabulary> vocabulary() { return Optional.ofNullable(vocabulary); }

    public boolean isInC() { return inC; }

    /** The augmentation shifts in semitones (empty: none). */
    public List<Integer> augmentation() { return Arrays.stream(augment).boxed().toList(); }

    // ---- spec -----------------------------------------------------------------------------------

    /**
     * The options as one line of text, saved with a model to rebuild this encoding with
     * {@link #fromSpec}: {@code abc-tokens v1 unit=1/8 key=as-written augment=none}.
     * The vocabulary is saved apart ({@link Vocabulary#toText()}).
     */
    public String spec() {
        return SPEC_NAME + " " + SPEC_VERSION + " unit=" + UNIT + " key=" + (inC ? "C" : "as-written") + " augment="
                + (augment.length == 0 ? "none" : String.join(",", Arrays.stream(augment).mapToObj(Integer::toString).toList()));
    }

    /** Reads {@link #spec()}. The result has no vocabulary: add the saved one with {@link #withVocabulary}. */
    public static AbcTokens fromSpec(String spec) {
        String s = spec == null ? "" : spec.strip();
        String[] words = s.split("\\s+");
        if (words.length < 2 || !words[0].equals(SPEC_NAME) || !words[1].equals(SPEC_VERSION))
            throw new IllegalArgumentException("Not an ABC token spec: '" + s + "' (expected e.g. '" + DEFAULT.spec() + "')");
        AbcTokens out = DEFAULT;
        for (int i = 2; i < words.length; i++) {
            String w = words[i];
            int eq = w.indexOf('=');
            String name = eq < 0 ? w : w.substring(0, eq), value = eq < 0 ? "" : w.substring(eq + 1);
            switch (name) {
                case "unit" -> {
                    if (!value.equals(UNIT.toString()))
                        throw new IllegalArgumentException("ABC token spec '" + s + "': unit=" + value + " is not supported (this version writes every tune in L:" + UNIT + ")");
                }
                case "key" -> {
                    if (value.equals("C")) out = out.inC();
                    else if (!value.equals("as-written"))
                        throw new IllegalArgumentException("ABC token spec '" + s + "': key=" + value + " (expected key=as-written or key=C)");
                }
                case "augment" -> {
                    if (!value.equals("none")) {
                        try {
                            out = out.augment(Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray());
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("ABC token spec '" + s + "': augment=" + value + " (expected none or semitones such as -2,2)");
                        }
                    }
                }
                default -> throw new IllegalArgumentException("ABC token spec '" + s + "': unknown setting '" + w
                        + "' (expected unit=, key=, augment=; was it saved by a newer Tunesmith?)");
            }
        }
        return out;
    }

    // ---- one tune -------------------------------------------------------------------------------

    /**
     * The tune as this encoding sees it: the melody voice only; header X:1, T:{@value #SAMPLE_TITLE},
     * M, L:1/8, K (normalised spellings); notes, rests, ties, tuplets, key and meter changes, bar lines,
     * repeats and endings kept; everything else dropped (see the class comment); accidentals
     * written only where needed (and after a tie from the same letter); bars without notes or rests
     * merged into their neighbours (their key and meter changes open the next bar, their repeat signs move to
     * the bar before or after, which for odd structures such as a {@code :|} on an empty bar after an ending
     * can change what unfolding plays); four bars a line.
     *
     * @throws EncodingException when the tune cannot be encoded (e.g. moving K:none to C)
     */
    public Tune canonical(Tune tune) {
        Tune src = tune;
        if (inC) {
            if (!tune.key().isTonal())
                throw new EncodingException(describe(tune) + ": key " + tune.key() + " has no tonic to move to C (inC() needs a tonal key)");
            src = tune.transposeTo(tune.key().withTonic('C', 0));
        }
        return canonicalOf(src);
    }

    private static Tune canonicalOf(Tune src) {
        Key rawKey = src.key();
        String keyText = keyText(rawKey);
        String meterText = meterText(src.meter());
        Key key = Key.parse(keyText);
        String curKey = keyText, curMeter = meterText;
        List<Bar> out = new ArrayList<>();
        List<Element> carried = new ArrayList<>(); // marks of a bar without music, for the next bar
        boolean pendingStart = false;
        String pendingEnding = null;
        for (Bar b : src.melodyVoice().bars()) {
            List<Element> es = new ArrayList<>(carried);
            carried.clear();
            boolean music = false;
            for (Element e : b.elements()) {
                if (e instanceof Note n) {
                    if (n.duration().isPositive()) { es.add(new Note(n.pitch(), null, n.duration(), n.tied())); music = true; }
                } else if (e instanceof Chord c) {
                    Note top = c.top();
                    if (c.duration().isPositive()) { es.add(new Note(top.pitch(), null, c.duration(), c.tied() || top.tied())); music = true; }
                } else if (e instanceof Rest r) {
                    if (r.duration().isPositive()) { es.add(Rest.of(r.duration())); music = true; }
                } else if (e instanceof Tuplet t) {
                    es.add(t);
                } else if (e instanceof InlineField f && f.name() == 'K') {
                    Key changed = Key.change(rawKey, f.value());
                    if (changed == rawKey) continue; // a clef or octave only: no new key
                    rawKey = changed;
                    String text = keyText(changed);
                    if (!text.equals(curKey)) es.add(new InlineField('K', text, false));
                    curKey = text;
                } else if (e instanceof InlineField f && f.name() == 'M') {
                    String text = meterText(Meter.parse(f.value()));
                    if (!text.equals(curMeter)) es.add(new InlineField('M', text, false));
                    curMeter = text;
                }
            }
            BarLine end = plainLine(b.end());
            if (!music) {
                // nothing to play: its key, meter and tuplet marks open the next bar, its repeat and bar line join
                // the bar before; a repeated section of nothing (|: :|) plays nothing and goes
                boolean emptyRepeat = b.repeatStart() && b.repeatEnd();
                carried.addAll(es);
                if (!out.isEmpty()) {
                    Bar prev = out.remove(out.size() - 1);
                    BarLine merged = prev.end() == BarLine.SINGLE || prev.end() == BarLine.NONE ? end : prev.end();
                    if (merged == BarLine.NONE) merged = prev.end();
                    out.add(new Bar(prev.elements(), prev.repeatStart(), prev.ending(), merged, prev.repeatEnd() || (b.repeatEnd() && !emptyRepeat), false, List.of()));
                }
                pendingStart |= b.repeatStart() && !emptyRepeat;
                if (pendingEnding == null) pendingEnding = b.ending();
                continue;
            }
            out.add(new Bar(es, b.repeatStart() || pendingStart, b.ending() != null ? b.ending() : pendingEnding, end, b.repeatEnd(), false, List.of()));
            pendingStart = false;
            pendingEnding = null;
        }
        if (out.isEmpty()) throw new EncodingException(describe(src) + ": the melody has no notes or rests to encode");
        for (int i = 0; i < out.size(); i++) {
            Bar b = out.get(i);
            // a bar line is written between bars, and after a last bar that ends a repeat
            if (b.end() == BarLine.NONE && (i < out.size() - 1 || b.repeatEnd())) out.set(i, b.withEnd(BarLine.SINGLE, false));
        }
        List<Bar> repeats = explicitRepeats(out);
        // odd structures (an ending before any repeat) could play otherwise: then they stay as written
        if (!repeats.equals(out) && !played(repeats, meterText, keyText).equals(played(out, meterText, keyText))) repeats = out;
        List<Bar> bars = layout(accidentalsAfterTies(Accidentals.respell(untieOtherPitches(repeats), key)));
        List<Field> fields = List.of(new Field('X', "1"), new Field('T', SAMPLE_TITLE), new Field('M', meterText),
                new Field('L', UNIT.toString()), new Field('K', keyText));
        return new Tune(fields, List.of(new Voice("", "", bars)));
    }

    /**
     * Repeats as abc2midi reads them: a {@code :|} closes the first section without a {@code |:}, but
     * a later section repeated without its {@code |:} ("found [1 before |:", ":: before |:") gets one
     * where it starts; a second {@code |:} before any {@code :|} replaces the first; a repeat still
     * open at the end of the tune loses its {@code |:} ("Missing :| at end of tune"; it is played once either way).
     */
    private static List<Bar> explicitRepeats(List<Bar> bars) {
        List<Bar> out = new ArrayList<>(bars);
        int sectionStart = 0, open = -1;
        boolean first = true, inEnding = false, openInEnding = false, afterEnding = false;
        for (int i = 0; i < out.size(); i++) {
            Bar b = out.get(i);
            if (b.repeatStart()) {
                // a |: inside an ending bracket also ends the bracket (Repeats): such a one stays
                if (open >= 0 && !openInEnding) out.set(open, withRepeatStart(out.get(open), false));
                open = i;
                openInEnding = inEnding;
                sectionStart = i;
            }
            if (b.ending() != null) inEnding = true;
            if (b.repeatEnd()) {
                Bar s = out.get(sectionStart);
                // (not after a :| inside an ending bracket, where what comes next is less clear)
                if (open < 0 && !first && !afterEnding && sectionStart <= i && s.ending() == null) out.set(sectionStart, withRepeatStart(s, true));
                afterEnding = inEnding;
                open = -1;
                first = false;
                inEnding = false;
                sectionStart = i + 1;
            } else if (b.end().closesSection()) {
                inEnding = false;
                afterEnding = false;
                if (!first) sectionStart = i + 1; // as Repeats: a double bar starts a section only once one was repeated
            }
        }
        if (open >= 0 && !openInEnding) out.set(open, withRepeatStart(out.get(open), false)); // played once either way
        return out;
    }

    private static List<tunesmith.music.NoteEvent> played(List<Bar> bars, String meter, String key) {
        return new Tune(List.of(new Field('X', "1"), new Field('M', meter), new Field('L', UNIT.toString()), new Field('K', key)),
                List.of(new Voice("", "", bars))).melody();
    }

    private static Bar withRepeatStart(Bar b, boolean start) {
        return new Bar(b.elements(), start, b.ending(), b.end(), b.repeatEnd(), b.endsLine(), b.lyrics());
    }

    /**
     * A tie joins two sounds of one pitch. Transcriptions also write it between different pitches
     * (a slur in the player's mind: {@code d4- e2}), or before a rest or the end; abc2midi refuses
     * those ("Could not find note to be tied"), so, as folk-rnn cleaned its data, such ties are dropped.
     */
    private static List<Bar> untieOtherPitches(List<Bar> bars) {
        List<Bar> out = new ArrayList<>(bars);
        int tiedBar = -1, tiedIndex = -1;
        for (int i = 0; i < out.size(); i++) {
            List<Element> es = out.get(i).elements();
            for (int j = 0; j < es.size(); j++) {
                Element e = es.get(j);
                if (!(e instanceof Note) && !(e instanceof Rest)) continue;
                if (tiedBar >= 0) {
                    Note from = (Note) out.get(tiedBar).elements().get(tiedIndex);
                    if (!(e instanceof Note n) || n.pitch().midi() != from.pitch().midi()) untie(out, tiedBar, tiedIndex);
                    tiedBar = -1;
                }
                if (e instanceof Note n && n.tied()) { tiedBar = i; tiedIndex = j; }
                es = out.get(i).elements();
            }
        }
        if (tiedBar >= 0) untie(out, tiedBar, tiedIndex);
        return out;
    }

    private static void untie(List<Bar> bars, int bar, int index) {
        List<Element> es = new ArrayList<>(bars.get(bar).elements());
        Note n = (Note) es.get(index);
        es.set(index, new Note(n.pitch(), n.written(), n.duration(), false));
        bars.set(bar, bars.get(bar).withElements(es));
    }

    /**
     * The ABC reader gives a note tied from the same letter and octave the tied note's alteration
     * ({@code ^E-E} is E#, E#) unless it has an accidental of its own, which {@link Accidentals#respell}
     * leaves out when the key or bar already gives it; such a note gets its accidental written.
     */
    private static List<Bar> accidentalsAfterTies(List<Bar> bars) {
        List<Bar> out = new ArrayList<>(bars.size());
        Note tied = null;
        for (Bar b : bars) {
            List<Element> es = new ArrayList<>(b.elements());
            for (int j = 0; j < es.size(); j++) {
                if (es.get(j) instanceof Note n) {
                    Pitch p = n.pitch();
                    if (tied != null && n.written() == null && tied.pitch().letter() == p.letter() && tied.pitch().octave() == p.octave()
                            && tied.pitch().alter() != p.alter()) es.set(j, n = n.withWritten(Accidental.forAlter(p.alter())));
                    tied = n.tied() ? n : null;
                } else if (es.get(j) instanceof Rest) {
                    tied = null;
                }
            }
            out.add(b.withElements(es));
        }
        return out;
    }

    private static BarLine plainLine(BarLine b) {
        return switch (b) {
            case DOTTED -> BarLine.SINGLE;
            case THICK_THIN -> BarLine.DOUBLE;
            default -> b;
        };
    }

    /** Line breaks after every {@value #BARS_PER_LINE} bars and at repeats and double bars, so decoded tunes read well. */
    private static List<Bar> layout(List<Bar> bars) {
        List<Bar> out = new ArrayList<>(bars.size());
        int onLine = 0;
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            onLine++;
            boolean last = i == bars.size() - 1;
            // the last bar ends a line when it has a bar line, as the reader sees it
            boolean breaks = last ? b.end() != BarLine.NONE
                    : onLine >= BARS_PER_LINE || b.repeatEnd() || b.end().closesSection() || bars.get(i + 1).repeatStart();
            if (breaks) onLine = 0;
            out.add(b.endsLine() == breaks ? b : b.withEnd(b.end(), breaks));
        }
        return out;
    }

    /** Canonical K: value: tonic and a three-letter mode ("Dmaj", "F#min", "Ador"), or "none". */
    static String keyText(Key k) {
        if (!k.isTonal()) return "none";
        return k.tonicName() + modeText(k.mode());
    }

    private static String modeText(Mode m) {
        return switch (m) {
            case MAJOR -> "maj";
            case MINOR -> "min";
            default -> m.abc();
        };
    }

    /** Canonical M: value: "6/8", "4/4" for C, "2/2" for C|, a compound numerator summed ("2+3/8" is "5/8"), or "none". */
    static String meterText(Meter m) {
        if (m.isFree()) return "none";
        return m.numerator() + "/" + m.denominator();
    }

    /**
     * The tokens of a tune, {@code <s>} first and {@code </s>} last, as text.
     *
     * @throws EncodingException when the tune cannot be encoded
     */
    public List<String> tokens(Tune tune) {
        return emit(canonical(tune), tune);
    }

    private static List<String> emit(Tune c, Tune original) {
        List<String> out = new ArrayList<>();
        out.add(Vocabulary.START);
        String m = c.field('M').orElseThrow();
        out.add("M:" + m);
        out.add("K:" + c.field('K').orElseThrow());
        Meter meter = Meter.parse(m);
        int tupletLeft = 0;
        Duration factor = Duration.WHOLE;
        List<Bar> bars = c.melodyVoice().bars();
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            if (i == 0 && bar.repeatStart()) out.add("|:");
            if (bar.ending() != null) out.add("[" + bar.ending());
            for (Element e : bar.elements()) {
                if (e instanceof Note n) {
                    out.add(pitchToken(n.written(), n.pitch()));
                    Duration d = n.duration();
                    if (tupletLeft > 0) { d = d.dividedBy(factor); tupletLeft--; }
                    length(d, out, original, i);
                    if (n.tied()) out.add("-");
                } else if (e instanceof Rest r) {
                    out.add("z");
                    Duration d = r.duration();
                    if (tupletLeft > 0) { d = d.dividedBy(factor); tupletLeft--; }
                    length(d, out, original, i);
                } else if (e instanceof Tuplet t) {
                    out.add(t.q() == Tuplet.defaultQ(t.p(), meter) && t.r() == t.p() ? "(" + t.p() : "(" + t.p() + ":" + t.q() + ":" + t.r());
                    tupletLeft = t.r();
                    factor = t.factor();
                } else if (e instanceof InlineField f) {
                    out.add(f.name() + ":" + f.value());
                    if (f.name() == 'M') meter = Meter.parse(f.value());
                }
            }
            boolean nextStarts = i + 1 < bars.size() && bars.get(i + 1).repeatStart();
            if (bar.end() != BarLine.NONE) out.add((bar.repeatEnd() ? ":" : "") + bar.end().abc() + (nextStarts ? ":" : ""));
        }
        out.add(Vocabulary.END);
        return out;
    }

    private static void length(Duration performed, List<String> out, Tune tune, int bar) {
        Duration m = performed.dividedBy(UNIT);
        if (m.numerator() > MAX_LENGTH_NUMERATOR || m.denominator() > MAX_LENGTH_DENOMINATOR)
            throw new EncodingException(describe(tune) + ", bar " + (bar + 1) + ": a length of " + performed + " of a whole note is "
                    + m + " eighths, more than ABC can write after a note (at most " + MAX_LENGTH_NUMERATOR + " or /" + MAX_LENGTH_DENOMINATOR + ")");
        if (m.numerator() == 1 && m.denominator() == 1) return;
        if (m.denominator() == 1) out.add(Long.toString(m.numerator()));
        else if (m.numerator() == 1) out.add("/" + m.denominator());
        else out.add(m.numerator() + "/" + m.denominator());
    }

    private static String pitchToken(Accidental written, Pitch p) {
        StringBuilder b = new StringBuilder();
        if (written != null) b.append(written.abc());
        if (p.octave() >= 5) {
            b.append(Character.toLowerCase(p.letter()));
            for (int i = 5; i < p.octave(); i++) b.append('\'');
        } else {
            b.append(p.letter());
            for (int i = p.octave(); i < 4; i++) b.append(',');
        }
        return b.toString();
    }

    /**
     * The token indices of a tune in this encoding's vocabulary; tokens it does not know become
     * {@code <unk>} (a corpus counts them, see {@link TokenCorpus#unknown()}).
     *
     * @throws IllegalStateException when there is no vocabulary yet
     * @throws EncodingException     when the tune cannot be encoded
     */
    public int[] encode(Tune tune) {
        return requireVocabulary("encode(tune)").indices(tokens(tune));
    }

    /** The ABC text of token indices (header X:1, T:Sample, M, L:1/8, K, then the music), whether or not it is valid ABC. */
    public String text(int[] tokens) {
        return textOf(toTokens(tokens, "text(tokens)"));
    }

    /**
     * The tune that token indices spell. A leading {@code <s>} is optional; reading stops at {@code </s>}
     * (or the end); {@code <pad>} may only follow the music.
     *
     * @throws EncodingException when the tokens are not a tune: they do not start with a meter and a key,
     *                           hold {@code <unk>} or a misplaced reserved token, or their text is not valid ABC
     *                           (the message says which, and where)
     */
    public Tune decode(int[] tokens) {
        List<String> toks = toTokens(tokens, "decode(tokens)");
        int i = 0;
        if (i < toks.size() && toks.get(i).equals(Vocabulary.START)) i++;
        if (i + 1 >= toks.size() || !toks.get(i).startsWith("M:") || !toks.get(i + 1).startsWith("K:"))
            throw new EncodingException("the tokens do not start with a meter and a key (expected e.g. <s> M:6/8 K:Dmaj ...), they start with: "
                    + String.join(" ", toks.subList(0, Math.min(toks.size(), 6))));
        int music = 0;
        for (int k = i + 2; k < toks.size(); k++) {
            String t = toks.get(k);
            if (t.equals(Vocabulary.END)) break;
            if (t.equals(Vocabulary.PAD)) {
                for (int j = k; j < toks.size(); j++) if (!toks.get(j).equals(Vocabulary.PAD) && !toks.get(j).equals(Vocabulary.END))
                    throw new EncodingException("token " + (j + 1) + " '" + toks.get(j) + "' follows padding <pad> at token " + (k + 1)
                            + " (padding only fills up after a tune)");
                break;
            }
            if (t.equals(Vocabulary.UNK))
                throw new EncodingException("token " + (k + 1) + " is <unk> (a token the vocabulary does not know), which has no ABC text");
            if (t.equals(Vocabulary.START))
                throw new EncodingException("token " + (k + 1) + " is <s> (start of tune) inside the tune");
            music++;
        }
        if (music == 0) throw new EncodingException("the tokens hold a meter and a key but no music");
        String text = textOf(toks);
        Tune t;
        try {
            t = AbcReader.readTune(text);
        } catch (AbcException e) {
            String[] lines = text.split("\n");
            int line = e.problem().line();
            String shown = line >= 1 && line <= lines.length ? " in '" + lines[line - 1] + "'" : "";
            throw new EncodingException("the tokens do not read as ABC: line " + line + (e.problem().column() > 0 ? ", column " + e.problem().column() : "")
                    + ": " + e.problem().message() + shown, e);
        } catch (IllegalArgumentException e) {
            throw new EncodingException("the tokens do not read as ABC: " + e.getMessage(), e);
        }
        Voice v = t.melodyVoice();
        return t.withVoices(List.of(v.withBars(layout(v.bars())))).withSource(null, 0);
    }

    private List<String> toTokens(int[] tokens, String what) {
        Vocabulary v = requireVocabulary(what);
        List<String> out = new ArrayList<>(tokens.length);
        for (int k = 0; k < tokens.length; k++) {
            int i = tokens[k];
            if (i < 0 || i >= v.size())
                throw new EncodingException("token " + (k + 1) + " has index " + i + ", outside this vocabulary of " + v.size()
                        + " tokens (was the sequence made with another vocabulary?)");
            out.add(v.token(i));
        }
        return out;
    }

    private Vocabulary requireVocabulary(String what) {
        if (vocabulary == null)
            throw new IllegalStateException(what + ": this ABC encoding has no vocabulary yet. Encode a corpus first "
                    + "(corpus.tokens(abc()).encoding() has its vocabulary) or give one: abc().withVocabulary(Vocabulary.parse(savedText))");
        return vocabulary;
    }

    /** ABC text of tokens: header from the leading M: and K: tokens, then the music, {@value #BARS_PER_LINE} bars a line. */
    static String textOf(List<String> toks) {
        int i = 0;
        while (i < toks.size() && toks.get(i).equals(Vocabulary.START)) i++;
        StringBuilder b = new StringBuilder("X:1\nT:").append(SAMPLE_TITLE).append('\n');
        if (i < toks.size() && toks.get(i).startsWith("M:")) b.append(toks.get(i++)).append('\n');
        b.append("L:").append(UNIT).append('\n');
        if (i < toks.size() && toks.get(i).startsWith("K:")) b.append(toks.get(i++)).append('\n');
        StringBuilder line = new StringBuilder();
        int bars = 0;
        boolean music = false, afterNote = false;
        for (; i < toks.size(); i++) {
            String t = toks.get(i);
            if (t.equals(Vocabulary.END)) break;
            if (t.equals(Vocabulary.PAD)) continue;
            char c = t.charAt(0);
            boolean note = "^_=zABCDEFGabcdefg".indexOf(c) >= 0 && !t.contains(":");
            if (BAR_TOKEN.matcher(t).matches()) {
                line.append(' ').append(t).append(' ');
                bars++;
                // a line ends after four bars, a repeat or a double bar, never before the music starts
                if (music && (bars >= BARS_PER_LINE || t.startsWith(":") || t.endsWith(":") || t.contains("||") || t.contains("]"))) {
                    b.append(line.toString().strip().replaceAll(" +", " ")).append('\n');
                    line.setLength(0);
                    bars = 0;
                }
            } else if (t.length() > 2 && t.charAt(1) == ':' && (c == 'K' || c == 'M')) {
                line.append(" [").append(t).append("] ");
            } else if (c == '(' || c == '[') {
                line.append(' ').append(t).append(c == '[' ? " " : "");
            } else if ((Character.isDigit(c) || c == '/') && !afterNote) {
                line.append(' ').append(t); // a length belongs to a note: here it stands apart, so it cannot join a bar line or tuplet
            } else {
                line.append(t);
            }
            music |= note;
            afterNote = note; // one length per note: a second one stands apart and reads as the error it is
        }
        if (!line.toString().isBlank()) b.append(line.toString().strip().replaceAll(" +", " ")).append('\n');
        return b.toString();
    }

    // ---- a corpus -------------------------------------------------------------------------------

    private static final java.util.regex.Pattern NOTE_OR_REST = java.util.regex.Pattern.compile("(\\^\\^|\\^|=|__|_)?[A-Ga-g][,']*|z");
    private static final java.util.regex.Pattern LENGTH = java.util.regex.Pattern.compile("\\d+|\\d*/\\d+");

    /**
     * ABC's syntax as a sampling constraint: a length token only right after a note or rest (a
     * stray {@code 2} or {@code /2} is what most invalid samples of a young model trip on), a tie
     * only after a note or its length. Everything else may follow anything.
     */
    @Override
    public Optional<boolean[][]> grammar() {
        if (vocabulary == null) return Optional.empty();
        int n = vocabulary.size();
        boolean[] noteOrRest = new boolean[n], length = new boolean[n];
        for (int i = 0; i < n; i++) {
            noteOrRest[i] = NOTE_OR_REST.matcher(vocabulary.token(i)).matches();
            length[i] = LENGTH.matcher(vocabulary.token(i)).matches();
        }
        boolean[][] follows = new boolean[n][n];
        for (int prev = 0; prev < n; prev++)
            for (int next = 0; next < n; next++)
                follows[prev][next] = length[next] ? noteOrRest[prev]
                        : vocabulary.token(next).equals("-") ? noteOrRest[prev] || length[prev]
                        : true;
        return Optional.of(follows);
    }

    /**
     * The syntax (the {@link #grammar()} table, ties to the same pitch, repeats and endings in pairs:
     * {@link AbcSyntax}), and with {@code bars} also every bar the length of its meter ({@link BarConstraint}).
     */
    @Override
    public Optional<TokenConstraint> constraint(boolean bars) {
        return grammar().map(g -> bars ? new BarConstraint(vocabulary, g) : new AbcSyntax(vocabulary, g));
    }

    /**
     * Encodes every tune of a corpus (and its augmented copies) and builds the vocabulary from them,
     * unless this encoding has a fixed one. Tunes that cannot be encoded are skipped and listed with
     * their reason in {@link TokenCorpus#skipped()}.
     */
    @Override
    public TokenCorpus encode(Corpus corpus) {
        List<List<String>> seqs = new ArrayList<>();
        List<TokenCorpus.Sequence> entries = new ArrayList<>();
        List<TokenCorpus.Skipped> skipped = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            Tune t = corpus.get(i);
            Tune base;
            try {
                base = inC ? (t.key().isTonal() ? t.transposeTo(t.key().withTonic('C', 0)) : null) : t;
                if (base == null) throw new EncodingException(describe(t) + ": key " + t.key() + " has no tonic to move to C (inC() needs a tonal key)");
                seqs.add(emit(canonicalOf(base), t));
                entries.add(new TokenCorpus.Sequence(t.title(), i, 0));
            } catch (RuntimeException e) {
                skipped.add(new TokenCorpus.Skipped(describe(t), 0, reason(e, t)));
                continue;
            }
            for (int s : augment) {
                try {
                    seqs.add(emit(canonicalOf(base.transpose(s)), t));
                    entries.add(new TokenCorpus.Sequence(t.title(), i, s));
                } catch (RuntimeException e) {
                    skipped.add(new TokenCorpus.Skipped(describe(t), s, reason(e, t)));
                }
            }
        }
        Vocabulary v = vocabulary;
        if (v == null) {
            List<String> all = new ArrayList<>();
            for (List<String> s : seqs) all.addAll(s);
            v = Vocabulary.of(all);
        }
        Map<String, Integer> unknown = new LinkedHashMap<>();
        List<int[]> out = new ArrayList<>(seqs.size());
        for (List<String> s : seqs) {
            for (String tok : s) if (!v.contains(tok)) unknown.merge(tok, 1, Integer::sum);
            out.add(v.indices(s));
        }
        return new TokenCorpus(corpus.name(), entries, out, v, withVocabulary(v), skipped, unknown, corpus.duplicates().groups());
    }

    /** The exception's message without the tune's name (the skipped entry names it). */
    private static String reason(RuntimeException e, Tune t) {
        String m = e instanceof IllegalArgumentException ? e.getMessage() : e.toString();
        String prefix = describe(t) + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    static String describe(Tune t) {
        StringBuilder b = new StringBuilder("tune ");
        if (t.x() > 0) b.append("X:").append(t.x()).append(' ');
        b.append('\'').append(t.title()).append('\'');
        if (t.source() != null) b.append(" (").append(java.nio.file.Path.of(t.source()).getFileName()).append(')');
        return b.toString();
    }

    // ---- values ---------------------------------------------------------------------------------

    @Override
    public boolean equals(Object o) {
        return o instanceof AbcTokens a && inC == a.inC && Arrays.equals(augment, a.augment) && java.util.Objects.equals(vocabulary, a.vocabulary);
    }

    @Override
    public int hashCode() { return java.util.Objects.hash(inC, Arrays.hashCode(augment), vocabulary); }

    /** {@code AbcTokens(folk-rnn ABC tokens, L:1/8, keys as written, no augmentation, vocabulary 137 tokens)}. */
    @Override
    public String toString() {
        return "AbcTokens(folk-rnn ABC tokens, L:" + UNIT + ", " + (inC ? "every tune in C" : "keys as written") + ", "
                + (augment.length == 0 ? "no augmentation" : "augmented by " + Arrays.toString(augment).replaceAll("[\\[\\]]", "") + " semitones")
                + ", " + (vocabulary == null ? "no vocabulary yet" : "vocabulary " + vocabulary.size() + " tokens") + ")";
    }
}
