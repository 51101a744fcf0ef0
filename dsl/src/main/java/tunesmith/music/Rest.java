package tunesmith.music;

/**
 * Silence: {@code z} (visible), {@code x} (invisible), or {@code Z}/{@code X} whole-bar
 * rests ({@code bars} > 0, their length is that many bars of the meter).
 */
public record Rest(Duration duration, boolean invisible, int bars) implements Element {

    public Rest {
        if (duration == null || duration.numerator() < 0) throw new IllegalArgumentException("A rest needs a length >= 0, was " + duration);
        if (bars < 0) throw new IllegalArgumentException("Bar count of a rest must be >= 0, was " + bars);
    }

    public static Rest of(Duration d) { return new Rest(d, false, 0); }

    public boolean isMultiBar() { return bars > 0; }

    @Override
    public String toString() { return "rest/" + duration; }
}
