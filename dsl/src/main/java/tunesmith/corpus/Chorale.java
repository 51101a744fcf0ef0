package tunesmith.corpus;

import java.util.ArrayList;
import java.util.List;
import tunesmith.music.Accidentals;
import tunesmith.music.Bar;
import tunesmith.music.BarLine;
import tunesmith.music.Duration;
import tunesmith.music.Element;
import tunesmith.music.Field;
import tunesmith.music.Key;
import tunesmith.music.Note;
import tunesmith.music.Pitch;
import tunesmith.music.Rest;
import tunesmith.music.Tune;
import tunesmith.music.Voice;

/**
 * One Bach chorale on a 16th-note grid: {@code steps[t] = {soprano, alto, tenor, bass}} as MIDI
 * numbers, -1 for silence. The grid does not mark re-struck notes, so equal pitches on
 * consecutive steps are read as one held note (the usual reading of this dataset).
 */
public record Chorale(String split, int number, int[][] steps) {

    public static final String[] VOICES = {"S", "A", "T", "B"};
    private static final String[] NAMES = {"Soprano", "Alto", "Tenor", "Bass"};
    private static final String[] CLEFS = {"treble", "treble", "treble-8", "bass"};
    private static final int STEPS_PER_BAR = 16; // the dataset carries no meter; chorales are mostly 4/4

    public int length() { return steps.length; }

    /** MIDI pitches of one voice (0 soprano .. 3 bass) per step. */
    public int[] voice(int v) {
        int[] out = new int[steps.length];
        for (int t = 0; t < steps.length; t++) out[t] = steps[t][v];
        return out;
    }

    public String title() { return "Chorale " + split + " " + number; }

    /**
     * The soprano's first {@code notes} notes as intervals and lengths, so a melody matches itself in
     * any key: the chorale melody's identity (Bach set many melodies more than once).
     */
    public List<Integer> melodyOpening(int notes) {
        List<Integer> out = new ArrayList<>();
        int[] s = voice(0);
        int prev = Integer.MIN_VALUE, n = 0;
        for (int t = 0; t < s.length && n < notes; ) {
            int end = t + 1;
            while (end < s.length && s[end] == s[t]) end++;
            if (s[t] >= 0) {
                out.add(prev == Integer.MIN_VALUE ? 0 : s[t] - prev);
                out.add(end - t);
                prev = s[t];
                n++;
            }
            t = end;
        }
        return out;
    }

    /** The chorale as a 4-voice tune (V:S, V:A, V:T, V:B) in 4/4 with an estimated key. */
    public Tune tune() {
        Key key = estimateKey();
        List<Field> fields = new ArrayList<>(List.of(new Field('X', Integer.toString(number)), new Field('T', title()),
                new Field('S', "JSB chorales (Boulanger-Lewandowski 2012), " + split + " split"),
                new Field('M', "4/4"), new Field('L', "1/16"), new Field('Q', "1/4=60")));
        List<Voice> voices = new ArrayList<>();
        for (int v = 0; v < 4; v++) {
            fields.add(new Field('V', VOICES[v] + " name=\"" + NAMES[v] + "\" clef=" + CLEFS[v]));
            voices.add(new Voice(VOICES[v], "name=\"" + NAMES[v] + "\" clef=" + CLEFS[v], Accidentals.respell(bars(voice(v), key), key)));
        }
        fields.add(new Field('K', key.abc()));
        return new Tune(fields, voices, "jsb/" + split, number);
    }

    /** The soprano line alone, the chorale melody corpus. */
    public Tune soprano() {
        Tune t = tune();
        return t.withVoices(List.of(t.voices().get(0)));
    }

    private static List<Bar> bars(int[] line, Key key) {
        List<Bar> bars = new ArrayList<>();
        List<Element> cur = new ArrayList<>();
        int t = 0;
        while (t < line.length) {
            int p = line[t];
            int end = t + 1;
            while (end < line.length && line[end] == p) end++;
            // cut the held note at bar lines, tying the pieces
            int s = t;
            while (s < end) {
                int barEnd = (s / STEPS_PER_BAR + 1) * STEPS_PER_BAR;
                int e = Math.min(end, barEnd);
                Duration d = Duration.of(e - s, 16);
                cur.add(p < 0 ? Rest.of(d) : new Note(spell(p, key), null, d, e < end));
                if (e == barEnd) {
                    bars.add(new Bar(cur, false, null, e == line.length ? BarLine.FINAL : BarLine.SINGLE, false,
                            bars.size() % 4 == 3 || e == line.length, List.of()));
                    cur = new ArrayList<>();
                }
                s = e;
            }
            t = end;
        }
        if (!cur.isEmpty()) bars.add(new Bar(cur, false, null, BarLine.FINAL, false, true, List.of()));
        return bars;
    }

    /** The spelling of a MIDI pitch in a key: the key's own letter when diatonic, else sharps or flats as the key leans. */
    static Pitch spell(int midi, Key key) {
        int pc = Math.floorMod(midi, 12);
        Pitch best = null;
        for (char l : "CDEFGAB".toCharArray()) {
            for (int a = -1; a <= 1; a++) {
                Pitch cand = new Pitch(l, a, 4);
                if (cand.pitchClass() != pc) continue;
                if (key.alterOf(l) == a) return octaveFor(cand, midi);
                if (best == null || (key.fifths() >= 0 ? a > best.alter() : a < best.alter())) best = cand;
            }
        }
        return octaveFor(best, midi);
    }

    private static Pitch octaveFor(Pitch p, int midi) {
        Pitch q = new Pitch(p.letter(), p.alter(), 4);
        return new Pitch(p.letter(), p.alter(), 4 + Math.floorDiv(midi - q.midi(), 12));
    }

    /** The key by {@link Key#estimate}, from all four voices, the final bass note deciding major or minor. */
    Key estimateKey() {
        double[] weight = new double[12];
        for (int[] step : steps) for (int p : step) if (p >= 0) weight[p % 12] += 1;
        int lastBass = -1;
        for (int t = steps.length - 1; t >= 0 && lastBass < 0; t--) lastBass = steps[t][3];
        return Key.estimate(weight, lastBass < 0 ? -1 : lastBass % 12);
    }

    @Override
    public String toString() { return title() + " (" + steps.length + " sixteenths)"; }
}
