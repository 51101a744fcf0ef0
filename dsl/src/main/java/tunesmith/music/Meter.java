package tunesmith.music;

/**
 * A time signature: {@code 6/8}, {@code C} (4/4), {@code C|} (2/2), compound numerators such
 * as {@code 2+3/8}, or free meter ({@code none}), which has no bar length.
 */
public record Meter(String text, Duration barLength) {

    public static final Meter FREE = new Meter("none", null);
    public static final Meter COMMON = new Meter("C", Duration.of(4, 4));
    public static final Meter CUT = new Meter("C|", Duration.of(2, 2));

    private static final java.util.regex.Pattern LENIENT = java.util.regex.Pattern.compile("([A-Za-z]*)(\\d+(?:\\+\\d+)*/\\d+)\\]?");

    public static Meter parse(String value) {
        String s = value.strip().replace(" ", "");
        if (s.isEmpty() || s.equalsIgnoreCase("none")) return FREE;
        if (s.equals("C")) return COMMON;
        if (s.equals("C|")) return CUT;
        java.util.regex.Matcher m = LENIENT.matcher(s);
        if (!s.matches("[(]?\\d[\\d+()]*/\\d+") && m.matches()) {
            // tunebook variants such as "FREI4/4" (Essen: free rhythm counted in 4/4) or a stray "]"
            Meter inner = parse(m.group(2));
            return new Meter(s, inner.barLength());
        }
        int slash = s.lastIndexOf('/');
        if (slash <= 0 || slash == s.length() - 1) throw bad(value);
        String num = s.substring(0, slash).replace("(", "").replace(")", "");
        long sum = 0;
        try {
            // plain ASCII digits only: Long.parseLong would also take "+8" or other scripts' digits
            for (String part : num.split("\\+", -1)) { if (!digits(part)) throw bad(value); sum += Long.parseLong(part); }
            if (!digits(s.substring(slash + 1))) throw bad(value);
            long den = Long.parseLong(s.substring(slash + 1));
            if (sum <= 0 || den <= 0) throw bad(value);
            return new Meter(s, Duration.of(sum, den));
        } catch (NumberFormatException e) {
            throw bad(value);
        }
    }

    private static boolean digits(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    private static IllegalArgumentException bad(String value) {
        return new IllegalArgumentException("Unknown meter '" + value + "' (expected e.g. 6/8, 4/4, C, C|, 2+3/8 or none)");
    }

    public static Meter of(String text) { return parse(text); }

    public boolean isFree() { return barLength == null; }

    /** The default unit note length ABC gives this meter when L: is missing: 1/16 below 3/4, else 1/8. */
    public Duration defaultUnitLength() {
        if (isFree()) return Duration.EIGHTH;
        return barLength.compareTo(Duration.of(3, 4)) < 0 ? Duration.SIXTEENTH : Duration.EIGHTH;
    }

    /** Beats per bar as written in the numerator (6 for 6/8, 4 for C). */
    public long numerator() {
        if (isFree()) return 0;
        if (this.equals(COMMON)) return 4;
        if (this.equals(CUT)) return 2;
        String f = fraction();
        long sum = 0;
        for (String part : f.substring(0, f.indexOf('/')).split("\\+")) sum += Long.parseLong(part);
        return sum;
    }

    /** Denominator as written (8 for 6/8). */
    public long denominator() {
        if (isFree()) return 0;
        if (this.equals(COMMON)) return 4;
        if (this.equals(CUT)) return 2;
        String f = fraction();
        return Long.parseLong(f.substring(f.indexOf('/') + 1));
    }

    /** The "N/D" part of the text, without brackets or a word before it ("FREI6/8" gives "6/8"). */
    private String fraction() {
        java.util.regex.Matcher m = FRACTION.matcher(text.replace("(", "").replace(")", ""));
        if (!m.find()) throw new IllegalStateException("meter without a fraction: " + text);
        return m.group();
    }

    private static final java.util.regex.Pattern FRACTION = java.util.regex.Pattern.compile("\\d+(?:\\+\\d+)*/\\d+");

    @Override
    public String toString() { return text; }
}
