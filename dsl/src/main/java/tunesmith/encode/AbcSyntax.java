package tunesmith.encode;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tunesmith.music.Key;

/**
 * ABC's syntax as a sampling rule that remembers what came before, on top of the table of which
 * token may follow which ({@link AbcTokens#grammar()}). What a player (and abc2midi) cannot read
 * is never offered:
 * <ul>
 *   <li>a tie only after a note with a pitch (never a rest), and after it only the same pitch,
 *       possibly after a plain bar line: same letter, octave and sounding alteration, counting the
 *       key and the accidentals written earlier in the bar (which a bar line forgets), read both as
 *       ABC 2.1 does (an accidental holds for its octave) and as abc2midi does (for the letter in
 *       every octave); never a rest, a repeat sign, an ending or the end of the tune;</li>
 *   <li>repeat signs only as abc2midi reads them ({@code |:}, {@code :|}, {@code :|:}, {@code ::},
 *       {@code :|]}; never {@code ||:} or {@code :||});</li>
 *   <li>repeats in pairs: no {@code |:} while one is open, a {@code :|} only when one is open (or,
 *       once, back to the start of a tune that has had no section sign yet), and no end of the tune
 *       while one is open; inside an open repeat only plain bar lines and its {@code :|};</li>
 *   <li>endings only as {@code [1 ... :| [2 ...}: {@code [1} inside a repeat that has music before it
 *       (not one opened by {@code :|:}, which abc2midi reads as an error before an ending), {@code [2}
 *       right after the {@code :|} that closes a first ending, and music right after an ending;</li>
 *   <li>a change of meter only after the first note, not while a repeat is open, and not twice in a row.</li>
 * </ul>
 * If the rule would leave no token (it should not), the table alone applies for that step.
 */
class AbcSyntax implements TokenConstraint {

    enum Kind { PITCH, REST, LENGTH, TIE, TUPLET, BAR, ENDING, METER, KEY, END, OTHER }

    private static final Pattern PITCH = Pattern.compile("(\\^\\^|\\^|=|__|_)?([A-Ga-g])([,']*)");
    private static final Pattern LENGTH = Pattern.compile("\\d+|\\d*/\\d+");
    private static final Pattern TUPLET = Pattern.compile("\\((\\d)(?::(\\d*)(?::(\\d*))?)?");
    static final Pattern BAR = Pattern.compile(":*(?:\\|\\]|\\|\\||\\[\\||\\.\\||\\|):*|::");

    final boolean[][] follows;
    final Kind[] kinds;
    /** BAR: closes a repeat (leading colon), opens one (trailing colon), a plain bar line ({@code |}, {@code .|}). */
    final boolean[] closes, opens, plain;
    private final boolean[] doubleColon;
    private final boolean[] misread; // BAR: a repeat sign abc2midi does not read as written (||:, :||), never offered // BAR: the token ::, which abc2midi reads before an ending (unlike :|:)
    /** ENDING: 1 or 2; 0 for other endings ({@code [3}, {@code [1,2}), never offered. */
    final int[] endingNumber;
    final char[] letter;
    final int[] octave;
    final Integer[] written; // PITCH: the written accidental's alteration, null when none
    final Key[] keys;
    private final boolean secondEnding; // the vocabulary has [2, so a first ending can be closed

