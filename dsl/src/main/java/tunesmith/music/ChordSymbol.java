package tunesmith.music;

import java.util.Map;
import java.util.Optional;

/**
 * A chord symbol read as harmony: its root, its quality and an optional bass note, so the pitch
 * classes it sounds are known ({@link #pitchClasses()}). Reads the common spellings ("G", "Am",
 * "D7", "Bbmaj7", "F#m7b5", "D/F#") and the Nottingham database's ("Gd" diminished, "Ea"
 * augmented, "D/f+" with a lower-case bass and + for sharp, "(E7)" an optional chord).
 * The text is kept as written, so a tune shows its symbols as its source did.
 *
 * @param text    the symbol as written
 * @param root    pitch class of the root, 0 = C
 * @param quality the chord's kind
 * @param bass    pitch class of a slash bass, or -1 when the root is the bass
 */
public record ChordSymbol(String text, int root, Quality quality, int bass) {

    /** Chord kinds, each with its intervals above the root in semitones. */
    public enum Quality {
        MAJOR(0, 4, 7), MINOR(0, 3, 7), DOMINANT_7(0, 4, 7, 10), MAJOR_7(0, 4, 7, 11), MINOR_7(0, 3, 7, 10),
        MAJOR_6(0, 4, 7, 9), MINOR_6(0, 3, 7, 9), DIMINISHED(0, 3, 6), DIMINISHED_7(0, 3, 6, 9), HALF_DIMINISHED(0, 3, 6, 10),
        AUGMENTED(0, 4, 8), AUGMENTED_7(0, 4, 8, 10), SUS_4(0, 5, 7), SUS_2(0, 2, 7), DOMINANT_9(0, 4, 7, 10, 2),
        DOMINANT_7_FLAT_9(0, 4, 7, 10, 1), MINOR_9(0, 3, 7, 10, 2), MAJOR_9(0, 4, 7, 11, 2);

        private final int[] intervals;

        Quality(int... intervals) { this.intervals = intervals; }

        public int[] intervals() { return intervals.clone(); }

        /**
         * The triad family a chord belongs to, for comparing harmonisations coarsely: sevenths, sixths
         * and ninths fold into the triad they extend (a dominant seventh is kept apart, being the
         * most common chord of folk accompaniment after the triads).
         */
        public Quality family() {
            return switch (this) {
                case MAJOR, MAJOR_7, MAJOR_6, MAJOR_9, SUS_4, SUS_2 -> MAJOR;
                case MINOR, MINOR_7, MINOR_6, MINOR_9 -> MINOR;
                case DOMINANT_7, DOMINANT_9, DOMINANT_7_FLAT_9 -> DOMINANT_7;
                case DIMINISHED, DIMINISHED_7, HALF_DIMINISHED -> DIMINISHED;
                case AUGMENTED, AUGMENTED_7 -> AUGMENTED;
            };
        }

        /** The usual suffix: "" for major, "m", "7", "dim"... */
        public String suffix() { return SUFFIX_OF.get(this); }
    }

    // suffixes as written after the root; longest tried first when reading
    private static final Map<String, Quality> SUFFIXES = Map.ofEntries(
            Map.entry("", Quality.MAJOR), Map.entry("maj", Quality.MAJOR), Map.entry("M", Quality.MAJOR),
            Map.entry("m", Quality.MINOR), Map.entry("min", Quality.MINOR), Map.entry("-", Quality.MINOR),
            Map.entry("7", Quality.DOMINANT_7), Map.entry("maj7", Quality.MAJOR_7), Map.entry("M7", Quality.MAJOR_7),
            Map.entry("m7", Quality.MINOR_7), Map.entry("min7", Quality.MINOR_7), Map.entry("6", Quality.MAJOR_6),
            Map.entry("m6", Quality.MINOR_6), Map.entry("dim", Quality.DIMINISHED), Map.entry("d", Quality.DIMINISHED),
            Map.entry("o", Quality.DIMINISHED), Map.entry("dim7", Quality.DIMINISHED_7), Map.entry("d7", Quality.DIMINISHED_7),
            Map.entry("o7", Quality.DIMINISHED_7), Map.entry("m7b5", Quality.HALF_DIMINISHED), Map.entry("aug", Quality.AUGMENTED),
            Map.entry("a", Quality.AUGMENTED), Map.entry("+", Quality.AUGMENTED), Map.entry("aug7", Quality.AUGMENTED_7),
            Map.entry("a7", Quality.AUGMENTED_7), Map.entry("+7", Quality.AUGMENTED_7), Map.entry("sus4", Quality.SUS_4),
            Map.entry("sus", Quality.SUS_4), Map.entry("sus2", Quality.SUS_2), Map.entry("9", Quality.DOMINANT_9),
            Map.entry("7b9", Quality.DOMINANT_7_FLAT_9), Map.entry("m9", Quality.MINOR_9), Map.entry("maj9", Quality.MAJOR_9));

