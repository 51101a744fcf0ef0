package tunesmith.encode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tunesmith.music.Duration;
import tunesmith.music.Meter;
import tunesmith.music.Tuplet;

/**
 * ABC tokens that keep to their meter: on top of the syntax table, a sampled bar never runs past
 * its length and a plain bar line comes only when the bar is full. A bar may be short only where
 * {@link tunesmith.music.BarCheck} lets it: the pickup before the first full bar, a bar closed by a
 * repeat or section sign ({@code :|}, {@code |:}, {@code ||}, {@code |]}, ...), the bar after one,
 * and the last bar. A note's length is known only after its length token (or the next token, for
 * the default eighth), so a note is allowed only if some length of it still fits; then only the
 * lengths that fit; a tuplet only if all its notes fit, and then room is kept for them. A change
 * of meter or key comes only at the start of a bar (never into free meter, which would escape the
 * rule), and an ending label right after a bar line, so these cannot fill a bar that no note fits. If the rule would leave no token at all (it should not), it steps aside for
 * that step and only the syntax applies: a sample is never stuck.
 */
final class BarConstraint implements TokenConstraint {

    private enum Kind { NOTE, LENGTH, TIE, TUPLET, BAR, SECTION_BAR, ENDING, METER, KEY, END, OTHER }

    private static final Pattern TUPLET = Pattern.compile("\\((\\d)(?::(\\d*)(?::(\\d*))?)?");
    private static final Pattern NOTE_OR_REST = Pattern.compile("(\\^\\^|\\^|=|__|_)?[A-Ga-g][,']*|z");
    private static final Pattern LENGTH = Pattern.compile("\\d+|\\d*/\\d+");
    private static final Pattern BAR = Pattern.compile(":*(?:\\|\\]|\\|\\||\\[\\||\\.\\||\\|):*|::");

    private final boolean[][] follows;
    private final Kind[] kinds;
    private final Duration[] lengths; // LENGTH: the length in whole notes
    private final int[][] tuplets; // TUPLET: p, q (0: the meter's default), r
    private final Meter[] meters; // METER
    private final Duration shortest; // the shortest length a note can be given

    BarConstraint(Vocabulary v, boolean[][] follows) {
        this.follows = follows;
        int n = v.size();
        kinds = new Kind[n];
        lengths = new Duration[n];
        tuplets = new int[n][];
        meters = new Meter[n];
        Duration min = AbcTokens.UNIT;
        for (int i = 0; i < n; i++) {
            String t = v.token(i);
            Matcher tm = TUPLET.matcher(t);
            if (t.equals(Vocabulary.END)) kinds[i] = Kind.END;
            else if (NOTE_OR_REST.matcher(t).matches()) kinds[i] = Kind.NOTE;
            else if (LENGTH.matcher(t).matches()) {
                kinds[i] = Kind.LENGTH;
                lengths[i] = AbcTokens.UNIT.times(Duration.parse(t.startsWith("/") ? "1" + t : t));
                if (lengths[i].isShorterThan(min)) min = lengths[i];
            } else if (t.equals("-")) kinds[i] = Kind.TIE;
            else if (tm.matches()) {
                int p = Integer.parseInt(tm.group(1));
                int q = tm.group(2) == null || tm.group(2).isEmpty() ? 0 : Integer.parseInt(tm.group(2));
                int r = tm.group(3) == null || tm.group(3).isEmpty() ? p : Integer.parseInt(tm.group(3));
                kinds[i] = Kind.TUPLET;
                tuplets[i] = new int[]{p, q, r};
            } else if (BAR.matcher(t).matches()) kinds[i] = t.equals("|") || t.equals(".|") ? Kind.BAR : Kind.SECTION_BAR;
            else if (t.startsWith("M:")) {
                kinds[i] = Kind.METER;
                meters[i] = Meter.parse(t.substring(2).equals("none") ? "none" : t.substring(2));
            } else if (t.startsWith("K:")) kinds[i] = Kind.KEY;
            else if (t.startsWith("[") && t.length() > 1 && Character.isDigit(t.charAt(1))) kinds[i] = Kind.ENDING;
            else kinds[i] = Kind.OTHER;
        }
        shortest = min;
    }

    @Override
    public State start() { return new Running(); }