    AbcSyntax(Vocabulary v, boolean[][] follows) {
        this.follows = follows;
        int n = v.size();
        kinds = new Kind[n];
        closes = new boolean[n];
        opens = new boolean[n];
        plain = new boolean[n];
        doubleColon = new boolean[n];
        misread = new boolean[n];
        endingNumber = new int[n];
        letter = new char[n];
        octave = new int[n];
        written = new Integer[n];
        keys = new Key[n];
        boolean second = false;
        for (int i = 0; i < n; i++) {
            String t = v.token(i);
            Matcher pm = PITCH.matcher(t);
            if (t.equals(Vocabulary.END)) kinds[i] = Kind.END;
            else if (pm.matches()) {
                kinds[i] = Kind.PITCH;
                String acc = pm.group(1);
                written[i] = acc == null ? null : switch (acc) {
                    case "^^" -> 2;
                    case "^" -> 1;
                    case "=" -> 0;
                    case "_" -> -1;
                    default -> -2;
                };
                char c = pm.group(2).charAt(0);
                letter[i] = Character.toUpperCase(c);
                int o = Character.isLowerCase(c) ? 5 : 4;
                for (char m : pm.group(3).toCharArray()) o += m == '\'' ? 1 : -1;
                octave[i] = o;
            } else if (t.equals("z")) kinds[i] = Kind.REST;
            else if (LENGTH.matcher(t).matches()) kinds[i] = Kind.LENGTH;
            else if (t.equals("-")) kinds[i] = Kind.TIE;
            else if (TUPLET.matcher(t).matches()) kinds[i] = Kind.TUPLET;
            else if (BAR.matcher(t).matches()) {
                kinds[i] = Kind.BAR;
                closes[i] = t.startsWith(":");
                opens[i] = t.endsWith(":");
                plain[i] = t.equals("|") || t.equals(".|");
                doubleColon[i] = t.equals("::");
                // abc2midi reads ||: as no start of a repeat (it goes back to the tune's start) and does not
                // carry a short bar over :||; only |:, :|, :|:, :: and :|] repeat as written
                misread[i] = (closes[i] || opens[i]) && !t.replace(":", "").equals("|") && !t.equals("::") && !t.equals(":|]");
            } else if (t.startsWith("M:")) kinds[i] = Kind.METER;
            else if (t.startsWith("K:")) {
                kinds[i] = Kind.KEY;
                keys[i] = t.equals("K:none") ? Key.NONE : Key.parse(t.substring(2));
            } else if (t.startsWith("[") && t.length() > 1 && Character.isDigit(t.charAt(1))) {
                kinds[i] = Kind.ENDING;
                endingNumber[i] = t.equals("[1") ? 1 : t.equals("[2") ? 2 : 0;
                second |= endingNumber[i] == 2;
            } else kinds[i] = Kind.OTHER;
        }
        secondEnding = second;
    }

    @Override
    public State start() { return new State(); }

    /** What the syntax remembers of one sequence. {@link BarConstraint} keeps one beside its own. */
    final class State implements TokenConstraint.State {
        int previous = -1;
        private Key key = Key.C_MAJOR;
        private final Map<Integer, Integer> barAccidentals = new HashMap<>(); // letter and octave -> alteration written in this bar
        private final Map<Character, Integer> letterAccidentals = new HashMap<>(); // letter -> the last alteration written in this bar, any octave
        boolean music; // a note or rest since the header
        private boolean lastWasPitch; // the last note or rest had a pitch (a tie may follow it)
        private char lastLetter;
        private int lastOctave, lastSound;
        boolean tieOpen; // a tie waits for its note
        private char tieLetter;
        private int tieOctave, tieSound;
        boolean repeatOpen; // a |: without its :| yet
        private boolean implicitRepeat = true; // a :| may still go back to the start (no section sign yet)
        private boolean sectionMusic; // music since the section (repeat) began
        private boolean endingsAllowed = true; // the open section may have endings (not opened by :|:)
        int ending; // 0: none, 1: in a first ending, 2: in a second
        boolean needSecond; // a :| closed a first ending: [2 comes next

        @Override
        public void mask(double[] p) {
            double[] kept = p.clone();
            boolean any = false;
            for (int k = 0; k < p.length; k++) {
                if (p[k] > 0 && (previous >= 0 && !follows[previous][k] || !allowed(k))) p[k] = 0;
                any |= p[k] > 0;
            }
            if (!any) { // never stuck: the table alone for this step
                System.arraycopy(kept, 0, p, 0, p.length);
                if (previous >= 0) for (int k = 0; k < p.length; k++) if (!follows[previous][k]) p[k] = 0;
            }
        }

