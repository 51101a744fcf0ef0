package tunesmith.encode;

import java.util.ArrayList;
import java.util.List;
import tunesmith.music.Accidentals;
import tunesmith.music.Bar;
import tunesmith.music.BarLine;
import tunesmith.music.Duration;
import tunesmith.music.Element;
import tunesmith.music.Field;
import tunesmith.music.Key;
import tunesmith.music.Meter;
import tunesmith.music.Note;
import tunesmith.music.NoteEvent;
import tunesmith.music.Pitch;
import tunesmith.music.Rest;
import tunesmith.music.Tune;
import tunesmith.music.Voice;

/**
 * A melody on a 16th-note grid, one class per step, as MusicVAE's melody models read it
 * (Roberts et al. 2018): {@value #REST} = rest, {@value #HOLD} = hold (the note before goes on),
 * {@code 2 + (p - lowest)} = a note of MIDI pitch {@code p} starts. A repeated note is two note-ons;
 * a held one is a note-on and holds.
 *
 * <p>Only what sits on the grid fits: every onset and length a whole number of 16ths (so no
 * triplets) and every pitch in {@code lowest..highest}. Other tunes are refused with the reason,
 * or, for pitches, moved by octaves into range with {@link #octaveFold()}.
 * Immutable; {@code MelodyGrid.grid()} is the default.
 */
public final class MelodyGrid {

    public static final int REST = 0;
    public static final int HOLD = 1;
    /** Class of the lowest pitch's note-on. */
    public static final int FIRST_NOTE = 2;
    /** One grid step: a 16th note. */
    public static final Duration STEP = Duration.SIXTEENTH;

    // ---- defaults, all in one place ------------------------------------------------------------

    /**
     * Lowest pitch by default, MIDI 48 (C3), and highest, MIDI 84 (C6): three octaves, which hold the
     * fiddle, flute and whistle melodies of the folk corpora (only 33 of O'Neill's 2007 tunes have a
     * note outside them) and the chorale sopranos (C4..A5, MIDI 60..81) with room to transpose; and a
     * small output layer (39 classes) that trains faster than MusicVAE's 90-class full range.
     */
    public static final int DEFAULT_LOWEST = 48, DEFAULT_HIGHEST = 84;
    /** Title of a decoded tune: steps carry none. */
    public static final String SAMPLE_TITLE = "Sample";
    private static final int BARS_PER_LINE = 4;
    private static final MelodyGrid DEFAULT = new MelodyGrid(DEFAULT_LOWEST, DEFAULT_HIGHEST, false);
    private static final String SPEC_NAME = "melody-grid", SPEC_VERSION = "v1";

    private final int lowest, highest;
    private final boolean octaveFold;

    private MelodyGrid(int lowest, int highest, boolean octaveFold) {
        this.lowest = lowest;
        this.highest = highest;
        this.octaveFold = octaveFold;
    }

    /** The default grid: MIDI 48..84, out-of-range notes refused. */
    public static MelodyGrid grid() { return DEFAULT; }

    /** Another pitch range (MIDI numbers, inclusive). */
    public MelodyGrid range(int lowestMidi, int highestMidi) {
        if (lowestMidi < 0 || highestMidi > 127 || lowestMidi > highestMidi)
            throw new IllegalArgumentException("range(" + lowestMidi + ", " + highestMidi + "): expected MIDI numbers 0..127 with lowest <= highest");
        if (octaveFold && highestMidi - lowestMidi < 11)
            throw new IllegalArgumentException("range(" + lowestMidi + ", " + highestMidi + "): octave folding needs a range of at least an octave (12 pitches)");
        return new MelodyGrid(lowestMidi, highestMidi, octaveFold);
    }

    /** Notes outside the range are moved by octaves into it instead of refused. Off by default: it changes the tune. */
    public MelodyGrid octaveFold() {
        if (highest - lowest < 11)
            throw new IllegalArgumentException("octaveFold(): the range " + lowest + ".." + highest + " is less than an octave, so notes cannot always fold into it");
        return new MelodyGrid(lowest, highest, true);
    }

    public int lowest() { return lowest; }

    public int highest() { return highest; }

    public boolean folds() { return octaveFold; }

