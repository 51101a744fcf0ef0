package tunesmith.music;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A tune: header fields in their written order (X, T, C, O, R, M, L, Q, K, N, Z, S, B, P, W,
 * and any others) and a body of voices of bars. Immutable. Where it came from ({@link #source()},
 * {@link #line()}) is remembered for messages but is not part of the tune's value:
 * a tune read back from its own ABC equals the original.
 */
public final class Tune {

    private final List<Field> fields;
    private final List<Voice> voices;
    private final String source;
    private final int line;
    private final Key key;
    private final Meter meter;
    private final Duration unitLength;

    public Tune(List<Field> fields, List<Voice> voices, String source, int line) {
        this.fields = List.copyOf(fields);
        this.voices = List.copyOf(voices);
        if (this.voices.isEmpty()) throw new IllegalArgumentException("A tune needs at least one voice");
        this.source = source;
        this.line = line;
        this.key = field('K').map(Key::parse).orElse(Key.NONE);
        this.meter = field('M').map(Meter::parse).orElse(Meter.FREE);
        this.unitLength = field('L').map(Duration::parse).orElse(meter.defaultUnitLength());
    }

    public Tune(List<Field> fields, List<Voice> voices) { this(fields, voices, null, 0); }

    // ---- header ---------------------------------------------------------------------------

    public List<Field> fields() { return fields; }

    /** The last value of a header field (ABC lets a later one override), if present. */
    public Optional<String> field(char name) {
        String v = null;
        for (Field f : fields) if (f.name() == name) v = f.value();
        return Optional.ofNullable(v);
    }

    /** Every value of a header field in order (a tune may have several T: or N: lines). */
    public List<String> all(char name) {
        List<String> out = new ArrayList<>();
        for (Field f : fields) if (f.name() == name) out.add(f.value());
        return out;
    }

    /** Reference number from X:, or 0 when the tune has none. */
    public int x() {
        String v = field('X').orElse("").strip();
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) end++;
        if (end == 0) return 0;
        try { return Integer.parseInt(v.substring(0, end)); } catch (NumberFormatException e) { return 0; }
    }

    /** The first title, or "(untitled)". */
    public String title() { return fields.stream().filter(f -> f.name() == 'T').map(Field::value).findFirst().orElse("(untitled)"); }

    public List<String> titles() { return all('T'); }

    /** The rhythm from R: in lower case ("reel", "jig", "slip jig"), or "" when not given. */
    public String rhythm() { return field('R').orElse("").strip().toLowerCase(java.util.Locale.ROOT); }

    public Optional<String> composer() { return field('C'); }

    public Optional<String> origin() { return field('O'); }

    /** Key at the start of the tune (from K:). */
    public Key key() { return key; }

    /** Meter at the start of the tune (from M:, free meter when absent). */
    public Meter meter() { return meter; }

    /** Unit note length (L:, or ABC's default for the meter). */
    public Duration unitLength() { return unitLength; }

    /** Tempo from Q:, or 1/4=120 when absent or unreadable. */
    public Tempo tempo() { return field('Q').map(q -> Tempo.parse(q, unitLength)).orElse(Tempo.DEFAULT); }

    // ---- body -----------------------------------------------------------------------------

    public List<Voice> voices() { return voices; }

    /** The melody voice: the first voice. */
    public Voice melodyVoice() { return voices.get(0); }

    /** A voice by its V: id. */
    public Voice voice(String id) {
        for (Voice v : voices) if (v.id().equals(id)) return v;
        throw new IllegalArgumentException("Tune " + x() + " '" + title() + "' has no voice '" + id + "'; voices: "
                + voices.stream().map(Voice::id).toList());
    }

    /** This tune with the voice {@code id} first, so it becomes the melody. */
    public Tune withMelodyVoice(String id) {
        Voice chosen = voice(id);
        List<Voice> vs = new ArrayList<>();
        vs.add(chosen);
        for (Voice v : voices) if (v != chosen) vs.add(v);
        return new Tune(fields, vs, source, line);
    }

    public List<Bar> bars() { return melodyVoice().bars(); }

    /** Number of bars with music in the melody voice, as written (before unfolding repeats). */
    public int barCount() { return melodyVoice().barCount(); }

    /** Where the tune was read from ("file.abc"), or null for a tune made in code. */
    public String source() { return source; }

    /** Line of the tune's X: field in its source, 0 when unknown. */
    public int line() { return line; }

    public Tune withSource(String newSource, int newLine) { return new Tune(fields, voices, newSource, newLine); }

    public Tune withFields(List<Field> newFields) { return new Tune(newFields, voices, source, line); }

    public Tune withVoices(List<Voice> newVoices) { return new Tune(fields, newVoices, source, line); }

    /** Replaces (or adds) a header field, keeping the K: field last as ABC requires. */
    public Tune withField(char name, String value) {
        List<Field> out = new ArrayList<>();
        boolean done = false;
        for (Field f : fields) {
            if (f.name() == name) {
                if (!done) out.add(new Field(name, value));
                done = true;
            } else out.add(f);
        }
        if (!done) {
            int k = out.size();
            for (int i = 0; i < out.size(); i++) if (out.get(i).name() == 'K') { k = i; break; }
            out.add(k, new Field(name, value));
        }
        return withFields(out);
    }

    public Tune withTitle(String title) { return withField('T', title); }

    public Tune mapVoices(UnaryOperator<Voice> f) { return withVoices(voices.stream().map(f).toList()); }

    // ---- music operations -----------------------------------------------------------------

    /** Transposed by semitones; the new key is spelled with the fewest sharps or flats. */
    public Tune transpose(int semitones) { return Transposer.bySemitones(this, semitones); }

    /** Transposed to another key of the same mode, the nearer way (up to a tritone up or down). */
    public Tune transposeTo(Key target) { return Transposer.toKey(this, target); }

    public Tune transposeTo(String target) { return transposeTo(Key.named(target)); }

    /**
     * The opening: the first {@code n} bars of every voice as written (a pickup counts as a bar), e.g.
     * to prime a model with a tune's start. The whole tune when it has no more than {@code n}.
     */
    public Tune firstBars(int n) {
        if (n < 1) throw new IllegalArgumentException("firstBars(" + n + "): expected at least 1 bar");
        return mapVoices(v -> v.withBars(v.bars().subList(0, Math.min(n, v.bars().size()))));
    }

    /** The performed sequence: repeats, 1st/2nd endings and P: parts written out in order. */
    public Tune unfold() { return Repeats.unfold(this); }

    /**
     * The melody as performed: the first voice unfolded, tied notes merged into one, rests
     * left out, chords as their top note; grace notes and decorations have no effect.
     */
    public List<NoteEvent> melody() { return Repeats.melody(this); }

    /** Lowest and highest sounding pitch of the melody voice as written, if it has notes. */
    public Optional<Pitch> lowest() { return melodyNotes().stream().map(Note::pitch).min(Pitch::compareTo); }

    public Optional<Pitch> highest() { return melodyNotes().stream().map(Note::pitch).max(Pitch::compareTo); }

    /** Notes of the melody voice as written (chords as their top note). */
    public List<Note> melodyNotes() {
        List<Note> out = new ArrayList<>();
        for (Bar b : bars()) out.addAll(b.melodyNotes());
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tune t && fields.equals(t.fields) && voices.equals(t.voices);
    }

    @Override
    public int hashCode() { return Objects.hash(fields, voices); }

    /** Title, rhythm, key, meter, bar count and the first line of music, for a REPL. */
    @Override
    public String toString() {
        String firstLine = Notation.firstLineOf(this); // ABC, registered by the abc package
        StringBuilder b = new StringBuilder("Tune ");
        if (x() > 0) b.append(x()).append(' ');
        b.append('"').append(title()).append('"');
        b.append(" (");
        if (!rhythm().isEmpty()) b.append(rhythm()).append(", ");
        b.append(key.describe()).append(", ").append(meter).append(", ").append(barCount()).append(" bars");
        if (voices.size() > 1) b.append(", ").append(voices.size()).append(" voices");
        b.append(")");
        if (!firstLine.isEmpty()) b.append(": ").append(firstLine);
        return b.toString();
    }
}
