package tunesmith.musicxml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chord symbol read from the text of an ABC chord annotation ({@code "Am"}, {@code "D7/f+"},
 * {@code "Bbmaj7"}, {@code "(E7)"}) as MusicXML's {@code <harmony>} says it: root, kind (one of
 * MusicXML's kind values), the text shown for the kind, bass note and added or altered degrees.
 * Text that is not a chord ({@code "From"}, {@code "fine"}) reads as nothing and is written as words.
 *
 * <p>Besides the usual spellings it reads the Nottingham Music Database's: a bass note in lower case
 * with {@code +} for sharp ({@code "A7/c+"} is A7 over C#), {@code d} for diminished ({@code "Gd"}) and
 * {@code a} for augmented ({@code "Ea"}).
 */
record ChordSymbol(char rootStep, int rootAlter, String kind, String kindText, char bassStep, int bassAlter, List<Degree> degrees) {

    /** A degree added to, altered in or taken from the chord: {@code 7b9} adds a flat ninth. */
    record Degree(int value, int alter, String type) {}

    ChordSymbol {
        degrees = List.copyOf(degrees);
    }

    /** True when a bass note other than the root is named ({@code D/F#}). */
    boolean hasBass() { return bassStep != 0; }

    /** Suffixes (after the root) to MusicXML kinds, with the text to show; the longest matching suffix wins. */
    private static final Map<String, String[]> KINDS = Map.ofEntries(
            Map.entry("", new String[]{"major", ""}), Map.entry("maj", new String[]{"major", ""}), Map.entry("M", new String[]{"major", ""}),
            Map.entry("m", new String[]{"minor", "m"}), Map.entry("min", new String[]{"minor", "m"}), Map.entry("mi", new String[]{"minor", "m"}),
            Map.entry("-", new String[]{"minor", "m"}),
            Map.entry("7", new String[]{"dominant", "7"}), Map.entry("dom7", new String[]{"dominant", "7"}),
            Map.entry("maj7", new String[]{"major-seventh", "maj7"}), Map.entry("M7", new String[]{"major-seventh", "maj7"}),
            Map.entry("ma7", new String[]{"major-seventh", "maj7"}), Map.entry("j7", new String[]{"major-seventh", "maj7"}),
            Map.entry("\u03947", new String[]{"major-seventh", "maj7"}), Map.entry("\u0394", new String[]{"major-seventh", "maj7"}),
            Map.entry("m7", new String[]{"minor-seventh", "m7"}), Map.entry("min7", new String[]{"minor-seventh", "m7"}),
            Map.entry("mi7", new String[]{"minor-seventh", "m7"}), Map.entry("-7", new String[]{"minor-seventh", "m7"}),
            Map.entry("dim", new String[]{"diminished", "dim"}), Map.entry("d", new String[]{"diminished", "dim"}),
            Map.entry("o", new String[]{"diminished", "dim"}), Map.entry("\u00b0", new String[]{"diminished", "dim"}),
            Map.entry("dim7", new String[]{"diminished-seventh", "dim7"}), Map.entry("d7", new String[]{"diminished-seventh", "dim7"}),
            Map.entry("o7", new String[]{"diminished-seventh", "dim7"}), Map.entry("\u00b07", new String[]{"diminished-seventh", "dim7"}),
            Map.entry("m7b5", new String[]{"half-diminished", "m7b5"}), Map.entry("min7b5", new String[]{"half-diminished", "m7b5"}),
            Map.entry("-7b5", new String[]{"half-diminished", "m7b5"}), Map.entry("\u00f8", new String[]{"half-diminished", "m7b5"}),
            Map.entry("\u00f87", new String[]{"half-diminished", "m7b5"}),
            Map.entry("aug", new String[]{"augmented", "aug"}), Map.entry("a", new String[]{"augmented", "aug"}),
            Map.entry("+", new String[]{"augmented", "aug"}),
            Map.entry("aug7", new String[]{"augmented-seventh", "aug7"}), Map.entry("a7", new String[]{"augmented-seventh", "aug7"}),
            Map.entry("+7", new String[]{"augmented-seventh", "aug7"}), Map.entry("7+", new String[]{"augmented-seventh", "aug7"}),
            Map.entry("7#5", new String[]{"augmented-seventh", "aug7"}),
            Map.entry("6", new String[]{"major-sixth", "6"}), Map.entry("maj6", new String[]{"major-sixth", "6"}),
            Map.entry("m6", new String[]{"minor-sixth", "m6"}), Map.entry("min6", new String[]{"minor-sixth", "m6"}),
            Map.entry("9", new String[]{"dominant-ninth", "9"}), Map.entry("maj9", new String[]{"major-ninth", "maj9"}),
            Map.entry("M9", new String[]{"major-ninth", "maj9"}), Map.entry("m9", new String[]{"minor-ninth", "m9"}),
            Map.entry("min9", new String[]{"minor-ninth", "m9"}),
            Map.entry("11", new String[]{"dominant-11th", "11"}), Map.entry("m11", new String[]{"minor-11th", "m11"}),
            Map.entry("13", new String[]{"dominant-13th", "13"}), Map.entry("maj13", new String[]{"major-13th", "maj13"}),
            Map.entry("m13", new String[]{"minor-13th", "m13"}),
            Map.entry("mmaj7", new String[]{"major-minor", "m(maj7)"}), Map.entry("mM7", new String[]{"major-minor", "m(maj7)"}),
            Map.entry("m(maj7)", new String[]{"major-minor", "m(maj7)"}),
            Map.entry("sus", new String[]{"suspended-fourth", "sus4"}), Map.entry("sus4", new String[]{"suspended-fourth", "sus4"}),
            Map.entry("sus2", new String[]{"suspended-second", "sus2"}),
            Map.entry("5", new String[]{"power", "5"}));

    /** Suffixes, longest first, for a longest-match reading. */
    private static final List<String> SUFFIXES = KINDS.keySet().stream()
            .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder())).toList();

    /** What may follow the kind: added, altered or omitted degrees such as b9, #11, add9, (b13), no3. */
    private static final Pattern DEGREE = Pattern.compile("\\(?(add|no|omit)?([b#+\\-]?)(\\d{1,2})\\)?");

    /** The chord the text names, or empty when it names none. */
    static Optional<ChordSymbol> parse(String text) {
        String s = text.strip();
        if (s.length() > 2 && s.startsWith("(") && s.endsWith(")")) s = s.substring(1, s.length() - 1).strip(); // an optional chord
        if (s.isEmpty() || "ABCDEFG".indexOf(s.charAt(0)) < 0) return Optional.empty();
        int i = 1;
        int rootAlter = 0;
        while (i < s.length() && isAccidental(s.charAt(i), false)) rootAlter += alterOf(s.charAt(i++));
        if (Math.abs(rootAlter) > 2) return Optional.empty();
        String rest = s.substring(i);
        char bassStep = 0;
        int bassAlter = 0;
        int slash = rest.lastIndexOf('/');
        if (slash >= 0 && !rest.endsWith("6/9")) {
            String bass = rest.substring(slash + 1).strip();
            rest = rest.substring(0, slash);
            if (bass.isEmpty() || "ABCDEFG".indexOf(Character.toUpperCase(bass.charAt(0))) < 0) return Optional.empty();
            bassStep = Character.toUpperCase(bass.charAt(0));
            for (int k = 1; k < bass.length(); k++) {
                if (!isAccidental(bass.charAt(k), true)) return Optional.empty();
                bassAlter += alterOf(bass.charAt(k));
            }
            if (Math.abs(bassAlter) > 2) return Optional.empty();
        }
        if (rest.endsWith("6/9") || rest.endsWith("69")) {
            String base = rest.substring(0, rest.length() - (rest.endsWith("6/9") ? 3 : 2));
            String kind = base.equals("m") ? "minor-sixth" : base.isEmpty() ? "major-sixth" : null;
            if (kind == null) return Optional.empty();
            return Optional.of(new ChordSymbol(s.charAt(0), rootAlter, kind, base + "6/9", bassStep, bassAlter, List.of(new Degree(9, 0, "add"))));
        }
        if (rest.startsWith("7sus")) {
            // a dominant seventh with the fourth for the third: MusicXML's suspended-fourth plus a minor seventh
            List<Degree> more = degrees(rest.substring(rest.startsWith("7sus4") ? 5 : 4));
            if (more == null) return Optional.empty();
            List<Degree> all = new ArrayList<>(List.of(new Degree(7, -1, "add")));
            all.addAll(more);
            return Optional.of(new ChordSymbol(s.charAt(0), rootAlter, "suspended-fourth", rest, bassStep, bassAlter, all));
        }
        for (String suffix : SUFFIXES) {
            if (!rest.startsWith(suffix)) continue;
            List<Degree> degrees = degrees(rest.substring(suffix.length()));
            if (degrees == null) continue; // a shorter suffix may leave degrees that read
            String[] kind = KINDS.get(suffix);
            String shown = degrees.isEmpty() ? kind[1] : kind[1] + rest.substring(suffix.length());
            return Optional.of(new ChordSymbol(s.charAt(0), rootAlter, kind[0], shown, bassStep, bassAlter, degrees));
        }
        return Optional.empty();
    }

    /** Degrees after the kind, or null when the text is not a run of degrees. */
    private static List<Degree> degrees(String text) {
        List<Degree> out = new ArrayList<>();
        Matcher m = DEGREE.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at || m.end() == at) return null;
            int value = Integer.parseInt(m.group(3));
            if (value < 2 || value > 13) return null;
            int alter = m.group(2).isEmpty() ? 0 : (m.group(2).equals("#") || m.group(2).equals("+")) ? 1 : -1;
            String word = m.group(1);
            // the fifth is in every chord, so a sharp or flat fifth alters it; other degrees are added
            String type = word != null && !word.equals("add") ? "subtract" : value == 5 && alter != 0 ? "alter" : "add";
            // a bare number names no degree ("C7 9" is no chord); in brackets, or with add or an accidental, it does
            if (word == null && alter == 0 && !m.group().startsWith("(")) return null;
            out.add(new Degree(value, alter, type));
            at = m.end();
        }
        return out;
    }

    private static boolean isAccidental(char c, boolean bass) {
        return c == '#' || c == 'b' || c == '\u266f' || c == '\u266d' || (bass && (c == '+' || c == '-'));
    }

    private static int alterOf(char c) { return c == '#' || c == '+' || c == '\u266f' ? 1 : -1; }

    /** The symbol as it reads: root, kind text and bass ({@code "F#m7/E"}). */
    @Override
    public String toString() {
        return step(rootStep, rootAlter) + kindText + (hasBass() ? "/" + step(bassStep, bassAlter) : "");
    }

    private static String step(char step, int alter) {
        return step + (alter > 0 ? "#".repeat(alter) : "b".repeat(-alter));
    }
}