        /** Whether the syntax lets this token come next (the follows table apart). */
        boolean allowed(int token) {
            Kind k = kinds[token];
            Kind prev = previous < 0 ? null : kinds[previous];
            if (needSecond) return k == Kind.ENDING && endingNumber[token] == 2;
            if (tieOpen) return k == Kind.PITCH ? letter[token] == tieLetter && octave[token] == tieOctave && sound(token) == tieSound
                    : k == Kind.BAR && plain[token] && prev == Kind.TIE;
            if (prev == Kind.ENDING) return k == Kind.PITCH || k == Kind.REST || k == Kind.TUPLET;
            return switch (k) {
                case TIE -> lastWasPitch && unambiguous(lastSound) && (prev == Kind.PITCH || prev == Kind.LENGTH);
                case ENDING -> endingNumber[token] == 1 && secondEnding && ending == 0 && sectionMusic
                        && (repeatOpen ? endingsAllowed : implicitRepeat);
                case BAR -> {
                    if (misread[token]) yield false;
                    if (closes[token]) yield (repeatOpen || implicitRepeat) && sectionMusic && !(opens[token] && ending == 1);
                    if (opens[token]) yield !repeatOpen && ending != 1;
                    yield plain[token] || (!repeatOpen && ending != 1); // ||, |] do not fall inside a repeat
                }
                case END -> music && !repeatOpen && ending != 1;
                case METER -> music && !repeatOpen && ending != 1 && prev != Kind.METER;
                default -> true;
            };
        }

        /**
         * The alteration a pitch token sounds here, read two ways and packed in one number: as ABC 2.1 reads it
         * (its accidental, else one written earlier in the bar on the same letter and octave, else the key's) and
         * as abc2midi does (an accidental in the bar holds for the letter in every octave). A tie needs its two
         * notes to agree both ways.
         */
        int sound(int token) {
            if (written[token] != null) return (written[token] + 2) * 5 + written[token] + 2;
            int keyAlter = key.alterOf(letter[token]);
            return (barAccidentals.getOrDefault(letter[token] * 16 + octave[token], keyAlter) + 2) * 5
                    + letterAccidentals.getOrDefault(letter[token], keyAlter) + 2;
        }

        /** Whether both readings of a sound agree (see {@link #sound}). */
        private static boolean unambiguous(int sound) { return sound / 5 == sound % 5; }

        @Override
        public void accept(int token) {
            Kind k = kinds[token];
            switch (k) {
                case PITCH -> {
                    lastSound = sound(token);
                    lastLetter = letter[token];
                    lastOctave = octave[token];
                    if (written[token] != null) {
                        barAccidentals.put(letter[token] * 16 + octave[token], written[token]);
                        letterAccidentals.put(letter[token], written[token]);
                    }
                    lastWasPitch = true;
                    tieOpen = false;
                    music = sectionMusic = true;
                }
                case REST -> {
                    lastWasPitch = false;
                    music = sectionMusic = true;
                }
                case TIE -> {
                    tieOpen = true;
                    tieLetter = lastLetter;
                    tieOctave = lastOctave;
                    tieSound = lastSound;
                }
                case BAR -> {
                    barAccidentals.clear();
                    letterAccidentals.clear();
                    if (closes[token]) {
                        if (ending == 1) needSecond = true;
                        ending = 0;
                        repeatOpen = false;
                        sectionMusic = false;
                    }
                    if (opens[token]) {
                        repeatOpen = true;
                        sectionMusic = false;
                        endingsAllowed = !closes[token] || doubleColon[token];
                        ending = 0;
                    }
                    if (!plain[token]) {
                        implicitRepeat = false;
                        if (ending == 2) ending = 0;
                    }
                }
                case ENDING -> {
                    ending = endingNumber[token];
                    if (ending == 2) needSecond = false;
                }
                case KEY -> key = keys[token];
                case METER -> implicitRepeat = false; // a repeat back to the start would cross the change
                default -> { }
            }
            previous = token;
        }
    }
}