    /** Number of classes: rest, hold and one note-on per pitch of the range. */
    public int classes() { return FIRST_NOTE + highest - lowest + 1; }

    /** A class in words: "rest", "hold" or the note-on's pitch ("D5"). */
    public String label(int cls) {
        checkClass(cls, -1);
        return cls == REST ? "rest" : cls == HOLD ? "hold" : Pitch.fromMidi(lowest + cls - FIRST_NOTE, false).name();
    }

    // ---- spec -----------------------------------------------------------------------------------

    /** The settings as one line, saved with a model: {@code melody-grid v1 step=1/16 lowest=48 highest=84 fold=off}. */
    public String spec() {
        return SPEC_NAME + " " + SPEC_VERSION + " step=" + STEP + " lowest=" + lowest + " highest=" + highest + " fold=" + (octaveFold ? "on" : "off");
    }

    /** Reads {@link #spec()}. */
    public static MelodyGrid fromSpec(String spec) {
        String s = spec == null ? "" : spec.strip();
        String[] w = s.split("\\s+");
        if (w.length < 2 || !w[0].equals(SPEC_NAME) || !w[1].equals(SPEC_VERSION))
            throw new IllegalArgumentException("Not a melody grid spec: '" + s + "' (expected e.g. '" + DEFAULT.spec() + "')");
        int lo = DEFAULT_LOWEST, hi = DEFAULT_HIGHEST;
        boolean fold = false;
        for (int i = 2; i < w.length; i++) {
            String[] kv = w[i].split("=", 2);
            String value = kv.length > 1 ? kv[1] : "";
            try {
                switch (kv[0]) {
                    case "step" -> { if (!value.equals(STEP.toString())) throw new IllegalArgumentException("step=" + value + " is not supported (the grid is in " + STEP + " steps)"); }
                    case "lowest" -> lo = Integer.parseInt(value);
                    case "highest" -> hi = Integer.parseInt(value);
                    case "fold" -> {
                        if (!value.equals("on") && !value.equals("off")) throw new IllegalArgumentException("fold=" + value + " (expected on or off)");
                        fold = value.equals("on");
                    }
                    default -> throw new IllegalArgumentException("unknown setting '" + w[i] + "' (expected step=, lowest=, highest=, fold=)");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Melody grid spec '" + s + "': " + w[i] + " is not a number");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Melody grid spec '" + s + "': " + e.getMessage());
            }
        }
        MelodyGrid g = DEFAULT.range(lo, hi);
        return fold ? g.octaveFold() : g;
    }

    // ---- encoding -------------------------------------------------------------------------------

    /**
     * The steps of a tune's melody as performed ({@link Tune#melody()}: repeats unfolded, ties
     * merged, chords as their top note), rests filling the gaps, to the end of the last bar.
     *
     * @throws EncodingException when a note is off the grid (an onset or length not a whole number
     *                           of 16ths, e.g. a triplet) or out of range (without octave folding)
     */
    public int[] encode(Tune tune) {
        List<NoteEvent> events = tune.melody();
        Duration total = Duration.ZERO;
        for (Bar b : tune.unfold().melodyVoice().bars()) total = total.plus(b.duration());
        for (NoteEvent e : events) {
            Duration end = e.onset().plus(e.duration());
            if (end.isLongerThan(total)) total = end;
        }
        // a tune that ends off the grid (after a rest in a triplet) ends at the next step
        int n = (int) Math.ceil(total.dividedBy(STEP).toDouble() - 1e-9);
        int[] out = new int[n];
        for (NoteEvent e : events) {
            Duration start = e.onset().dividedBy(STEP), len = e.duration().dividedBy(STEP);
            if (start.denominator() != 1 || len.denominator() != 1)
                throw new EncodingException(AbcTokens.describe(tune) + ": the note " + e.pitch() + " at " + quarters(e.onset())
                        + " lasting " + e.duration() + " of a whole note is off the 16th-note grid (" + (start.denominator() != 1 ? "its onset" : "its length")
                        + " is not a whole number of 16ths, as in triplets); the melody grid holds only 16th-note rhythms, so leave such tunes out or use the ABC tokens");
            int s = (int) start.numerator();
            out[s] = noteOn(e.midi(), () -> AbcTokens.describe(tune) + ": the note " + e.pitch() + " (MIDI " + e.midi() + ") at " + quarters(e.onset()));
            for (int k = 1; k < len.numerator(); k++) out[s + k] = HOLD;
        }
        return out;
    }

