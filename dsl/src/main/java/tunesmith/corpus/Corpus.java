package tunesmith.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tunesmith.midi.MidiIn;
import tunesmith.notation.LoadReport;
import tunesmith.notation.Tunebook;
import tunesmith.music.Key;
import tunesmith.music.Pitch;
import tunesmith.music.Tune;
import tunesmith.music.Voice;

/**
 * A named, immutable collection of tunes with the report of how it was read. Every operation
 * returns a new corpus: {@code corpus("oneills").where(rhythm("reel")).transpose(2)}.
 */
public final class Corpus implements Iterable<Tune> {

    /** Seed of {@link #split()} when none is given, so everyone's default split is the same. */
    public static final long DEFAULT_SEED = 2016; // folk-rnn's year; any fixed number would do

    private final String name;
    private final List<Tune> tunes;
    private final LoadReport report;

    public Corpus(String name, List<Tune> tunes, LoadReport report) {
        this.name = name;
        this.tunes = List.copyOf(tunes);
        this.report = report == null ? new LoadReport(this.tunes.size(), List.of()) : report;
    }

    public static Corpus of(String name, List<Tune> tunes) { return new Corpus(name, tunes, null); }

    // ---- loading --------------------------------------------------------------------------

    /** A catalogued corpus by name ("oneills", "ryans", "essen", "nottingham", "jsb", "starter"). */
    public static Corpus load(String name) { return load(name, new CorpusResolver()); }

    /** A catalogue corpus by name, or several joined by {@code +} in that order ({@code "oneills+ryans+nottingham"}), as the CLI takes them. */
    public static Corpus load(String name, CorpusResolver resolver) {
        if (name.contains("+")) {
            Corpus joined = null;
            for (String part : name.split("\\+")) {
                if (part.isBlank()) throw new IllegalArgumentException("Corpus '" + name + "' has an empty part between '+' signs; expected names such as oneills+ryans");
                Corpus next = load(part.strip(), resolver);
                joined = joined == null ? next : joined.plus(next);
            }
            return joined;
        }
        CatalogueEntry entry = resolver.catalogue().entry(name);
        Path where = resolver.resolve(name);
        if (entry.format().equals("jsb-json")) {
            Chorales ch = Chorales.read(where.resolve("Jsb16thSeparated.json"));
            return ch.all().renamed(entry.name());
        }
        return read(entry.name(), where);
    }

    /**
     * An ABC or MIDI file, or a folder searched (recursively) for {@code *.abc}, {@code *.mid} and {@code *.midi}
     * files in name order. A MIDI file is one tune read by {@link MidiIn#midiIn()}'s defaults; one that
     * cannot be read is named in the {@link #report()} and the others are read.
     */
    public static Corpus load(Path path) { return load(path, MidiIn.midiIn()); }

    /** As {@link #load(Path)}, MIDI files read with these settings: {@code Corpus.load(dir, midiIn().track("Melody"))}. */
    public static Corpus load(Path path, MidiIn midi) { return read(MusicFiles.stem(path), path, midi); }

    private static Corpus read(String name, Path path) { return read(name, path, MidiIn.midiIn()); }

    private static Corpus read(String name, Path path, MidiIn midi) {
        List<Path> files = MusicFiles.files(path);
        List<Tune> tunes = new ArrayList<>();
        LoadReport report = new LoadReport(0, List.of());
        for (Path f : files) {
            Tunebook book = MusicFiles.read(f, midi);
            tunes.addAll(book.tunes());
            report = report.plus(book.report());
        }
        return new Corpus(name, tunes, report);
    }

    // ---- access ---------------------------------------------------------------------------

    public String name() { return name; }

    public List<Tune> tunes() { return tunes; }

    public int size() { return tunes.size(); }

    public Tune get(int index) { return tunes.get(index); }

    public LoadReport report() { return report; }

    @Override
    public Iterator<Tune> iterator() { return tunes.iterator(); }

    public Stream<Tune> stream() { return tunes.stream(); }

    /** The first tune whose title contains the text, ignoring case. */
    public Tune tune(String title) {
        return tunes.stream().filter(Filters.title(title)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("No tune titled like '" + title + "' in corpus " + name + " (" + size() + " tunes)"));
    }

    // ---- operations -----------------------------------------------------------------------

    public Corpus where(Predicate<Tune> p) {
        return new Corpus(name, tunes.stream().filter(p).toList(), report);
    }

    /** This corpus followed by another; the name joins both names. */
    public Corpus plus(Corpus other) {
        List<Tune> all = new ArrayList<>(tunes);
        all.addAll(other.tunes);
        return new Corpus(name + "+" + other.name, all, report.plus(other.report));
    }

    public Corpus renamed(String newName) { return new Corpus(newName, tunes, report); }

    /** Every tune moved by {@code semitones}. */
    public Corpus transpose(int semitones) {
        return new Corpus(name, tunes.stream().map(t -> t.transpose(semitones)).toList(), report);
    }

    /**
     * Every tonal tune moved to the tonic of {@code key}, keeping its own mode (folk-rnn v2 puts
     * every tune on C this way). Tunes without a tonic (K:none) are left out.
     */
    public Corpus transposeTo(String key) {
        Key k = Key.named(key);
        if (!k.isTonal()) throw new IllegalArgumentException("transposeTo(\"" + key + "\"): name a tonic such as C or D");
        return new Corpus(name, tunes.stream().filter(t -> t.key().isTonal())
                .map(t -> t.transposeTo(t.key().withTonic(k.tonic(), k.tonicAlter()))).toList(), report);
    }

    /** Only the melody voice of every tune (for JSB chorales: the soprano lines). */
    public Corpus melodies() {
        return new Corpus(name, tunes.stream().map(t -> t.voices().size() == 1 ? t
                : t.withVoices(List.of(t.melodyVoice()))).toList(), report);
    }

