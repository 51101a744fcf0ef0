package tunesmith.corpus;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import tunesmith.music.Key;
import tunesmith.music.Meter;
import tunesmith.music.Mode;
import tunesmith.music.Tune;

/** Predicates for {@link Corpus#where}: {@code corpus.where(rhythm("reel", "jig").and(mode("dorian")))}. */
public final class Filters {

    private Filters() {}

    /** Tunes of any of these rhythms (normalised: "double jig" counts as "jig"). */
    public static Predicate<Tune> rhythm(String... names) {
        Set<String> wanted = Arrays.stream(names).map(Rhythms::normalise).collect(Collectors.toSet());
        return t -> wanted.contains(Rhythms.of(t));
    }

    /** Tunes whose opening meter is one of these ("6/8", "C", "none"). */
    public static Predicate<Tune> meter(String... meters) {
        Set<Meter> wanted = Arrays.stream(meters).map(Meter::parse).collect(Collectors.toSet());
        return t -> wanted.contains(t.meter()) || wanted.stream().anyMatch(m -> !m.isFree() && !t.meter().isFree()
                && m.barLength().equals(t.meter().barLength()) && m.denominator() == t.meter().denominator());
    }

    /** Tunes in one of these keys, tonic and mode ("D", "Ador", "Em"); "G" does not match "Gmix". */
    public static Predicate<Tune> key(String... keys) {
        Set<String> wanted = Arrays.stream(keys).map(k -> describe(Key.parse(k))).collect(Collectors.toSet());
        return t -> wanted.contains(describe(t.key()));
    }

    private static String describe(Key k) { return k.describe(); }

    /** Tunes in one of these modes ("major", "minor", "dorian", "mix", ...). */
    public static Predicate<Tune> mode(String... modes) {
        Set<Mode> wanted = Arrays.stream(modes).map(m -> Mode.parse(m.toLowerCase(Locale.ROOT))).collect(Collectors.toSet());
        return t -> t.key().isTonal() && wanted.contains(t.key().mode());
    }

    /** Tunes with between {@code min} and {@code max} bars as written (repeats not unfolded). */
    public static Predicate<Tune> bars(int min, int max) {
        if (min > max) throw new IllegalArgumentException("bars(" + min + ", " + max + "): min must not exceed max");
        return t -> t.barCount() >= min && t.barCount() <= max;
    }

    /** Tunes with between {@code min} and {@code max} melody notes when performed (repeats unfolded). */
    public static Predicate<Tune> notes(int min, int max) {
        if (min > max) throw new IllegalArgumentException("notes(" + min + ", " + max + "): min must not exceed max");
        return t -> { int n = t.melody().size(); return n >= min && n <= max; };
    }

    /** Tunes whose title contains the text, ignoring case. */
    public static Predicate<Tune> title(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        return t -> t.titles().stream().anyMatch(x -> x.toLowerCase(Locale.ROOT).contains(s));
    }
}