    private final class Running implements State {
        private int previous = -1;
        private Meter meter; // null until the header's meter; free meter: no bar rule
        private Duration filled = Duration.ZERO; // closed notes of the bar
        private boolean open; // a note whose length token may still come
        private Duration openFactor = Duration.of(1, 1);
        private int tupletLeft;
        private Duration tupletFactor = Duration.of(1, 1);
        private boolean barHasMusic, afterSection;
        private int musicalBars; // bars with music closed so far: the first may be a pickup

        @Override
        public void accept(int token) {
            Kind k = kinds[token];
            switch (k) {
                case NOTE -> {
                    close();
                    open = true;
                    openFactor = tupletLeft > 0 ? tupletFactor : Duration.of(1, 1);
                    if (tupletLeft > 0) tupletLeft--;
                    barHasMusic = true;
                }
                case LENGTH -> {
                    if (open) filled = filled.plus(lengths[token].times(openFactor));
                    open = false;
                }
                case TIE -> close();
                case TUPLET -> {
                    close();
                    int[] t = tuplets[token];
                    tupletFactor = factor(t);
                    tupletLeft = t[2];
                }
                case BAR, SECTION_BAR -> {
                    close();
                    if (barHasMusic) {
                        musicalBars++;
                        afterSection = k == Kind.SECTION_BAR;
                    } else afterSection |= k == Kind.SECTION_BAR;
                    filled = Duration.ZERO;
                    barHasMusic = false;
                }
                case METER -> {
                    close();
                    meter = meters[token];
                }
                default -> close();
            }
            previous = token;
        }

        private void close() {
            if (open) filled = filled.plus(AbcTokens.UNIT.times(openFactor));
            open = false;
        }

        @Override
        public void mask(double[] p) {
            if (previous >= 0) for (int k = 0; k < p.length; k++) if (!follows[previous][k]) p[k] = 0;
            if (meter == null) return; // the header: its meter is any
            double[] kept = p.clone();
            boolean any = false;
            // what the bar holds so far is the same for every candidate: worked out once a step, not once a token
            Duration bar = meter.isFree() ? null : meter.barLength();
            Duration pending = open ? filled.plus(AbcTokens.UNIT.times(openFactor)) : filled;
            // notes a tuplet still needs, at the shortest length: kept free so a tuplet always ends inside its bar
            Duration owed = shortest.times(tupletFactor).times(tupletLeft);
            for (int k = 0; k < p.length; k++) {
                if (p[k] > 0 && !allowed(k, bar, pending, owed)) p[k] = 0;
                any |= p[k] > 0;
            }
            if (!any) System.arraycopy(kept, 0, p, 0, p.length); // never stuck: the syntax alone for this step
        }

        private boolean allowed(int token, Duration bar, Duration pending, Duration owed) {
            Kind kind = kinds[token];
            // a bar is measured in the meter it holds, so a change of meter (never into free meter,
            // which would escape the rule) or key waits for a bar line; an ending comes right after one
            if (kind == Kind.METER) return !barHasMusic && !open && !meters[token].isFree();
            if (kind == Kind.KEY) return !barHasMusic && !open && (previous < 0 || kinds[previous] != Kind.KEY);
            if (kind == Kind.ENDING) return previous >= 0 && (kinds[previous] == Kind.BAR || kinds[previous] == Kind.SECTION_BAR);
            if (bar == null) return true; // free meter
            return switch (kind) {
                case LENGTH -> !open || fits(filled.plus(lengths[token].times(openFactor)).plus(owed), bar);
                case NOTE -> fits(pending.plus(tupletLeft > 0 ? owed : shortest), bar);
                case TUPLET -> tupletLeft == 0 && fits(pending.plus(shortest.times(factor(tuplets[token])).times(tuplets[token][2])), bar);
                case BAR, SECTION_BAR -> tupletLeft == 0 && fits(pending, bar)
                        && (pending.compareTo(bar) == 0 || !(barHasMusic || open) || musicalBars == 0 || afterSection
                            || kind == Kind.SECTION_BAR);
                case END -> tupletLeft == 0 && fits(pending, bar);
                default -> fits(pending.plus(owed), bar);
            };
        }

        private Duration factor(int[] tuplet) {
            return Duration.of(tuplet[1] > 0 ? tuplet[1] : Tuplet.defaultQ(tuplet[0], meter == null ? Meter.parse("none") : meter), tuplet[0]);
        }

        private static boolean fits(Duration d, Duration bar) { return d.compareTo(bar) <= 0; }
    }
}