    /** The first {@code n} tunes. */
    public Corpus head(int n) { return new Corpus(name, tunes.subList(0, Math.min(n, tunes.size())), report); }

    /** A seeded shuffle. */
    public Corpus shuffle(long seed) {
        List<Tune> copy = new ArrayList<>(tunes);
        Collections.shuffle(copy, new Random(seed));
        return new Corpus(name, copy, report);
    }

    /** 90% train, 5% validation, 5% test, shuffled with {@link #DEFAULT_SEED}. */
    public Split split() { return split(0.90, 0.05, DEFAULT_SEED); }

    /**
     * A seeded train/validation/test split: the same seed and corpus give the same split on any
     * machine. Test takes what train and validation leave. Settings of one tune (see {@link
     * Duplicates}) stay together, so held-out tunes are not copies of training tunes.
     */
    public Split split(double train, double valid, long seed) {
        if (train <= 0 || valid < 0 || train + valid > 1.0 + 1e-9)
            throw new IllegalArgumentException("split(" + train + ", " + valid + "): fractions must be > 0 and add up to at most 1");
        Duplicates dups = duplicates();
        List<List<Integer>> parts = Duplicates.split(dups.groups(), train, valid, seed);
        return new Split(part(":train", parts.get(0)), part(":valid", parts.get(1)), part(":test", parts.get(2)), dups.grouped());
    }

    private Corpus part(String suffix, List<Integer> indices) {
        return new Corpus(name + suffix, indices.stream().map(tunes::get).toList(), report);
    }

    /** Which tunes are settings of the same tune (same opening moved to C, or same title). */
    public Duplicates duplicates() { return Duplicates.of(tunes); }

    /** Three disjoint parts of a corpus; {@code grouped} tunes had another setting, kept in the same part. */
    public record Split(Corpus train, Corpus valid, Corpus test, int grouped) {
        public Split(Corpus train, Corpus valid, Corpus test) { this(train, valid, test, 0); }

        /** The split encoded for a network with one vocabulary: {@code split.tokens(abc())} or {@code tokens(grid())}. */
        public <R> R tokens(SplitEncoder<R> encoder) { return encoder.encode(this); }

        @Override
        public String toString() {
            return "Split train " + train.size() + ", valid " + valid.size() + ", test " + test.size()
                    + (grouped > 0 ? " (" + grouped + " tunes kept with their other settings)" : "");
        }
    }

    // ---- views ----------------------------------------------------------------------------

    /**
     * One row per tune: source, X, title, rhythm, meter, key, mode, bars (as written), notes
     * (melody notes as written), lowest and highest melody pitch (MIDI numbers).
     */
    public Table table() {
        StringColumn source = StringColumn.create("source");
        IntColumn x = IntColumn.create("X");
        StringColumn title = StringColumn.create("title");
        StringColumn rhythm = StringColumn.create("rhythm");
        StringColumn meter = StringColumn.create("meter");
        StringColumn key = StringColumn.create("key");
        StringColumn mode = StringColumn.create("mode");
        IntColumn bars = IntColumn.create("bars");
        IntColumn notes = IntColumn.create("notes");
        IntColumn low = IntColumn.create("lowest");
        IntColumn high = IntColumn.create("highest");
        for (Tune t : tunes) {
            source.append(sourceName(t));
            x.append(t.x());
            title.append(t.title());
            rhythm.append(Rhythms.of(t));
            meter.append(t.meter().text());
            key.append(t.key().isTonal() ? t.key().tonicName() : t.key().abc());
            mode.append(t.key().isTonal() ? t.key().mode().word() : "");
            bars.append(t.barCount());
            notes.append(t.melodyNotes().size());
            Integer lo = t.lowest().map(Pitch::midi).orElse(null);
            Integer hi = t.highest().map(Pitch::midi).orElse(null);
            if (lo == null) low.appendMissing(); else low.append(lo);
            if (hi == null) high.appendMissing(); else high.append(hi);
        }
        return Table.create(name, source, x, title, rhythm, meter, key, mode, bars, notes, low, high);
    }

    private String sourceName(Tune t) {
        if (t.source() == null) return name;
        Path p = Path.of(t.source()).getFileName();
        return name + "/" + (p == null ? t.source() : p.toString());
    }

    /** Counts of a tune property, most frequent first: {@code count(Rhythms::of)}. */
    public Map<String, Integer> count(java.util.function.Function<Tune, String> property) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Tune t : tunes) m.merge(property.apply(t), 1, Integer::sum);
        Map<String, Integer> sorted = new LinkedHashMap<>();
        m.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** This corpus encoded for a network: {@code corpus.tokens(abc())} gives ABC token sequences and their vocabulary. */
    public <R> R tokens(CorpusEncoder<R> encoder) { return encoder.encode(this); }

    /** Name, tune count, what was skipped, and the most common rhythms and keys. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Corpus ").append(name).append(": ").append(size()).append(" tunes");
        if (report.skipped() > 0) b.append(" (").append(report.skipped()).append(" skipped; see report())");
        if (!tunes.isEmpty()) {
            b.append("; rhythms ").append(top(count(t -> { String r = Rhythms.of(t); return r.isEmpty() ? "?" : r; })));
            b.append("; keys ").append(top(count(t -> t.key().isTonal() ? t.key().tonicName() + t.key().mode().abc() : t.key().abc())));
        }
        return b.toString();
    }

    private static String top(Map<String, Integer> counts) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (i++ == 4) { b.append(", ..."); break; }
            if (b.length() > 0) b.append(", ");
            b.append(e.getKey()).append(' ').append(e.getValue());
        }
        return b.toString();
    }

}
