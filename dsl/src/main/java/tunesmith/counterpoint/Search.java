package tunesmith.counterpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import tunesmith.encode.MelodyGrid;

/**
 * Writes alto, tenor and bass under a soprano with the {@link Decoder}: per step, per hypothesis,
 * the alto's choices, then the tenor's given each alto, then the bass's given both; a beam keeps the
 * best joint hypotheses, sampling keeps one. Rules (when asked) mask choices before they are made.
 */
final class Search {

    private final Decoder decoder;
    private final int[][] ranges; // per lower voice {lowest, highest}: the rules' ranges

    Search(Decoder decoder, int[][] ranges) {
        this.decoder = decoder;
        this.ranges = ranges;
    }

    /** One partial setting: the voices written so far, how long each has held, the decoder's state, its log probability. */
    private static final class Hyp {
        final int[][] cls, pitch;
        final int[] held = new int[3];
        Decoder.State state;
        double score;

        Hyp(int len) {
            cls = new int[3][len];
            pitch = new int[3][len];
        }

        Hyp(Hyp o) {
            cls = new int[3][];
            pitch = new int[3][];
            for (int v = 0; v < 3; v++) { cls[v] = o.cls[v].clone(); pitch[v] = o.pitch[v].clone(); }
            System.arraycopy(o.held, 0, held, 0, 3);
            state = o.state;
            score = o.score;
        }
    }

    /** A choice of all three voices at one step from one hypothesis, before it is kept or dropped. */
    private record Choice(Hyp from, Decoder.State state, int a, int t, int b, double score) {}

    /** A class to try and its probability (after rules and temperature). */
    private record Pick(int cls, double p) {}

    /** Steps [T][4] (MIDI, -1 silence), the soprano's pitches first. */
    int[][] harmonize(int[] soprano, int barSteps, Decoding how) {
        int len = soprano.length;
        float[][] enc = decoder.encode(soprano, barSteps);
        Random random = new Random(how.seed());
        int width = how.temperature() > 0 ? 1 : how.beam();
        Hyp first = new Hyp(len);
        first.state = decoder.start();
        List<Hyp> beam = List.of(first);
        float[] prevRow = new float[Encoding.PREVIOUS_WIDTH];
        for (int t = 0; t < len; t++) {
            List<Choice> choices = new ArrayList<>();
            for (Hyp h : beam) {
                Arrays.fill(prevRow, 0);
                Encoding.previous(h.cls, h.pitch, h.held, t, prevRow, 0);
                Decoder.State s = h.state.copy();
                decoder.advance(s, enc[t], ones(prevRow));
                int[] now = {soprano[t], -1, -1, -1};
                for (Pick a : pick(0, decoder.probabilities(0, s.top(), new int[0]), h, soprano, t, now, how, width, random)) {
                    now[1] = pitchOf(0, a.cls(), h, t);
                    int[] aOnes = stateOnes(0, a.cls(), now[1], 0);
                    for (Pick tc : pick(1, decoder.probabilities(1, s.top(), aOnes), h, soprano, t, now, how, width, random)) {
                        now[2] = pitchOf(1, tc.cls(), h, t);
                        int[] atOnes = concat(aOnes, stateOnes(1, tc.cls(), now[2], Encoding.stateWidth(0)));
                        for (Pick b : pick(2, decoder.probabilities(2, s.top(), atOnes), h, soprano, t, now, how, width, random))
                            choices.add(new Choice(h, s, a.cls(), tc.cls(), b.cls(), h.score + Math.log(a.p()) + Math.log(tc.p()) + Math.log(b.p())));
                        now[2] = -1;
                    }
                    now[1] = -1;
                }
            }
            choices.sort(Comparator.comparingDouble(Choice::score).reversed());
            List<Hyp> next = new ArrayList<>();
            for (Choice c : choices.subList(0, Math.min(width, choices.size()))) {
                Hyp h = new Hyp(c.from());
                h.state = c.state();
                h.score = c.score();
                int[] chosen = {c.a(), c.t(), c.b()};
                for (int v = 0; v < 3; v++) {
                    int p = pitchOf(v, chosen[v], c.from(), t);
                    h.cls[v][t] = p < 0 ? MelodyGrid.REST : chosen[v];
                    h.pitch[v][t] = p;
                    h.held[v] = p < 0 ? 0 : chosen[v] >= MelodyGrid.FIRST_NOTE ? 1 : h.held[v] + 1;
                }
                next.add(h);
            }
            beam = next;
        }
        Hyp best = beam.get(0);
        int[][] out = new int[len][4];
        for (int t = 0; t < len; t++) {
            out[t][0] = soprano[t];
            for (int v = 0; v < 3; v++) out[t][v + 1] = best.pitch[v][t];
        }
        return out;
    }

