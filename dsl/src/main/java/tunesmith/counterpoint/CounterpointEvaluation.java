package tunesmith.counterpoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tunesmith.corpus.Chorale;
import tunesmith.encode.MelodyGrid;

/**
 * A harmonizer measured on chorales (the JSB test split), one row per figure, the model beside
 * what it must beat and what it aims at:
 *
 * <ul>
 * <li>per lower voice, teacher-forced (Bach's own lines as the history): NLL per 16th step, accuracy
 *     per step, accuracy on onsets (the steps where Bach starts a note, about a fifth of them; per
 *     step, "hold" alone scores about 0.78), and pitch accuracy on onsets (the most probable note-on
 *     there, whether or not a hold is more probable: which pitch, apart from when). The baseline
 *     column holds the best trivial predictor, scored the same way: "always hold" or "a fixed
 *     interval below the soprano, in the soprano's rhythm" (the interval most frequent in training)
 *     per step; that interval on onsets; that interval struck anew or the voice's most frequent
 *     pitch for pitches on onsets;
 * <li>settings written by the model for every soprano ({@code model}: the decoding given, without
 *     rules; {@code with rules}: the same with the rules), by the interval baseline, and Bach's own:
 *     parallels, hidden octaves and fifths, crossings and overlaps per 100 chords, complete triads
 *     or sevenths (% of chords), ranges and longest holds per voice ({@link VoiceLeading}).
 * </ul>
 */
