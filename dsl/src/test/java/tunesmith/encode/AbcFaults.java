package tunesmith.encode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tunesmith.music.Bar;
import tunesmith.music.Duration;
import tunesmith.music.Element;
import tunesmith.music.InlineField;
import tunesmith.music.Key;
import tunesmith.music.Meter;
import tunesmith.music.Tune;

/**
 * The faults abc2midi finds in sampled tunes, found in their tokens (and bars) independently of the
 * sampling rules: ties between different pitches, repeats and endings out of pairs, short closing
 * bars that do not complete the pickup, and a change of meter before the first note.
 */
final class AbcFaults {

    static final String TIE = "tie", REPEAT = "repeat", ENDING = "ending", BAR = "bar", METER = "meter";

    private static final Pattern PITCH = Pattern.compile("(\\^\\^|\\^|=|__|_)?([A-Ga-g])([,']*)");
    private static final Pattern BAR_LINE = Pattern.compile(":*(?:\\|\\]|\\|\\||\\[\\||\\.\\||\\|):*|::");

    private AbcFaults() {}

    /** Every fault of a token sequence, each starting with its kind ({@link #TIE}, ...); empty when none. */
    static List<String> of(AbcTokens enc, int[] tokens) {
        Vocabulary v = enc.vocabulary().orElseThrow();
        List<String> t = new ArrayList<>();
        for (int i : tokens) if (i != Vocabulary.START_INDEX) t.add(v.token(i));
        String text = String.join(" ", t);
        List<String> out = new ArrayList<>();
        Key key = Key.C_MAJOR;
        Map<String, Integer> accidentals = new HashMap<>(); // by letter and octave (ABC 2.1) and by letter alone (abc2midi)
        String tied = null; // letter + octave + alteration of a tied note, waiting for its partner
        boolean crossed = false, music = false, open = false, anySection = false, closed = false;
        int ending = 0;
        boolean needSecond = false;
        String last = null;
        for (int i = 0; i < t.size(); i++) {
            String s = t.get(i);
            Matcher m = PITCH.matcher(s);
            boolean bar = BAR_LINE.matcher(s).matches();
            if (tied != null) {
                if (bar && (s.equals("|") || s.equals(".|")) && !crossed) crossed = true;
                else if (m.matches()) {
                    if (!tied.equals(sound(m, key, accidentals))) out.add(TIE + ": " + tied + " tied to " + sound(m, key, accidentals) + " in " + text);
                    tied = null;
                } else {
                    out.add(TIE + ": " + tied + " tied to '" + s + "' in " + text);
                    tied = null;
                }
            }
            if (needSecond && !s.equals("[2")) { out.add(ENDING + ": '" + s + "' after the :| of a first ending, not [2, in " + text); needSecond = false; }
            if (m.matches()) {
                String snd = sound(m, key, accidentals);
                if (m.group(1) != null) {
                    accidentals.put(m.group(2) + m.group(3), snd.charAt(snd.length() - 1) - '2');
                    accidentals.put(m.group(2).toUpperCase(), snd.charAt(snd.length() - 1) - '2');
                }
                last = snd;
                music = true;
            } else if (s.equals("z")) {
                last = null;
                music = true;
            } else if (s.equals("-")) {
                if (last == null) out.add(TIE + ": a tie after a rest in " + text);
                tied = last;
                crossed = false;
            } else if (s.startsWith("K:")) {
                key = s.equals("K:none") ? Key.NONE : Key.parse(s.substring(2));
            } else if (s.startsWith("M:")) {
                if (i > 1 && !music) out.add(METER + ": a change of meter before the first note in " + text);
            } else if (bar) {
                accidentals.clear();
                boolean closes = s.startsWith(":"), opens = s.endsWith(":");
                if (closes) {
                    if (!open && (anySection || closed)) out.add(REPEAT + ": '" + s + "' without an open repeat in " + text);
                    if (ending == 1) needSecond = true;
                    open = false;
                    closed = true;
                    ending = 0;
                }
                if (opens) {
                    if (open) out.add(REPEAT + ": '" + s + "' inside an open repeat in " + text);
                    if (ending == 1) out.add(ENDING + ": '" + s + "' inside a first ending in " + text);
                    open = true;
                }
                if (!s.equals("|") && !s.equals(".|")) {
                    anySection = true;
                    if (ending == 2) ending = 0; // a section sign ends a second ending
                }
                if (i > 0 && t.get(i - 1).startsWith("[") && Character.isDigit(t.get(i - 1).charAt(1)))
                    out.add(ENDING + ": '" + t.get(i - 1) + "' right before '" + s + "' in " + text);
            } else if (s.startsWith("[") && s.length() > 1 && Character.isDigit(s.charAt(1))) {
                if (s.equals("[1")) {
                    if (!open && (anySection || closed) || ending != 0) out.add(ENDING + ": '[1' outside a repeat in " + text);
                    ending = 1;
                } else if (s.equals("[2")) {
                    if (!needSecond) out.add(ENDING + ": '[2' not right after the :| of a first ending in " + text);
                    needSecond = false;
                    ending = 2;
                } else out.add(ENDING + ": '" + s + "' in " + text);
            } else if (s.equals(Vocabulary.END)) {
                if (tied != null) out.add(TIE + ": a tie at the end in " + text);
                if (open) out.add(REPEAT + ": a repeat left open at the end in " + text);
                if (ending == 1) out.add(ENDING + ": a first ending left open at the end in " + text);
                tied = null;
            }
        }
        try {
            out.addAll(bars(enc.decode(tokens), text));
        } catch (EncodingException e) {
            // a sequence that does not decode has no bars to check (the bar rule's test counts those)
        }
        return out;
    }

