package tunesmith.music;

/**
 * A spelled pitch: letter, alteration in semitones and octave (scientific: C4 is middle C,
 * MIDI 60, ABC {@code C}). Spelling matters: F#4 and Gb4 sound alike but read differently,
 * and transposition must keep the spelling right.
 */
public record Pitch(char letter, int alter, int octave) implements Comparable<Pitch> {

    private static final String LETTERS = "CDEFGAB";
    private static final int[] NATURAL = {0, 2, 4, 5, 7, 9, 11};

    public Pitch {
        letter = Character.toUpperCase(letter);
        if (LETTERS.indexOf(letter) < 0) throw new IllegalArgumentException("Not a note letter: '" + letter + "' (expected A-G)");
        if (alter < -2 || alter > 2) throw new IllegalArgumentException("Alteration " + alter + " out of range -2..2 for " + letter);
        if (octave < -1 || octave > 9) throw new IllegalArgumentException("Octave " + octave + " out of range -1..9");
    }

    public static Pitch of(char letter, int alter, int octave) { return new Pitch(letter, alter, octave); }

    /** Parses scientific names such as "C4", "F#5", "Bb3", "Ebb2". */
    public static Pitch parse(String name) {
        String s = name.strip();
        if (s.isEmpty()) throw new IllegalArgumentException("Empty pitch name (expected e.g. C4, F#5, Bb3)");
        char letter = Character.toUpperCase(s.charAt(0));
        int i = 1, alter = 0;
        while (i < s.length() && (s.charAt(i) == '#' || s.charAt(i) == 'b')) { alter += s.charAt(i) == '#' ? 1 : -1; i++; }
        try {
            return new Pitch(letter, alter, Integer.parseInt(s.substring(i)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a pitch name: '" + name + "' (expected e.g. C4, F#5, Bb3)");
        }
    }

    /** The most common spelling of a MIDI number: sharps for black keys unless {@code preferFlats}. */
    public static Pitch fromMidi(int midi, boolean preferFlats) {
        int pc = Math.floorMod(midi, 12), octave = Math.floorDiv(midi, 12) - 1;
        return switch (pc) {
            case 1 -> preferFlats ? new Pitch('D', -1, octave) : new Pitch('C', 1, octave);
            case 3 -> preferFlats ? new Pitch('E', -1, octave) : new Pitch('D', 1, octave);
            case 6 -> preferFlats ? new Pitch('G', -1, octave) : new Pitch('F', 1, octave);
            case 8 -> preferFlats ? new Pitch('A', -1, octave) : new Pitch('G', 1, octave);
            case 10 -> preferFlats ? new Pitch('B', -1, octave) : new Pitch('A', 1, octave);
            default -> new Pitch(LETTERS.charAt(indexOfNatural(pc)), 0, octave);
        };
    }

    private static int indexOfNatural(int pc) {
        for (int i = 0; i < 7; i++) if (NATURAL[i] == pc) return i;
        throw new IllegalStateException();
    }

    /** Index of the letter in C D E F G A B. */
    public int step() { return LETTERS.indexOf(letter); }

    public int midi() { return 12 * (octave + 1) + NATURAL[step()] + alter; }

    public int pitchClass() { return Math.floorMod(midi(), 12); }

    /** Diatonic position counting letters from C-1; two pitches a third apart differ by 2. */
    public int diatonic() { return octave * 7 + step(); }

    /**
     * Moves by {@code steps} letters and {@code semitones} semitones, keeping the spelling that
     * interval implies (C4 up a major third = E4; up a diminished fourth = Fb4).
     * Alterations beyond a double sharp or flat are respelled enharmonically.
     */
    public Pitch transpose(int steps, int semitones) {
        int d = diatonic() + steps;
        int newOctave = Math.floorDiv(d, 7);
        char newLetter = LETTERS.charAt(Math.floorMod(d, 7));
        int target = midi() + semitones;
        int natural = 12 * (newOctave + 1) + NATURAL[LETTERS.indexOf(newLetter)];
        int newAlter = target - natural;
        if (newAlter < -2 || newAlter > 2) return fromMidi(target, newAlter < 0);
        return new Pitch(newLetter, newAlter, newOctave);
    }

    /** This pitch with a different alteration of the same letter and octave. */
    public Pitch withAlter(int newAlter) { return new Pitch(letter, newAlter, octave); }

    public String name() {
        StringBuilder b = new StringBuilder().append(letter);
        for (int i = 0; i < Math.abs(alter); i++) b.append(alter > 0 ? '#' : 'b');
        return b.append(octave).toString();
    }

    @Override
    public int compareTo(Pitch o) {
        int c = Integer.compare(midi(), o.midi());
        return c != 0 ? c : Integer.compare(diatonic(), o.diatonic());
    }

    @Override
    public String toString() { return name(); }
}
