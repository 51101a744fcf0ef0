package tunesmith.music;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A key: tonic and mode, plus explicit accidentals that override the signature
 * (ABC's {@code K:D ^c} or {@code K:D exp _b ^f}). {@link #NONE} has no signature at all;
 * {@code HP} and {@code Hp} are the Highland-pipe keys of ABC 2.1.
 * Anything else on the K: line (clef, octave, transpose) is kept as text in {@link #rest}.
 */
public record Key(char tonic, int tonicAlter, Mode mode, boolean explicitOnly, List<Pitch> extra, Kind kind, String rest) {

    public enum Kind { TONAL, NONE, PIPES_NONE, PIPES_SHARP }

    public static final Key C_MAJOR = new Key('C', 0, Mode.MAJOR, false, List.of(), Kind.TONAL, "");
    public static final Key NONE = new Key('C', 0, Mode.MAJOR, false, List.of(), Kind.NONE, "");

    private static final String SHARP_ORDER = "FCGDAEB";
    private static final String LETTERS = "CDEFGAB";
    private static final int[] LETTER_FIFTHS = {0, 2, 4, -1, 1, 3, 5}; // C D E F G A B in fifths from C

    public Key {
        tonic = Character.toUpperCase(tonic);
        extra = List.copyOf(extra);
        rest = rest == null ? "" : rest.strip();
    }

    public static Key of(String text) { return parse(text); }

    /** Parses the value of a K: field, e.g. "D", "Ador", "F#m", "Bb mix", "D exp ^c _b", "none", "HP". */
    public static Key parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) return NONE;
        List<String> words = new ArrayList<>();
        for (String w : s.split("\\s+")) words.addAll(unglue(w));
        String first = words.remove(0);
        Kind kind = Kind.TONAL;
        char tonic = 'C';
        int alter = 0;
        Mode mode = Mode.MAJOR;
        if (first.equalsIgnoreCase("none")) {
            kind = Kind.NONE;
        } else if (first.equals("HP")) {
            kind = Kind.PIPES_NONE;
        } else if (first.equals("Hp")) {
            kind = Kind.PIPES_SHARP;
        } else if (first.startsWith("^") || first.startsWith("_") || first.startsWith("=")
                || first.contains("=") || first.equalsIgnoreCase("exp") || isClef(first)) {
            // K: with only clef/accidentals ("K:bass", "K:clef=bass", "K:^f"): C major signature, as abcm2ps reads it
            words.add(0, first);
        } else {
            char c = first.charAt(0);
            int i = 1;
            if (c == 'H') c = 'B'; // German names, as in the Essen collection: H = B natural
            if ("ABCDEFG".indexOf(c) < 0) throw new IllegalArgumentException("Unknown key '" + text
                    + "' (expected a tonic A-G with optional # or b and a mode, e.g. D, Ador, F#m, Bbmix, or none)");
            tonic = c;
            String tail = first.substring(1).toLowerCase(Locale.ROOT);
            if (i < first.length() && (first.charAt(i) == '#' || first.charAt(i) == 'b')) {
                alter = first.charAt(i) == '#' ? 1 : -1;
                i++;
            } else if (tail.startsWith("is") && !tail.startsWith("isi")) {
                alter = 1; // Fis, Cis
                i += 2;
            } else if ((tail.equals("es") || tail.equals("s") || tail.startsWith("es ")) && c != 'B') {
                alter = -1; // Es, As, Des, Ges
                i += tail.startsWith("es") ? 2 : 1;
            }
            String modeWord = first.substring(i);
            if (modeWord.isEmpty() && !words.isEmpty() && isModeWord(words.get(0))) modeWord = words.remove(0);
            mode = Mode.parse(modeWord);
        }
        boolean explicitOnly = false;
        List<Pitch> extra = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String w : words) {
            if (w.equalsIgnoreCase("exp")) { explicitOnly = true; continue; }
            Pitch acc = parseAccidental(w);
            if (acc != null) extra.add(acc);
            else rest.add(w);
        }
        if (!explicitOnly) {
            // an accidental the signature already gives says nothing (K:Dmix=c is K:Dmix): dropped, so such
            // a key reads, writes and encodes as the plain key, as it did before glued accidentals were read
            Key plain = new Key(tonic, alter, mode, false, List.of(), kind, "");
            extra.removeIf(p -> plain.alterOf(p.letter()) == p.alter());
        }
        return new Key(tonic, alter, mode, explicitOnly, extra, kind, String.join(" ", rest));
    }

    private static boolean isModeWord(String w) {
        try { Mode.parse(w); return !w.contains("="); } catch (IllegalArgumentException e) { return false; }
    }

    private static Pitch parseAccidental(String w) {
        int i = 0, alter = 0;
        while (i < w.length() && (w.charAt(i) == '^' || w.charAt(i) == '_' || w.charAt(i) == '=')) {
            char c = w.charAt(i++);
            alter += c == '^' ? 1 : c == '_' ? -1 : 0;
        }
        if (i == 0 || i != w.length() - 1) return null;
        char letter = Character.toUpperCase(w.charAt(i));
        if ("ABCDEFG".indexOf(letter) < 0 || alter < -2 || alter > 2) return null;
        return new Pitch(letter, alter, 4);
    }

    /** A clef name of ABC 2.1 (4.6 and abcm2ps), with an optional staff line and octave: bass, bass3, treble-8, alto1. */
    private static final java.util.regex.Pattern CLEF = java.util.regex.Pattern.compile(
            "(?i)(treble|bass|alto|tenor|perc|baritone|soprano|mezzosoprano|mezzo)[1-5]?([+-](8|15))?");

    /** True for a bare clef name such as {@code bass} or {@code bass3} (not a key: no tonic is named that way). */
    public static boolean isClef(String word) { return CLEF.matcher(word).matches(); }

    /** Accidentals written one after another, as a key word or glued to the tonic ("C^f^c", "^f^c"). */
    private static final java.util.regex.Pattern GLUED = java.util.regex.Pattern.compile(
            "([A-GH][#b]?[A-Za-z]*)?((?:(?:\\^\\^|__|\\^|_|=)[A-Ga-g])+)");
    private static final java.util.regex.Pattern ONE_ACCIDENTAL = java.util.regex.Pattern.compile("(?:\\^\\^|__|\\^|_|=)[A-Ga-g]");

    /** A word of a K: field split into tonic and accidentals when they are glued ("C^f^c" is "C ^f ^c", as players read it). */
    private static List<String> unglue(String word) {
        java.util.regex.Matcher m = GLUED.matcher(word);
        if (!m.matches()) return List.of(word);
        List<String> out = new ArrayList<>();
        if (m.group(1) != null) out.add(m.group(1));
        java.util.regex.Matcher a = ONE_ACCIDENTAL.matcher(m.group(2));
        while (a.find()) out.add(a.group());
        return out;
    }

    /**
     * The key after a K: field in the music: a field that names no tonic (only {@code clef=bass},
     * {@code octave=1} and the like) keeps the current key, as ABC players do.
     */
    public static Key change(Key current, String text) {
        String s = text.strip();
        String first = s.isEmpty() ? "" : s.split("\\s+")[0];
        // a first word with '=' (clef=bass, and for now also a key with a glued natural such as Dmix=c) keeps the
        // current key: reading Dmix=c here would change the training data the zoo's folk-lstm was published with
        if (s.isEmpty() || first.contains("=") || isClef(first)) return current;
        return parse(s);
    }

    /** Key signature as a count of fifths: +2 is two sharps, -3 three flats. */
    public int fifths() {
        if (kind != Kind.TONAL) return 0;
        return LETTER_FIFTHS[LETTERS.indexOf(tonic)] + 7 * tonicAlter + mode.fifthsShift();
    }

    /** The alteration the key signature gives to a letter (before bar accidentals). */
    public int alterOf(char letter) {
        char l = Character.toUpperCase(letter);
        for (Pitch p : extra) if (p.letter() == l) return p.alter();
        if (kind == Kind.PIPES_SHARP) return (l == 'F' || l == 'C') ? 1 : 0;
        if (kind != Kind.TONAL || explicitOnly) return 0;
        int f = fifths();
        int n = Math.abs(f), pos = SHARP_ORDER.indexOf(l);
        if (f < 0) pos = 6 - pos; // flats go B E A D G C F
        int count = n / 7 + (pos < n % 7 ? 1 : 0);
        return f >= 0 ? count : -count;
    }

    /** Letter name alterations of the signature, for display: {F=1, C=1}. */
    public Map<Character, Integer> signature() {
        Map<Character, Integer> m = new TreeMap<>();
        for (char l : LETTERS.toCharArray()) if (alterOf(l) != 0) m.put(l, alterOf(l));
        return m;
    }

    public boolean isTonal() { return kind == Kind.TONAL; }

    /** Tonic as a pitch name without octave, e.g. "F#". */
    public String tonicName() {
        return tonic + (tonicAlter > 0 ? "#".repeat(tonicAlter) : "b".repeat(-tonicAlter));
    }

    public int tonicPitchClass() { return new Pitch(tonic, tonicAlter, 4).pitchClass(); }

    /** The key moved by an interval of letter steps and semitones (spelling follows the interval). */
    public Key transpose(int steps, int semitones) {
        if (kind != Kind.TONAL) return this;
        Pitch t = new Pitch(tonic, tonicAlter, 4).transpose(steps, semitones);
        if (Math.abs(t.alter()) > 1) t = Pitch.fromMidi(t.midi(), t.alter() < 0);
        List<Pitch> moved = new ArrayList<>();
        for (Pitch p : extra) moved.add(p.transpose(steps, semitones));
        return new Key(t.letter(), t.alter(), mode, explicitOnly, moved, kind, rest);
    }

    /** This key with another tonic and the same mode. */
    public Key withTonic(char letter, int alter) { return new Key(letter, alter, mode, explicitOnly, extra, kind, rest); }

    /** ABC text for a K: field: "Dmix", "F#m", "Bb", "none". */
    public String abc() {
        StringBuilder b = new StringBuilder();
        switch (kind) {
            case NONE -> b.append("none");
            case PIPES_NONE -> b.append("HP");
            case PIPES_SHARP -> b.append("Hp");
            case TONAL -> b.append(tonicName()).append(mode.abc());
        }
        if (explicitOnly) b.append(" exp");
        for (Pitch p : extra) b.append(' ').append(Accidental.forAlter(p.alter()).abc()).append(Character.toLowerCase(p.letter()));
        if (!rest.isEmpty()) b.append(' ').append(rest);
        return b.toString();
    }

    /** A short name for tables: "D mixolydian", "E minor". */
    public String describe() {
        return kind == Kind.TONAL ? tonicName() + " " + mode.word() : abc();
    }

    /** Enharmonic choice for a tonic pitch class: the spelling with the fewest sharps or flats. */
    public static Key simplest(int pitchClass, Mode mode) {
        Key best = null;
        for (char l : LETTERS.toCharArray()) {
            for (int a = -1; a <= 1; a++) {
                if (Math.floorMod(new Pitch(l, a, 4).pitchClass() - pitchClass, 12) != 0) continue;
                Key k = new Key(l, a, mode, false, List.of(), Kind.TONAL, "");
                if (best == null || Math.abs(k.fifths()) < Math.abs(best.fifths())
                        || (Math.abs(k.fifths()) == Math.abs(best.fifths()) && k.fifths() > best.fifths())) best = k;
            }
        }
        return best;
    }

    @Override
    public String toString() { return abc().toLowerCase(Locale.ROOT).equals("none") ? "none" : abc(); }

    /**
     * The key of some music from how long each pitch class sounds: the major scale that holds most
     * of the time (ties to the simpler signature), then its relative minor when the final note
     * ({@code finalPitchClass}, e.g. the last bass or melody note; -1 for none) is that scale's sixth degree.
     */
    public static Key estimate(double[] pitchClassWeight, int finalPitchClass) {
        if (pitchClassWeight.length != 12) throw new IllegalArgumentException("estimate: expected 12 pitch-class weights, got " + pitchClassWeight.length);
        int[] major = {0, 2, 4, 5, 7, 9, 11};
        int bestTonic = 0;
        double bestScore = -1;
        for (int tonic = 0; tonic < 12; tonic++) {
            double s = 0;
            for (int d : major) s += pitchClassWeight[(tonic + d) % 12];
            s -= 1e-6 * Math.abs(simplest(tonic, Mode.MAJOR).fifths());
            if (s > bestScore) { bestScore = s; bestTonic = tonic; }
        }
        if (finalPitchClass >= 0 && finalPitchClass % 12 == (bestTonic + 9) % 12) return simplest((bestTonic + 9) % 12, Mode.MINOR);
        return simplest(bestTonic, Mode.MAJOR);
    }

    /**
     * A key named by a user as a target ({@code transposeTo("A")}): read as {@link #parse} reads a K: field,
     * except that the German H is refused. In a tunebook, K:H is read as B (the Essen collection writes it);
     * typed as a target it is more likely a slip, and a German reader's B would be our Bb.
     *
     * @throws IllegalArgumentException for H (and Hm, Hmix, ...), and for what {@link #parse} refuses
     */
    public static Key named(String text) {
        String s = text == null ? "" : text.strip();
        if (!s.isEmpty() && Character.toUpperCase(s.charAt(0)) == 'H' && !s.startsWith("HP") && !s.startsWith("Hp"))
            throw new IllegalArgumentException("Key '" + text + "': H is the German name of B; write B" + s.substring(1)
                    + " (and the German B is Bb here)");
        return parse(s);
    }
}
