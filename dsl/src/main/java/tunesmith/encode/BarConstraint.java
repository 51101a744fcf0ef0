package tunesmith.encode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tunesmith.music.Duration;
import tunesmith.music.Meter;
import tunesmith.music.Tuplet;

/**
 * ABC tokens that keep to their meter: on top of the syntax ({@link AbcSyntax}: ties, repeats and
 * endings well formed), a sampled bar never runs past its length and a plain bar line comes only
 * when the bar is full. Short bars come only as a player (and abc2midi, which checks bars in the
 * order it plays them, repeats unfolded) counts them:
 * <ul>
 *   <li>the first bar may be a pickup of any length;</li>
 *   <li>a bar closed by a section sign ({@code ||}, {@code |]}, {@code |:}) or at the end of the tune
 *       may be short only if it completes the pickup (pickup + closing bar = one bar; without a pickup
 *       it is full), and then the next bar (the next section's pickup) holds exactly the rest;</li>
 *   <li>a bar closed by {@code :|} makes one bar with the section's first bar, which is heard after it:
 *       7/8 before {@code :|} when the section opened with a 1/8 pickup, a full bar when it opened with one;</li>
 *   <li>a second ending's first bar follows the bar before the first ending.</li>
 * </ul>
 * A note's length is known only after its length token (or the next token, for
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

    private final AbcSyntax syntaxRule; // the syntax, kept first
    private final boolean[] closesRepeat, opens; // bar lines with a leading or trailing colon
    private final Kind[] kinds;
    private final Duration[] lengths; // LENGTH: the length in whole notes
    private final int[][] tuplets; // TUPLET: p, q (0: the meter's default), r
    private final Meter[] meters; // METER
    private final Duration shortest; // the shortest length a note can be given
    private final boolean[] onGrid; // LENGTH: a whole number of the shortest, so every bar can still be filled exactly

    BarConstraint(Vocabulary v, boolean[][] follows) {
        syntaxRule = new AbcSyntax(v, follows);
        closesRepeat = syntaxRule.closes;
        opens = syntaxRule.opens;
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
        onGrid = new boolean[n];
        for (int i = 0; i < n; i++) onGrid[i] = lengths[i] != null && lengths[i].dividedBy(min).denominator() == 1;
    }

    @Override
    public State start() { return new Running(); }

    private final class Running implements State {
        private final AbcSyntax.State syntax = syntaxRule.start();
        private int previous = -1;
        private Meter meter; // null until the header's meter; free meter: no bar rule
        private Duration filled = Duration.ZERO; // closed notes of the bar
        private boolean open; // a note whose length token may still come
        private Duration openFactor = Duration.of(1, 1);
        private int tupletLeft;
        private boolean meterChanged; // a change of meter came: abc2midi then counts some tuplets in the header's meter, so none is offered
        private boolean openInTuplet; // the open note belongs to a tuplet
        private Duration tupletLength; // the length of the tuplet's notes, once its first has one: all are equal
        private Duration tupletFactor = Duration.of(1, 1);
        private boolean barHasMusic;
        private int musicalBars; // bars with music closed so far: the first may be a pickup
        private Duration carried = Duration.ZERO; // a short closing bar's length, which this (opening) bar completes
        private Duration pickup = Duration.ZERO; // the first bar's shortfall-free length when short: closing bars complete it
        private Duration opening; // the first bar of the repeated section, heard after its :| (null: not closed yet)
        private boolean awaitingOpening = true; // the next bar with music opens a section
        private Duration endingCarried = Duration.ZERO; // what the bar of a [1 completes: a [2 completes the same

        @Override
        public void accept(int token) {
            syntax.accept(token);
            Kind k = kinds[token];
            switch (k) {
                case NOTE -> {
                    close();
                    open = true;
                    openFactor = tupletLeft > 0 ? tupletFactor : Duration.of(1, 1);
                    openInTuplet = tupletLeft > 0;
                    if (tupletLeft > 0) tupletLeft--;
                    barHasMusic = true;
                }
                case LENGTH -> {
                    if (open) filled = filled.plus(lengths[token].times(openFactor));
                    if (open && openInTuplet && tupletLength == null) tupletLength = lengths[token];
                    open = false;
                }
                case TIE -> close();
                case TUPLET -> {
                    close();
                    int[] t = tuplets[token];
                    tupletFactor = factor(t);
                    tupletLeft = t[2];
                    tupletLength = null;
                }
                case BAR, SECTION_BAR -> {
                    close();
                    if (barHasMusic) {
                        Duration bar = meter == null || meter.isFree() ? null : meter.barLength();
                        boolean first = musicalBars == 0;
                        if (first) pickup = bar != null && filled.compareTo(bar) < 0 ? filled : Duration.ZERO;
                        if (awaitingOpening) { opening = filled; awaitingOpening = false; }
                        Duration heard = carried.plus(filled);
                        // a short bar closed by a section sign is completed by the next bar heard (as abc2midi counts)
                        carried = k == Kind.SECTION_BAR && !first && bar != null && heard.compareTo(bar) < 0 ? heard : Duration.ZERO;
                        musicalBars++;
                    }
                    if (opens[token]) { awaitingOpening = true; opening = null; }
                    filled = Duration.ZERO;
                    barHasMusic = false;
                }
                case ENDING -> {
                    if (syntax.ending == 1) endingCarried = carried;
                    else carried = endingCarried; // a [2 follows the bar before [1, not the :|
                }
                case METER -> {
                    close();
                    meterChanged |= meter != null;
                    meter = meters[token];
                    if (musicalBars > 0) pickup = Duration.ZERO; // a pickup of another meter: closing bars are full
                }
                default -> close();
            }
            previous = token;
        }

        private void close() {
            if (open) filled = filled.plus(AbcTokens.UNIT.times(openFactor));
            if (open && openInTuplet && tupletLength == null) tupletLength = AbcTokens.UNIT;
            open = false;
        }

        @Override
        public void mask(double[] p) {
            syntax.mask(p);
            if (meter == null) return; // the header: its meter is any
            double[] kept = p.clone();
            boolean any = false;
            // what the bar holds so far is the same for every candidate: worked out once a step, not once a token
            Duration bar = meter.isFree() ? null : meter.barLength();
            Duration limit = bar == null ? null : bar.minus(carried); // an opening bar completes the closing bar before it
            Duration pending = open ? filled.plus(AbcTokens.UNIT.times(openFactor)) : filled;
            // notes a tuplet still needs, at their length (the first note's, else the shortest): kept free so a tuplet always ends inside its bar
            Duration noteOfTuplet = tupletLength != null ? tupletLength : open && openInTuplet ? AbcTokens.UNIT : shortest;
            Duration owed = noteOfTuplet.times(tupletFactor).times(tupletLeft);
            for (int k = 0; k < p.length; k++) {
                if (p[k] > 0 && !allowed(k, bar, limit, pending, owed)) p[k] = 0;
                any |= p[k] > 0;
            }
            if (!any) System.arraycopy(kept, 0, p, 0, p.length); // never stuck: the syntax alone for this step
        }

        private boolean allowed(int token, Duration bar, Duration limit, Duration pending, Duration owed) {
            Kind kind = kinds[token];
            boolean empty = !(barHasMusic || open);
            // a bar is measured in the meter it holds, so a change of meter (never into free meter,
            // which would escape the rule) or key waits for a bar line; an ending comes right after one
            if (kind == Kind.METER) return empty && !meters[token].isFree() && carried.isZero();
            if (kind == Kind.KEY) return empty && (previous < 0 || kinds[previous] != Kind.KEY);
            if (kind == Kind.ENDING) return previous >= 0 && (kinds[previous] == Kind.BAR || kinds[previous] == Kind.SECTION_BAR);
            if (bar == null) return true; // free meter
            // a tuplet's notes are of one length (so it fills a whole number of the shortest length): a note
            // of a tuplet whose first note was not an eighth takes a length token
            if (open && openInTuplet && tupletLength != null && !tupletLength.equals(AbcTokens.UNIT) && kind != Kind.LENGTH) return false;
            return switch (kind) {
                case LENGTH -> !open || onGrid[token] && (!openInTuplet || tupletLength == null || tupletLength.equals(lengths[token]))
                        && fits(filled.plus(lengths[token].times(openFactor))
                                .plus(openInTuplet ? lengths[token].times(tupletFactor).times(tupletLeft) : Duration.ZERO), limit);
                case NOTE -> fits(pending.plus(tupletLeft > 0 ? owed : shortest), limit);
                case TUPLET -> tupletLeft == 0 && !meterChanged && !countedOtherwise(tuplets[token]) && factor(tuplets[token]).times(tuplets[token][2]).denominator() == 1 && fits(pending.plus(shortest.times(factor(tuplets[token])).times(tuplets[token][2])), limit);
                // a plain bar line on an empty bar would make abc2midi count a short closing bar on its own
                case BAR, SECTION_BAR -> tupletLeft == 0 && (empty ? closesEmpty(token, bar) : closes(token, bar, limit, pending));
                case END -> tupletLeft == 0 && fits(pending, limit) && (empty || musicalBars == 0 || pending.compareTo(limit) == 0 || shortClosing(bar, pending));
                default -> fits(pending.plus(owed), limit);
            };
        }

        /** Whether this bar line may close the bar that holds {@code pending}. */
        private boolean closes(int token, Duration bar, Duration limit, Duration pending) {
            boolean full = pending.compareTo(limit) == 0;
            if (closesRepeat[token]) {
                // the :| goes back to the section's first bar, which must complete this one
                if (opening == null) return full && carried.isZero(); // a section of one bar: played twice as it is
                if (opening.compareTo(bar) >= 0) return full;
                return carried.isZero() && pending.plus(opening).compareTo(bar) == 0;
            }
            if (full) return true;
            if (musicalBars == 0) return carried.isZero() && fits(pending, bar); // the pickup
            return kinds[token] == Kind.SECTION_BAR && shortClosing(bar, pending);
        }

        /**
         * Whether this bar line may come on an empty bar (right after another bar line). A {@code :|} there
         * closes the bar before it as its own {@code :|} would ({@code A8 | :|} is read as {@code A8 :|}): the
         * section's first bar, heard next, must complete the short closing bar before it, or be full after a full one.
         */
        private boolean closesEmpty(int token, Duration bar) {
            if (closesRepeat[token]) return opening == null ? carried.isZero() : carried.plus(opening).compareTo(bar) == 0;
            return kinds[token] == Kind.SECTION_BAR || carried.isZero();
        }

        /** A short bar that closes a section: pickup and closing bar make one full bar. */
        private boolean shortClosing(Duration bar, Duration pending) {
            return carried.isZero() && pickup.isPositive() && pickup.plus(pending).compareTo(bar) == 0;
        }

        /**
         * A (5, (7 or (9 without its q in 3/8, 3/4 or 3/2: ABC 2.1 plays it in the time of 2 (the meter is not
         * compound), abc2midi in the time of 3, so the bar would be right for one and wrong for the other.
         */
        private boolean countedOtherwise(int[] tuplet) {
            return tuplet[1] == 0 && tuplet[0] != 2 && tuplet[0] != 3 && tuplet[0] != 4 && tuplet[0] != 6 && tuplet[0] != 8
                    && meter.numerator() == 3;
        }

        private Duration factor(int[] tuplet) {
            return Duration.of(tuplet[1] > 0 ? tuplet[1] : Tuplet.defaultQ(tuplet[0], meter == null ? Meter.parse("none") : meter), tuplet[0]);
        }

        private static boolean fits(Duration d, Duration bar) { return d.compareTo(bar) <= 0; }
    }
}
