package tunesmith.music;

/** Transposes chord-symbol text such as "Am", "D7/F#", "Bbmaj7"; text that is not a chord is left as it is. */
final class ChordSymbols {

    private ChordSymbols() {}

    static String transpose(String symbol, int steps, int semitones) {
        int slash = symbol.indexOf('/');
        if (slash > 0) {
            return transpose(symbol.substring(0, slash), steps, semitones) + "/" + transpose(symbol.substring(slash + 1), steps, semitones);
        }
        if (symbol.isEmpty() || "ABCDEFG".indexOf(symbol.charAt(0)) < 0) return symbol;
        int i = 1, alter = 0;
        while (i < symbol.length() && (symbol.charAt(i) == '#' || symbol.charAt(i) == 'b')) {
            alter += symbol.charAt(i) == '#' ? 1 : -1;
            i++;
        }
        if (alter < -2 || alter > 2) return symbol;
        Pitch root = new Pitch(symbol.charAt(0), alter, 4).transpose(steps, semitones);
        if (Math.abs(root.alter()) > 1) root = Pitch.fromMidi(root.midi(), root.alter() < 0);
        String name = root.name();
        return name.substring(0, name.length() - 1) + symbol.substring(i);
    }
}