public record CounterpointEvaluation(Table table, VoiceLeading.Figures model, VoiceLeading.Figures withRules,
                                     VoiceLeading.Figures baseline, VoiceLeading.Figures bach) {

    static CounterpointEvaluation of(Counterpoint cp, List<Chorale> chorales, List<Chorale> train, Decoding how) {
        CounterpointLearner.Scores s = cp.scores(chorales);
        List<int[][]> free = new ArrayList<>(), ruled = new ArrayList<>(), base = new ArrayList<>(), bachs = new ArrayList<>();
        int[] intervals = new int[3];
        for (int v = 0; v < 3; v++) intervals[v] = commonInterval(train, v);
        for (Chorale ch : chorales) {
            int[] sop = ch.voice(0);
            free.add(cp.harmonizeSteps(sop, Encoding.POSITIONS, how.withoutRules()));
            ruled.add(cp.harmonizeSteps(sop, Encoding.POSITIONS, how.withRules()));
            base.add(intervalSetting(sop, intervals));
            bachs.add(ch.steps());
        }
        VoiceLeading.Figures m = VoiceLeading.of(free), r = VoiceLeading.of(ruled), b = VoiceLeading.of(base), bach = VoiceLeading.of(bachs);

        StringColumn figure = StringColumn.create("figure");
        DoubleColumn model = DoubleColumn.create("model"), rules = DoubleColumn.create("with rules"), baseline = DoubleColumn.create("baseline"),
                bachCol = DoubleColumn.create("Bach");
        for (int v = 0; v < 3; v++) {
            String name = Counterpoint.VOICES.get(v);
            double hold = holdShare(chorales, v), interval = intervalAccuracy(chorales, v, intervals[v], Scope.STEPS),
                    intervalOnsets = intervalAccuracy(chorales, v, intervals[v], Scope.ONSETS),
                    intervalPitches = intervalAccuracy(chorales, v, intervals[v], Scope.ONSET_PITCHES), majorityPitches = majorityOnsetAccuracy(train, chorales, v);
            row(figure, model, rules, baseline, bachCol, name + " NLL per step (nats)", s.nll()[v], Double.NaN, Double.NaN, Double.NaN);
            row(figure, model, rules, baseline, bachCol, name + " accuracy per step", s.accuracy()[v], Double.NaN, Math.max(hold, interval), Double.NaN);
            row(figure, model, rules, baseline, bachCol, name + " accuracy on onsets", s.onsetAccuracy()[v], Double.NaN, intervalOnsets, Double.NaN);
            row(figure, model, rules, baseline, bachCol, name + " pitch accuracy on onsets", s.onsetPitchAccuracy()[v], Double.NaN,
                    Math.max(intervalPitches, majorityPitches), Double.NaN);
        }
        row(figure, model, rules, baseline, bachCol, "parallel fifths and octaves /100 chords", m.parallels(), r.parallels(), b.parallels(), bach.parallels());
        row(figure, model, rules, baseline, bachCol, "hidden octaves and fifths /100 chords", m.hiddenOctaves(), r.hiddenOctaves(), b.hiddenOctaves(), bach.hiddenOctaves());
        row(figure, model, rules, baseline, bachCol, "voice crossings /100 chords", m.crossings(), r.crossings(), b.crossings(), bach.crossings());
        row(figure, model, rules, baseline, bachCol, "voice overlaps /100 chords", m.overlaps(), r.overlaps(), b.overlaps(), bach.overlaps());
        row(figure, model, rules, baseline, bachCol, "complete triads or sevenths (% of chords)", m.complete(), r.complete(), b.complete(), bach.complete());
        for (int v = 0; v < 3; v++) {
            String name = Counterpoint.VOICES.get(v);
            row(figure, model, rules, baseline, bachCol, name + " lowest (MIDI)", m.lowest()[v + 1], r.lowest()[v + 1], b.lowest()[v + 1], bach.lowest()[v + 1]);
            row(figure, model, rules, baseline, bachCol, name + " highest (MIDI)", m.highest()[v + 1], r.highest()[v + 1], b.highest()[v + 1], bach.highest()[v + 1]);
            row(figure, model, rules, baseline, bachCol, name + " longest hold (16ths)", m.longestHold()[v + 1], r.longestHold()[v + 1], b.longestHold()[v + 1],
                    bach.longestHold()[v + 1]);
        }
        Table t = Table.create("Counterpoint on " + chorales.size() + " chorales (" + how.withoutRules() + "; with rules beside)", figure, model, rules, baseline, bachCol);
        return new CounterpointEvaluation(t, m, r, b, bach);
    }

    private static void row(StringColumn f, DoubleColumn m, DoubleColumn r, DoubleColumn b, DoubleColumn bach, String name,
                            double model, double rules, double baseline, double bachValue) {
        f.append(name);
        m.append(model);
        r.append(rules);
        b.append(baseline);
        bach.append(bachValue);
    }

    /** The interval (soprano minus voice, in semitones) most frequent in the training chorales. */
    static int commonInterval(List<Chorale> train, int voice) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (Chorale ch : train) for (int[] s : ch.steps()) if (s[0] >= 0 && s[voice + 1] >= 0) counts.merge(s[0] - s[voice + 1], 1, Integer::sum);
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** The lower voices a fixed interval below the soprano, in its rhythm. */
    static int[][] intervalSetting(int[] soprano, int[] intervals) {
        int[][] out = new int[soprano.length][4];
        for (int t = 0; t < soprano.length; t++) {
            out[t][0] = soprano[t];
            for (int v = 0; v < 3; v++) out[t][v + 1] = soprano[t] < 0 ? -1 : soprano[t] - intervals[v];
        }
        return out;
    }

    /** Share of steps whose class is "hold": the accuracy of always predicting it. */
    static double holdShare(List<Chorale> chorales, int voice) {
        long hit = 0, n = 0;
        for (Chorale ch : chorales) for (int c : Encoding.VOICES[voice].encode(ch.voice(voice + 1))) { if (c == MelodyGrid.HOLD) hit++; n++; }
        return hit / (double) Math.max(1, n);
    }

    /** Where a baseline is scored: every step; Bach's onsets (its class there); Bach's onsets, its pitch struck anew there. */
    enum Scope { STEPS, ONSETS, ONSET_PITCHES }

    /**
     * Accuracy of the interval baseline: the voice a fixed interval below the soprano in the
     * soprano's rhythm (folded into the voice's grid). On {@code ONSET_PITCHES} it is asked only which
     * pitch Bach starts, as the model's pitch accuracy on onsets is.
     */
    static double intervalAccuracy(List<Chorale> chorales, int voice, int interval, Scope scope) {
        MelodyGrid g = Encoding.VOICES[voice].octaveFold();
        long hit = 0, n = 0;
        for (Chorale ch : chorales) {
            int[] s = ch.voice(0), guess = new int[s.length];
            for (int t = 0; t < s.length; t++) guess[t] = s[t] < 0 ? -1 : s[t] - interval;
            int[] predicted = g.encode(guess), truth = Encoding.VOICES[voice].encode(ch.voice(voice + 1));
            for (int t = 0; t < truth.length; t++) {
                if (scope != Scope.STEPS && truth[t] < MelodyGrid.FIRST_NOTE) continue;
                int p = predicted[t];
                if (scope == Scope.ONSET_PITCHES && guess[t] >= 0) p = g.encode(new int[]{guess[t]})[0];
                if (p == truth[t]) hit++;
                n++;
            }
        }
        return hit / (double) Math.max(1, n);
    }

    /** Accuracy on onsets of always the voice's most frequent note-on in training. */
    static double majorityOnsetAccuracy(List<Chorale> train, List<Chorale> chorales, int voice) {
        MelodyGrid g = Encoding.VOICES[voice];
        int[] counts = new int[g.classes()];
        for (Chorale ch : train) for (int c : g.encode(ch.voice(voice + 1))) if (c >= MelodyGrid.FIRST_NOTE) counts[c]++;
        int best = MelodyGrid.FIRST_NOTE;
        for (int c = MelodyGrid.FIRST_NOTE; c < counts.length; c++) if (counts[c] > counts[best]) best = c;
        long hit = 0, n = 0;
        for (Chorale ch : chorales) for (int c : g.encode(ch.voice(voice + 1))) if (c >= MelodyGrid.FIRST_NOTE) { if (c == best) hit++; n++; }
        return hit / (double) Math.max(1, n);
    }
}