    private static final Map<Quality, String> SUFFIX_OF = Map.ofEntries(
            Map.entry(Quality.MAJOR, ""), Map.entry(Quality.MINOR, "m"), Map.entry(Quality.DOMINANT_7, "7"),
            Map.entry(Quality.MAJOR_7, "maj7"), Map.entry(Quality.MINOR_7, "m7"), Map.entry(Quality.MAJOR_6, "6"),
            Map.entry(Quality.MINOR_6, "m6"), Map.entry(Quality.DIMINISHED, "dim"), Map.entry(Quality.DIMINISHED_7, "dim7"),
            Map.entry(Quality.HALF_DIMINISHED, "m7b5"), Map.entry(Quality.AUGMENTED, "aug"), Map.entry(Quality.AUGMENTED_7, "aug7"),
            Map.entry(Quality.SUS_4, "sus4"), Map.entry(Quality.SUS_2, "sus2"), Map.entry(Quality.DOMINANT_9, "9"),
            Map.entry(Quality.DOMINANT_7_FLAT_9, "7b9"), Map.entry(Quality.MINOR_9, "m9"), Map.entry(Quality.MAJOR_9, "maj9"));

    private static final String[] SHARP_NAMES = {"C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"};

    public ChordSymbol {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("A chord symbol needs its text");
        if (root < 0 || root > 11) throw new IllegalArgumentException("Chord root " + root + " is not a pitch class 0..11");
        if (quality == null) throw new IllegalArgumentException("A chord symbol needs a quality");
        if (bass < -1 || bass > 11) throw new IllegalArgumentException("Chord bass " + bass + " is not a pitch class 0..11 (or -1 for none)");
    }

    /** The chord a symbol's text names, or empty when the text is not a chord (an annotation such as "From ..."). */
    public static Optional<ChordSymbol> read(String text) {
        if (text == null) return Optional.empty();
        String s = text.strip();
        if (s.length() > 2 && s.startsWith("(") && s.endsWith(")")) s = s.substring(1, s.length() - 1).strip();
        String body = s, bassText = null;
        int slash = s.indexOf('/');
        if (slash > 0) { body = s.substring(0, slash); bassText = s.substring(slash + 1); }
        int[] rootEnd = new int[1];
        int root = note(body, rootEnd, false);
        if (root < 0) return Optional.empty();
        Quality q = SUFFIXES.get(body.substring(rootEnd[0]));
        if (q == null) return Optional.empty();
        int bass = -1;
        if (bassText != null) {
            int[] end = new int[1];
            bass = note(bassText, end, true);
            if (bass < 0 || end[0] != bassText.length()) return Optional.empty();
        }
        return Optional.of(new ChordSymbol(text.strip(), root, q, bass));
    }

    /** The chord a symbol's text names; a clear error when it names none. */
    public static ChordSymbol parse(String text) {
        return read(text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a chord symbol: expected a root A-G, "
                + "an optional # or b, a kind such as m, 7, m7, maj7, dim, aug, sus4 and an optional /bass, e.g. \"G\", \"Em\", \"D7/F#\""));
    }

    /** The chord of a root pitch class and a quality, spelled with sharps except Eb, Ab and Bb. */
    public static ChordSymbol of(int root, Quality quality) {
        int r = Math.floorMod(root, 12);
        return new ChordSymbol(SHARP_NAMES[r] + quality.suffix(), r, quality, -1);
    }

    /**
     * A note name at the start of {@code s}: a letter (upper case; lower case too for a bass, as the
     * Nottingham files write it) and accidentals (#, b; + and - after a lower-case bass).
     */
    private static int note(String s, int[] end, boolean bass) {
        if (s.isEmpty()) return -1;
        char c = s.charAt(0);
        char letter = Character.toUpperCase(c);
        if ("ABCDEFG".indexOf(letter) < 0 || (!bass && c != letter)) return -1;
        int alter = 0, i = 1;
        while (i < s.length()) {
            char a = s.charAt(i);
            if (a == '#' || (bass && a == '+')) alter++;
            else if (a == 'b') alter--; // no kind's suffix starts with b, so a b after the letter is a flat
            else if (bass && a == '-') alter--;
            else break;
            i++;
        }
        end[0] = i;
        return Math.floorMod(new Pitch(letter, 0, 4).pitchClass() + alter, 12);
    }

    /** The pitch classes the chord sounds, bass included, as a bit set: bit {@code pc} for each (bit 0 = C). */
    public int pitchClasses() {
        int mask = 0;
        for (int i : quality.intervals) mask |= 1 << ((root + i) % 12);
        if (bass >= 0) mask |= 1 << bass;
        return mask;
    }

    /** Whether a pitch class (0 = C) is a tone of the chord. */
    public boolean contains(int pitchClass) { return (pitchClasses() >> Math.floorMod(pitchClass, 12) & 1) != 0; }

    /** The chord's root and triad family, without bass or added tones: how harmonisations are compared. */
    public ChordSymbol simple() { return of(root, quality.family()); }

    /** The same chord moved by semitones, spelled as {@link #of} spells (the bass kept as a slash when there is one). */
    public ChordSymbol transpose(int semitones) {
        ChordSymbol moved = of(root + semitones, quality);
        if (bass < 0) return moved;
        int b = Math.floorMod(bass + semitones, 12);
        return new ChordSymbol(moved.text() + "/" + SHARP_NAMES[b], moved.root(), quality, b);
    }

    @Override
    public String toString() { return text; }
}