    /**
     * The steps of a line of MIDI pitches, one per 16th (-1 for silence), e.g. a JSB soprano
     * ({@code Chorale.voice(0)}). Equal pitches on consecutive steps are one held note, the usual
     * reading of that dataset, which does not mark re-struck notes.
     */
    public int[] encode(int[] midiPerStep) {
        int[] out = new int[midiPerStep.length];
        for (int t = 0; t < midiPerStep.length; t++) {
            int p = midiPerStep[t];
            if (p < -1 || p > 127)
                throw new EncodingException("step " + t + " has pitch " + p + " (expected a MIDI number 0..127 or -1 for silence)");
            if (p == -1) out[t] = REST;
            else if (t > 0 && midiPerStep[t - 1] == p) out[t] = HOLD;
            else {
                final int step = t;
                out[t] = noteOn(p, () -> "step " + step + ": pitch " + Pitch.fromMidi(p, false) + " (MIDI " + p + ")");
            }
        }
        return out;
    }

    /** MIDI pitch sounding at each step (-1 for silence): the inverse of {@link #encode(int[])} (folding aside). */
    public int[] pitches(int[] steps) {
        int[] out = new int[steps.length];
        int sounding = -1;
        for (int t = 0; t < steps.length; t++) {
            int c = steps[t];
            checkClass(c, t);
            if (c == REST) sounding = -1;
            else if (c != HOLD) sounding = lowest + c - FIRST_NOTE;
            out[t] = sounding;
        }
        return out;
    }

    private int noteOn(int midi, java.util.function.Supplier<String> where) {
        int p = midi;
        if (p < lowest || p > highest) {
            if (!octaveFold)
                throw new EncodingException(where.get() + " is outside the grid's range " + lowest + ".." + highest + " ("
                        + Pitch.fromMidi(lowest, false) + ".." + Pitch.fromMidi(highest, false)
                        + "); use .octaveFold() to move such notes by octaves, or .range(lowest, highest) to widen it");
            while (p < lowest) p += 12;
            while (p > highest) p -= 12;
        }
        return FIRST_NOTE + p - lowest;
    }

    private void checkClass(int c, int step) {
        if (c < 0 || c >= classes())
            throw new EncodingException((step >= 0 ? "step " + step + " has class " : "class ") + c + ", outside this grid's " + classes()
                    + " classes (0 rest, 1 hold, 2.." + (classes() - 1) + " note-ons of MIDI " + lowest + ".." + highest + ")");
    }

    private static String quarters(Duration onset) {
        return "onset " + onset + " (" + onset.quarters() + " quarters from the start)";
    }

    // ---- decoding -------------------------------------------------------------------------------

    /**
     * A one-voice tune of the steps: header X:1, T:{@value #SAMPLE_TITLE}, the meter, L:1/16 and the key;
     * full bars from the first step (no pickup), notes across a bar line tied, pitches spelled in the key.
     * Its melody is the steps' melody. A hold with no note sounding (at the start, after a rest) is
     * read as a rest, so any model output decodes.
     *
     * @throws EncodingException for a class outside the grid, no steps, or a free meter (no bar length)
     */
    public Tune decode(int[] steps, Meter meter, Key key) {
        if (steps.length == 0) throw new EncodingException("decode: no steps (a tune needs at least one 16th)");
        if (meter.isFree()) throw new EncodingException("decode: meter " + meter + " has no bar length; give one such as 4/4 or 6/8");
        Duration bar = meter.barLength().dividedBy(STEP);
        if (bar.denominator() != 1)
            throw new EncodingException("decode: a bar of " + meter + " is not a whole number of 16ths");
        int perBar = (int) bar.numerator();
        int[] pitch = pitches(steps);
        List<Bar> bars = new ArrayList<>();
        List<Element> cur = new ArrayList<>();
        int t = 0;
        while (t < steps.length) {
            int p = pitch[t];
            int end = t + 1;
            // a note runs over its holds; a rest over rests and stray holds
            while (end < steps.length && (p < 0 ? pitch[end] < 0 : steps[end] == HOLD)) end++;
            int s = t;
            while (s < end) {
                int barEnd = (s / perBar + 1) * perBar;
                int e = Math.min(end, barEnd);
                Duration d = STEP.times(e - s);
                cur.add(p < 0 ? Rest.of(d) : new Note(spell(p, key), null, d, e < end));
                if (e == barEnd || e == steps.length) {
                    boolean last = e == steps.length;
                    bars.add(new Bar(cur, false, null, last ? BarLine.FINAL : BarLine.SINGLE, false,
                            last || bars.size() % BARS_PER_LINE == BARS_PER_LINE - 1, List.of()));
                    cur = new ArrayList<>();
                }
                s = e;
            }
            t = end;
        }
        List<Field> fields = List.of(new Field('X', "1"), new Field('T', SAMPLE_TITLE), new Field('M', meter.text()),
                new Field('L', STEP.toString()), new Field('K', key.abc()));
        return new Tune(fields, List.of(new Voice("", "", Accidentals.respell(bars, key))));
    }

