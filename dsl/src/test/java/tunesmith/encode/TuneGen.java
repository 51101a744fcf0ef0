package tunesmith.encode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import tunesmith.music.Accidentals;
import tunesmith.music.Annotation;
import tunesmith.music.Bar;
import tunesmith.music.BarLine;
import tunesmith.music.Chord;
import tunesmith.music.Decoration;
import tunesmith.music.Duration;
import tunesmith.music.Element;
import tunesmith.music.Field;
import tunesmith.music.GraceNotes;
import tunesmith.music.InlineField;
import tunesmith.music.Key;
import tunesmith.music.Meter;
import tunesmith.music.Note;
import tunesmith.music.Pitch;
import tunesmith.music.Rest;
import tunesmith.music.Slur;
import tunesmith.music.Tune;
import tunesmith.music.Tuplet;
import tunesmith.music.Voice;

/**
 * Generated tunes for the encoding properties, built as model objects. Each bar comes from its own
 * seed, so jqwik shrinks a failing tune by dropping bars.
 *
 * <p>{@link #folkTunes()}: anything an ABC tunebook holds: meters (C, C|, 6/8, 2+3/8, none, ...),
 * unit lengths, keys in every mode, K:none, keys with extra accidentals, notes with accidentals
 * (double ones too) in octaves 2..6, rests (invisible and whole-bar ones), chords, ties, tuplets,
 * broken-rhythm lengths, grace notes, decorations, chord symbols, annotations, slurs, repeats,
 * endings, every kind of bar line, bars with no music, inline key, meter, length, tempo and part
 * fields, lyrics, and a second voice. Written accidentals are made consistent with
 * {@link Accidentals#respell}, as a tune made in code would be.
 *
 * <p>{@link #gridTunes()}: tunes whose melody lies on the 16th grid within MIDI 48..84: the same
 * kinds of things without tuplets or lengths off the grid.
 */
final class TuneGen {

    private TuneGen() {}

    static final String[] METERS = {"C", "C|", "2/4", "3/4", "4/4", "6/8", "9/8", "12/8", "3/8", "5/4", "7/8", "2+3/8", "none", "2/2", "3/2"};
    static final String[] GRID_METERS = {"C", "C|", "2/4", "3/4", "4/4", "6/8", "9/8", "12/8", "3/8", "5/4", "7/8"};
    static final String[] TONICS = {"C", "D", "E", "F", "G", "A", "B", "C#", "F#", "Bb", "Eb", "Ab", "Db", "Gb", "Cb", "G#", "D#", "A#"};
    static final String[] MODES = {"", "m", "dor", "phr", "lyd", "mix", "loc", "maj", "min", "Mixolydian"};
    static final String[] KEY_EXTRAS = {"", "", "", "", " ^g", " exp _b ^f", " clef=bass", " =c"};

    static Arbitrary<Tune> folkTunes() { return tunes(false); }

    static Arbitrary<Tune> gridTunes() { return tunes(true); }

    private static Arbitrary<Tune> tunes(boolean grid) {
        Arbitrary<List<Long>> bars = Arbitraries.longs().list().ofMinSize(1).ofMaxSize(grid ? 10 : 14);
        Arbitrary<List<Long>> second = Arbitraries.longs().list().ofMinSize(0).ofMaxSize(3);
        return Combinators.combine(Arbitraries.longs(), bars, second).as((h, b, s) -> tune(h, b, s, grid)).filter(TuneGen::hasMusic);
    }

