package tunesmith.music;

import java.util.ArrayList;
import java.util.List;

/** Moves a whole tune by an interval: notes, keys (header and inline), chord symbols; then respells. */
final class Transposer {

    private Transposer() {}

    static Tune bySemitones(Tune tune, int semitones) {
        if (semitones == 0) return tune;
        Key from = tune.key();
        int steps;
        if (from.isTonal()) {
            Key target = Key.simplest(Math.floorMod(from.tonicPitchClass() + semitones, 12), from.mode());
            steps = letterSteps(from.tonic(), target.tonic(), semitones);
        } else {
            Pitch p = Pitch.fromMidi(60 + Math.floorMod(semitones, 12), false);
            steps = letterSteps('C', p.letter(), semitones);
        }
        return apply(tune, steps, semitones);
    }

    static Tune toKey(Tune tune, Key target) {
        Key from = tune.key();
        if (!from.isTonal() || !target.isTonal())
            throw new IllegalArgumentException("Cannot transpose '" + tune.title() + "' from key " + from + " to " + target
                    + ": both keys need a tonic (use transpose(semitones) for tunes in K:none)");
        int diff = Math.floorMod(target.tonicPitchClass() - from.tonicPitchClass(), 12);
        int semitones = diff > 6 ? diff - 12 : diff;
        int steps = letterSteps(from.tonic(), target.tonic(), semitones);
        Tune moved = apply(tune, steps, semitones);
        // keep the user's spelling of the tonic (e.g. Gb rather than F#) when it is the same pitch
        Key landed = moved.key();
        if (landed.tonic() != target.tonic() || landed.tonicAlter() != target.tonicAlter()) {
            int s2 = steps + (Math.floorMod(target.tonic() - landed.tonic(), 7) <= 3 ? 1 : -1);
            moved = apply(tune, s2, semitones);
        }
        return moved;
    }

    /** Letter steps for an interval of {@code semitones} that takes letter {@code a} to {@code b}. */
    private static int letterSteps(char a, char b, int semitones) {
        int base = Math.floorMod(new Pitch(b, 0, 4).step() - new Pitch(a, 0, 4).step(), 7);
        double ideal = semitones * 7.0 / 12.0;
        int best = base;
        for (int k = -3; k <= 3; k++) {
            int cand = base + 7 * k;
            if (Math.abs(cand - ideal) < Math.abs(best - ideal)) best = cand;
        }
        return best;
    }

    private static Tune apply(Tune tune, int steps, int semitones) {
        List<Field> fields = new ArrayList<>();
        for (Field f : tune.fields()) {
            fields.add(f.name() == 'K' ? new Field('K', Key.parse(f.value()).transpose(steps, semitones).abc()) : f);
        }
        Key startKey = Key.parse(fields.stream().filter(f -> f.name() == 'K').reduce((x, y) -> y).map(Field::value).orElse("none"));
        List<Voice> voices = new ArrayList<>();
        for (Voice v : tune.voices()) {
            List<Bar> bars = new ArrayList<>();
            for (Bar b : v.bars()) {
                List<Element> es = new ArrayList<>();
                for (Element e : b.elements()) es.add(move(e, steps, semitones));
                bars.add(b.withElements(es));
            }
            voices.add(v.withBars(Accidentals.respell(bars, startKey)));
        }
        return new Tune(fields, voices, tune.source(), tune.line());
    }

    private static Element move(Element e, int steps, int semitones) {
        if (e instanceof Note n) return moveNote(n, steps, semitones);
        if (e instanceof Chord c) return new Chord(c.notes().stream().map(n -> moveNote(n, steps, semitones)).toList(), c.duration(), c.tied());
        if (e instanceof GraceNotes g) return new GraceNotes(g.notes().stream().map(n -> moveNote(n, steps, semitones)).toList(), g.acciaccatura());
        if (e instanceof InlineField f && f.name() == 'K' && Key.change(Key.NONE, f.value()) != Key.NONE)
            return new InlineField('K', Key.parse(f.value()).transpose(steps, semitones).abc(), f.onOwnLine());
        if (e instanceof Annotation a && a.isChordSymbol()) return new Annotation(a.placement(), ChordSymbols.transpose(a.text(), steps, semitones));
        return e;
    }

    private static Note moveNote(Note n, int steps, int semitones) {
        return n.withPitch(n.pitch().transpose(steps, semitones), null);
    }
}