    /**
     * A pitch spelled in a key: the key's own letter when the key has it, else a natural, else a
     * sharp in sharp keys and a flat in flat keys (C natural in D major is C, not B#).
     */
    static Pitch spell(int midi, Key key) {
        int pc = Math.floorMod(midi, 12);
        Pitch natural = null, sharp = null, flat = null;
        for (char l : "CDEFGAB".toCharArray()) {
            for (int a = -1; a <= 1; a++) {
                Pitch cand = new Pitch(l, a, 4);
                if (cand.pitchClass() != pc) continue;
                if (key.isTonal() && key.alterOf(l) == a) return inOctave(cand, midi);
                if (a == 0) natural = cand;
                else if (a > 0 && (sharp == null)) sharp = cand;
                else if (a < 0 && (flat == null)) flat = cand;
            }
        }
        if (natural != null) return inOctave(natural, midi);
        return inOctave(key.fifths() < 0 ? flat : sharp, midi);
    }

    private static Pitch inOctave(Pitch p, int midi) {
        int base = new Pitch(p.letter(), p.alter(), 4).midi();
        return new Pitch(p.letter(), p.alter(), 4 + Math.floorDiv(midi - base, 12));
    }

    // ---- excerpts -------------------------------------------------------------------------------

    /**
     * Excerpts of {@code bars} consecutive full bars of the performed melody, sliding by one bar as
     * MusicVAE does, cut by {@link Excerpts}: pickups and short bars (e.g. an ending shorter than a
     * bar) start no excerpt and no excerpt runs over them. An excerpt that starts inside a held note
     * starts it there (a note-on, not a hold), so each is a melody by itself; excerpts of only rests
     * are left out. The whole tune must be on the grid (the VAE's cutter leaves out only the
     * excerpts that are not).
     */
    public List<int[]> excerpts(Tune tune, int bars) {
        if (bars < 1) throw new IllegalArgumentException("excerpts(tune, " + bars + "): an excerpt needs at least one bar");
        int[] steps = encode(tune);
        List<int[]> out = new ArrayList<>();
        for (Excerpts.Window w : Excerpts.windows(Excerpts.bars(tune), bars, steps.length)) {
            int[] e = Excerpts.cut(steps, w.from(), w.to());
            if (Excerpts.sounds(e)) out.add(e);
        }
        return out;
    }

    /** The old name of {@link #excerpts}. */
    @Deprecated
    public List<int[]> slices(Tune tune, int bars) { return excerpts(tune, bars); }

    @Override
    public boolean equals(Object o) {
        return o instanceof MelodyGrid g && g.lowest == lowest && g.highest == highest && g.octaveFold == octaveFold;
    }

    @Override
    public int hashCode() { return java.util.Objects.hash(lowest, highest, octaveFold); }

    /** {@code MelodyGrid(16th steps, 39 classes: rest, hold, note-on MIDI 48..84 (C3..C6), octave fold off)}. */
    @Override
    public String toString() {
        return "MelodyGrid(16th steps, " + classes() + " classes: rest, hold, note-on MIDI " + lowest + ".." + highest + " ("
                + Pitch.fromMidi(lowest, false) + ".." + Pitch.fromMidi(highest, false) + "), octave fold " + (octaveFold ? "on" : "off") + ")";
    }
}