    static Tune tune(long headerSeed, List<Long> barSeeds, List<Long> secondVoice, boolean grid) {
        Random r = new Random(headerSeed);
        String meterText = grid ? pick(r, GRID_METERS) : pick(r, METERS);
        String unit = grid ? pick(r, new String[]{"1/8", "1/16", "1/4"}) : pick(r, new String[]{"1/8", "1/16", "1/4", "1/8", "3/16"});
        String keyText = r.nextInt(12) == 0 && !grid ? pick(r, new String[]{"none", "HP", "Hp"})
                : pick(r, TONICS) + pick(r, MODES) + (grid ? "" : pick(r, KEY_EXTRAS));
        List<Field> fields = new ArrayList<>();
        fields.add(new Field('X', Integer.toString(1 + r.nextInt(500))));
        fields.add(new Field('T', "Tune " + r.nextInt(1000)));
        if (r.nextBoolean()) fields.add(new Field('R', pick(r, new String[]{"reel", "jig", "hornpipe", "polka"})));
        if (!meterText.equals("none") || r.nextBoolean()) fields.add(new Field('M', meterText));
        if (r.nextInt(4) > 0) fields.add(new Field('L', unit));
        if (r.nextInt(3) == 0) fields.add(new Field('Q', "1/4=" + (60 + r.nextInt(100))));
        fields.add(new Field('K', keyText));
        Tune head = new Tune(fields, List.of(new Voice("", "", List.of())));
        Key key = head.key();
        Meter meter = head.meter();
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < barSeeds.size(); i++) bars.add(bar(new Random(barSeeds.get(i)), meter, i, grid));
        List<Voice> voices = new ArrayList<>();
        voices.add(new Voice(secondVoice.isEmpty() ? "" : "1", "", Accidentals.respell(bars, key)));
        if (!secondVoice.isEmpty()) {
            List<Bar> other = new ArrayList<>();
            for (int i = 0; i < secondVoice.size(); i++) other.add(bar(new Random(secondVoice.get(i)), meter, i, grid));
            voices.add(new Voice("2", "clef=bass", Accidentals.respell(other, key)));
        }
        return new Tune(fields, voices);
    }

    /** A melody with a note or rest to encode (a tune of only marks is refused, see the example tests). */
    static boolean hasMusic(Tune t) {
        return t.melodyVoice().bars().stream().anyMatch(b -> b.elements().stream().anyMatch(e -> e.duration().isPositive()));
    }

    private static Bar bar(Random r, Meter meter, int index, boolean grid) {
        List<Element> es = new ArrayList<>();
        int kind = r.nextInt(20);
        if (kind == 0 && !grid) {
            // a bar without music: only marks
            if (r.nextBoolean()) es.add(new Decoration("segno"));
            if (r.nextBoolean()) es.add(new Annotation(Annotation.Placement.ABOVE, "Fine"));
            if (r.nextBoolean()) es.add(new InlineField('P', "B", r.nextBoolean()));
            if (r.nextInt(3) == 0) es.add(new InlineField('K', pick(r, TONICS) + pick(r, MODES), r.nextBoolean()));
        } else if (kind == 1 && !meter.isFree()) {
            es.add(new Rest(meter.barLength(), r.nextBoolean(), 1)); // Z or X
        } else {
            int n = 1 + r.nextInt(grid ? 7 : 8);
            for (int i = 0; i < n; i++) element(r, es, meter, grid);
        }
        boolean repeatStart = r.nextInt(6) == 0;
        boolean repeatEnd = r.nextInt(6) == 0;
        String ending = r.nextInt(8) == 0 ? pick(r, new String[]{"1", "2", "1,3", "1-2", "3"}) : null;
        BarLine end = pick(r, new BarLine[]{BarLine.SINGLE, BarLine.SINGLE, BarLine.SINGLE, BarLine.DOUBLE, BarLine.FINAL,
                BarLine.THICK_THIN, BarLine.DOTTED, BarLine.NONE});
        List<String> lyrics = r.nextInt(10) == 0 ? List.of("la la la") : List.of();
        return new Bar(es, repeatStart, ending, end, repeatEnd, r.nextInt(4) == 0, lyrics);
    }

    private static void element(Random r, List<Element> es, Meter meter, boolean grid) {
        int k = r.nextInt(grid ? 16 : 20);
        if (k < 8) {
            es.add(new Note(pitch(r, grid), null, length(r, grid), r.nextInt(6) == 0));
        } else if (k < 9) {
            es.add(Rest.of(length(r, grid)));
        } else if (k < 10) {
            es.add(new Rest(length(r, grid), true, 0)); // x
        } else if (k < 11) {
            Duration d = length(r, grid);
            List<Note> ns = new ArrayList<>();
            for (int i = 0; i < 2 + r.nextInt(2); i++) ns.add(new Note(pitch(r, grid), null, d, r.nextInt(8) == 0));
            es.add(new Chord(ns, d, r.nextInt(6) == 0));
        } else if (k < 12) {
            es.add(new GraceNotes(List.of(Note.of(pitch(r, grid), Duration.of(1, 16))), r.nextBoolean()));
        } else if (k < 13) {
            es.add(new Decoration(pick(r, new String[]{"trill", "roll", "staccato", "fermata"})));
        } else if (k < 14) {
            es.add(new Annotation(r.nextBoolean() ? Annotation.Placement.CHORD : Annotation.Placement.BELOW, pick(r, new String[]{"G", "Am", "D7", "slow"})));
        } else if (k < 15) {
            es.add(r.nextBoolean() ? Slur.OPEN : Slur.CLOSE);
        } else if (k < 16) {
            inlineField(r, es, grid);
        } else {
            // a tuplet: p notes in the time of q
            int p = pick(r, new Integer[]{3, 3, 3, 2, 4, 5, 6, 7, 9});
            int q = r.nextBoolean() ? Tuplet.defaultQ(p, meter) : 1 + r.nextInt(8);
            int count = r.nextInt(4) == 0 ? Math.max(1, p - 1) : p;
            Tuplet t = new Tuplet(p, q, count);
            es.add(t);
            Duration each = Duration.of(1, 8).times(t.factor());
            for (int i = 0; i < count; i++) {
                if (r.nextInt(5) == 0) es.add(Rest.of(each));
                else es.add(new Note(pitch(r, false), null, each, false));
            }
        }
    }

    private static void inlineField(Random r, List<Element> es, boolean grid) {
        switch (r.nextInt(grid ? 3 : 5)) {
            case 0 -> es.add(new InlineField('K', pick(r, TONICS) + pick(r, MODES), r.nextInt(3) == 0));
            case 1 -> es.add(new InlineField('Q', "1/4=" + (80 + r.nextInt(60)), false));
            case 2 -> es.add(new InlineField('K', "clef=treble", false));
            case 3 -> es.add(new InlineField('M', pick(r, new String[]{"3/4", "6/8", "C", "2/4", "C|"}), r.nextInt(3) == 0));
            default -> es.add(new InlineField('L', pick(r, new String[]{"1/8", "1/16", "1/4"}), r.nextInt(3) == 0));
        }
    }

    private static Pitch pitch(Random r, boolean grid) {
        char letter = "CDEFGAB".charAt(r.nextInt(7));
        int alter = r.nextInt(10) == 0 ? pick(r, new Integer[]{-2, 2}) : r.nextInt(3) - 1;
        if (grid) {
            // C3..C6 is MIDI 48..84; keep clear of the edges a flat or sharp could cross
            int octave = 3 + r.nextInt(3);
            Pitch p = new Pitch(letter, alter == 2 || alter == -2 ? 0 : alter, octave);
            return p.midi() < 48 || p.midi() > 84 ? new Pitch(letter, 0, 4) : p;
        }
        return new Pitch(letter, alter, 2 + r.nextInt(5));
    }

    private static Duration length(Random r, boolean grid) {
        if (grid) return Duration.of(1 + r.nextInt(r.nextInt(4) == 0 ? 12 : 4), 16);
        return pick(r, new Duration[]{Duration.of(1, 8), Duration.of(1, 8), Duration.of(1, 4), Duration.of(1, 16), Duration.of(3, 8),
                Duration.of(3, 16), Duration.of(1, 2), Duration.of(1, 32), Duration.of(3, 4), Duration.of(1, 1), Duration.of(5, 16), Duration.of(7, 32)});
    }

    @SafeVarargs
    static <T> T pick(Random r, T... options) { return options[r.nextInt(options.length)]; }
}