    /**
     * Letter, octave marks and the sounding alteration as abc2midi reads it (an accidental holds for the letter in every
     * octave until the bar line) and as ABC 2.1 does (for its octave), each a digit 0..4 for -2..2.
     */
    private static String sound(Matcher m, Key key, Map<String, Integer> accidentals) {
        String acc = m.group(1);
        String where = m.group(2) + m.group(3);
        int keyAlter = key.alterOf(m.group(2).charAt(0));
        int written = acc == null ? 9 : switch (acc) { case "^^" -> 2; case "^" -> 1; case "=" -> 0; case "_" -> -1; default -> -2; };
        int abc2midi = acc != null ? written : accidentals.getOrDefault(m.group(2).toUpperCase(), keyAlter);
        int standard = acc != null ? written : accidentals.getOrDefault(where, keyAlter);
        return where + (char) ('2' + abc2midi) + (char) ('2' + standard);
    }

    /**
     * Short bars as abc2midi counts them, repeats played: a short bar closed by a section sign is completed by
     * the next bar heard (the section's first bar after a :|, the bar after a second ending's bar before the first);
     * a short closing bar must complete the pickup; without a pickup closing bars are full.
     */
    private static List<String> bars(Tune tune, String text) {
        List<String> out = new ArrayList<>();
        List<Bar> bars = tune.melodyVoice().bars();
        Meter meter = tune.meter();
        Duration pickup = null, carry = Duration.ZERO, endingCarry = Duration.ZERO, opening = null;
        boolean awaitingOpening = true;
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            for (Element e : b.elements()) if (e instanceof InlineField f && f.name() == 'M') {
                meter = Meter.parse(f.value());
                if (pickup != null) pickup = Duration.ZERO;
            }
            if (b.repeatStart()) awaitingOpening = true;
            if ("1".equals(b.ending())) endingCarry = carry;
            if ("2".equals(b.ending())) carry = endingCarry;
            if (!b.hasMusic() || meter.isFree()) continue;
            Duration want = meter.barLength(), len = b.duration();
            Bar next = i + 1 < bars.size() ? bars.get(i + 1) : null;
            boolean closing = b.repeatEnd() || b.end().closesSection() || next == null || next.repeatStart();
            if (awaitingOpening) { opening = len; awaitingOpening = false; }
            if (pickup == null) {
                pickup = len.compareTo(want) < 0 ? len : Duration.ZERO;
                carry = Duration.ZERO;
                continue;
            }
            Duration heard = carry.plus(len);
            Duration carried = Duration.ZERO;
            if (heard.compareTo(want) != 0) {
                if (carry.isZero() && closing && pickup.isPositive() && pickup.plus(len).compareTo(want) == 0) carried = len;
                else out.add(BAR + ": bar " + (i + 1) + " holds " + len + (carry.isZero() ? "" : " after a closing bar of " + carry)
                        + " in " + meter.text() + " (pickup " + pickup + ") in " + text);
            }
            if (b.repeatEnd() && opening != null) {
                Duration after = carried.plus(opening);
                if (carried.isZero() ? opening.compareTo(want) != 0 : after.compareTo(want) != 0)
                    out.add(BAR + ": bar " + (i + 1) + " (" + len + ") goes back to a first bar of " + opening + " in " + meter.text() + " in " + text);
            }
            carry = carried;
        }
        return out;
    }
}