    /**
     * The classes to try for voice v: one sampled, or the {@code width} most probable; masked by the
     * rules when asked (unless every class breaks one). {@code now} holds the pitches chosen at this
     * step for the voices above (S, and A, T as chosen).
     */
    private List<Pick> pick(int v, double[] p, Hyp h, int[] soprano, int t, int[] now, Decoding how, int width, Random random) {
        double[] q = p.clone();
        // what the encoding cannot say is never chosen: a hold with nothing sounding, or the pitch
        // sounding now struck again (the chorales merge such notes into holds, so the model never saw one)
        int before = t == 0 ? -1 : h.pitch[v][t - 1];
        if (before < 0) q[MelodyGrid.HOLD] = 0;
        else if (before >= Encoding.VOICES[v].lowest() && before <= Encoding.VOICES[v].highest())
            q[MelodyGrid.FIRST_NOTE + before - Encoding.VOICES[v].lowest()] = 0;
        if (how.rules()) {
            double[] masked = q.clone();
            double kept = 0;
            for (int c = 0; c < masked.length; c++) {
                if (!allowed(v, c, h, soprano, t, now)) masked[c] = 0;
                kept += masked[c];
            }
            if (kept > 0) q = masked;
        }
        if (how.temperature() > 0) for (int c = 0; c < q.length; c++) q[c] = q[c] == 0 ? 0 : Math.pow(q[c], 1 / how.temperature());
        double sum = 0;
        for (double x : q) sum += x;
        if (how.temperature() > 0) {
            double r = random.nextDouble() * sum, acc = 0;
            int chosen = q.length - 1;
            for (int c = 0; c < q.length; c++) { acc += q[c]; if (r < acc) { chosen = c; break; } }
            return List.of(new Pick(chosen, q[chosen] / sum));
        }
        Integer[] order = new Integer[q.length];
        for (int c = 0; c < q.length; c++) order[c] = c;
        final double[] qq = q;
        Arrays.sort(order, (x, y) -> Double.compare(qq[y], qq[x]));
        List<Pick> out = new ArrayList<>();
        for (int i = 0; i < Math.min(width, q.length); i++) out.add(new Pick(order[i], Math.max(1e-30, q[order[i]] / sum)));
        return out;
    }

    /** Pitch voice v sounds at step t if it takes class c (a hold keeps the previous pitch; a hold after silence is silence). */
    private static int pitchOf(int v, int c, Hyp h, int t) {
        if (c == MelodyGrid.REST) return -1;
        if (c == MelodyGrid.HOLD) return t == 0 ? -1 : h.pitch[v][t - 1];
        return Encoding.VOICES[v].lowest() + c - MelodyGrid.FIRST_NOTE;
    }

    private boolean allowed(int v, int c, Hyp h, int[] soprano, int t, int[] now) {
        int p = pitchOf(v, c, h, t);
        if (c >= MelodyGrid.FIRST_NOTE && (p < ranges[v][0] || p > ranges[v][1])) return false;
        if (c == MelodyGrid.HOLD && h.held[v] >= Decoding.MAX_HOLD) return false;
        if (p < 0) return true;
        int above = now[v]; // the voice written above: S for the alto, A for the tenor, T for the bass
        if (above >= 0 && p > above) return false;
        int before = t == 0 ? -1 : h.pitch[v][t - 1];
        if (before < 0) return true;
        for (int u = 0; u <= v; u++) { // the soprano (u = 0) and the lower voices already chosen at t
            int u0 = u == 0 ? soprano[t - 1] : h.pitch[u - 1][t - 1];
            if (u0 >= 0 && now[u] >= 0 && VoiceLeading.parallel(u0, before, now[u], p)) return false;
        }
        return true;
    }

    private static int[] ones(float[] row) {
        int n = 0;
        for (float x : row) if (x != 0) n++;
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < row.length; i++) if (row[i] != 0) out[k++] = i;
        return out;
    }

    private static int[] stateOnes(int v, int cls, int pitch, int offset) {
        float[] row = new float[Encoding.stateWidth(v)];
        Encoding.state(v, pitch < 0 ? MelodyGrid.REST : cls, pitch, row, 0);
        int[] o = ones(row);
        for (int i = 0; i < o.length; i++) o[i] += offset;
        return o;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
