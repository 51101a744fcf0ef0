package tunesmith.encode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import tunesmith.corpus.Corpus;
import tunesmith.corpus.Duplicates;

/**
 * A corpus as token sequences: the encoded tunes (plain {@code int[]} of vocabulary indices, each
 * starting with {@code <s>} and ending with {@code </s>}), their titles, the vocabulary, the
 * encoding that made them, and what could not be encoded. Immutable; independent of any network
 * library (the model package turns sequences into batches).
 *
 * <p>Saved with a model: {@link #spec()} (to rebuild the encoding), {@link Vocabulary#toText()}
 * and {@link #fingerprint()} (to recognise the training data).
 */
public final class TokenCorpus {

    /** Seed of {@link #split(double)}: the corpus's own default seed, so token and tune splits agree. */
    public static final long DEFAULT_SEED = Corpus.DEFAULT_SEED;

    /**
     * What one sequence is (its tokens are {@link #sequence(int)}): its tune's title, the tune's index
     * in the source corpus, and the transposition of an augmented copy in semitones (0 for the tune as written).
     */
    public record Sequence(String title, int tune, int transposition) {
        @Override
        public String toString() {
            return "'" + title + "'" + (transposition == 0 ? "" : " transposed " + (transposition > 0 ? "+" : "") + transposition);
        }
    }

    /** A tune (or an augmented copy of one, {@code transposition} != 0) that could not be encoded, and why. */
    public record Skipped(String tune, int transposition, String reason) {
        @Override
        public String toString() {
            return tune + (transposition == 0 ? "" : " transposed " + transposition) + ": " + reason;
        }
    }

    private final String name;
    private final List<Sequence> entries;
    private final List<int[]> sequences; // parallel to entries; never handed out (see sequences())
    private final Vocabulary vocabulary;
    private final TuneEncoding encoding;
    private final List<Skipped> skipped;
    private final Map<String, Integer> unknown;
    private final int[] groups; // duplicate group of each source tune index (Duplicates); null: every tune its own
    private final List<int[]> conditions; // parallel to sequences, one bit set per input step; null: tokens alone

    TokenCorpus(String name, List<Sequence> entries, List<int[]> sequences, Vocabulary vocabulary, TuneEncoding encoding,
                List<Skipped> skipped, Map<String, Integer> unknown) {
        this(name, entries, sequences, vocabulary, encoding, skipped, unknown, null);
    }

    TokenCorpus(String name, List<Sequence> entries, List<int[]> sequences, Vocabulary vocabulary, TuneEncoding encoding,
                List<Skipped> skipped, Map<String, Integer> unknown, int[] groups) {
        this(name, entries, sequences, vocabulary, encoding, skipped, unknown, groups, null);
    }

    TokenCorpus(String name, List<Sequence> entries, List<int[]> sequences, Vocabulary vocabulary, TuneEncoding encoding,
                List<Skipped> skipped, Map<String, Integer> unknown, int[] groups, List<int[]> conditions) {
        if (entries.size() != sequences.size()) throw new IllegalArgumentException("one entry per sequence");
        if (conditions != null) {
            if (conditions.size() != sequences.size()) throw new IllegalArgumentException("one row of conditions per sequence");
            for (int k = 0; k < conditions.size(); k++)
                if (conditions.get(k).length != sequences.get(k).length - 1)
                    throw new IllegalArgumentException("sequence " + k + ": " + conditions.get(k).length + " conditioning steps for "
                            + (sequences.get(k).length - 1) + " input steps");
        }
        this.conditions = conditions == null ? null : List.copyOf(conditions);
        this.groups = groups;
        this.name = name;
        this.entries = List.copyOf(entries);
        this.sequences = List.copyOf(sequences);
        this.vocabulary = vocabulary;
        this.encoding = encoding;
        this.skipped = List.copyOf(skipped);
        Map<String, Integer> sorted = new LinkedHashMap<>();
        unknown.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        this.unknown = Collections.unmodifiableMap(sorted);
    }

    public String name() { return name; }

    /** Number of sequences (augmented copies included). */
    public int size() { return sequences.size(); }

    /** The token sequences, in order; copies, so changing them changes nothing here. */
    public List<int[]> sequences() { return sequences.stream().map(int[]::clone).toList(); }

    /** One token sequence (a copy). */
    public int[] sequence(int i) { return sequences.get(i).clone(); }

    /**
     * What the model hears beside each sequence's tokens, if the encoding conditions on something
     * (chords: {@link ChordInput}): per sequence one bit set of {@link TuneEncoding#conditionWidth()}
     * input columns for every input step (the step whose next token is predicted); copies.
     */
    public java.util.Optional<List<int[]>> conditions() {
        return conditions == null ? java.util.Optional.empty() : java.util.Optional.of(conditions.stream().map(int[]::clone).toList());
    }

    /** Titles of the sequences' source tunes, parallel to {@link #sequences()}. */
    public List<String> titles() { return entries.stream().map(Sequence::title).toList(); }

    /** Where each sequence comes from (title, tune index, transposition), parallel to {@link #sequences()}. */
    public List<Sequence> entries() { return entries; }

    public Vocabulary vocabulary() { return vocabulary; }

    /** The encoding that made these sequences, with their vocabulary: it encodes new tunes and decodes samples alike. */
    public TuneEncoding encoding() { return encoding; }

    /** The encoding's settings as text; {@link TuneEncoding#fromSpec} rebuilds it (add the vocabulary). */
    public String spec() { return encoding.spec(); }

    /** Tunes (or augmented copies) that could not be encoded, with the reason for each. */
    public List<Skipped> skipped() { return skipped; }

    /** Tokens outside a fixed vocabulary (encoded as {@code <unk>}) and how often each occurred, most frequent first. */
    public Map<String, Integer> unknown() { return unknown; }

    /** Total number of tokens, {@code <s>} and {@code </s>} included. */
    public long tokenCount() {
        long n = 0;
        for (int[] s : sequences) n += s.length;
        return n;
    }

    /**
     * SHA-256 (hex) of the vocabulary and the sequences in order: equal fingerprints mean the same
     * training data, token for token. Saved with a model to recognise what it was trained on.
     */
    public String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(vocabulary.toText().getBytes(StandardCharsets.UTF_8));
            ByteBuffer buf = ByteBuffer.allocate(4);
            for (int[] s : sequences) {
                buf.clear();
                md.update(buf.putInt(s.length).array());
                ByteBuffer body = ByteBuffer.allocate(4 * s.length);
                for (int t : s) body.putInt(t);
                md.update(body.array());
            }
            if (conditions != null) for (int[] c : conditions) { // absent for unconditioned data, whose fingerprints stay as they were
                ByteBuffer body = ByteBuffer.allocate(4 * c.length);
                for (int t : c) body.putInt(t);
                md.update(body.array());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java has no SHA-256", e);
        }
    }

    /** {@code trainFraction} of the tunes for training, the rest for validation, none for test; seeded with {@link #DEFAULT_SEED}. */
    public TokenSplit split(double trainFraction) {
        if (trainFraction <= 0 || trainFraction > 1)
            throw new IllegalArgumentException("split(" + trainFraction + "): the training fraction must be in (0, 1], e.g. 0.95");
        return split(trainFraction, 1.0 - trainFraction, DEFAULT_SEED);
    }

    /**
     * A seeded train/validation/test split by tune: the same corpus and seed give the same split on
     * any machine; test takes what train and validation leave. Settings of one tune (see {@link
     * tunesmith.corpus.Duplicates}) stay in one part. Augmented copies of a tune go with it into
     * training and are left out of validation and test.
     */
    public TokenSplit split(double train, double valid, long seed) {
        if (train <= 0 || valid < 0 || train + valid > 1.0 + 1e-9)
            throw new IllegalArgumentException("split(" + train + ", " + valid + ", seed): fractions must be > 0 (train), >= 0 (valid) and add up to at most 1");
        List<Integer> tunes = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (Sequence e : entries) if (seen.add(e.tune())) tunes.add(e.tune());
        int[] groupOf = new int[tunes.size()];
        for (int i = 0; i < groupOf.length; i++) {
            int t = tunes.get(i);
            groupOf[i] = groups == null || t >= groups.length ? -1 - t : groups[t];
        }
        List<List<Integer>> parts = Duplicates.split(groupOf, train, valid, seed);
        return new TokenSplit(part("train", tunesAt(tunes, parts.get(0)), true),
                part("valid", tunesAt(tunes, parts.get(1)), false),
                part("test", tunesAt(tunes, parts.get(2)), false));
    }

    /** Tunes that share their duplicate group with another encoded tune (0 when groups are unknown). */
    public int groupedTunes() {
        if (groups == null) return 0;
        Map<Integer, Integer> sizes = new java.util.HashMap<>();
        Set<Integer> seen = new HashSet<>();
        for (Sequence e : entries) if (seen.add(e.tune()) && e.tune() < groups.length) sizes.merge(groups[e.tune()], 1, Integer::sum);
        return sizes.values().stream().filter(n -> n > 1).mapToInt(Integer::intValue).sum();
    }

    /** Only the sequences of the tunes (source corpus indices) that pass; the vocabulary stays. */
    public TokenCorpus onlyTunes(java.util.function.IntPredicate tune) {
        List<Sequence> es = new ArrayList<>();
        List<int[]> seqs = new ArrayList<>();
        List<int[]> conds = conditions == null ? null : new ArrayList<>();
        for (int k = 0; k < entries.size(); k++) {
            if (!tune.test(entries.get(k).tune())) continue;
            es.add(entries.get(k));
            seqs.add(sequences.get(k));
            if (conds != null) conds.add(conditions.get(k));
        }
        return new TokenCorpus(name, es, seqs, vocabulary, encoding, skipped, unknown, groups, conds);
    }

    private static List<Integer> tunesAt(List<Integer> tunes, List<Integer> positions) {
        return positions.stream().map(tunes::get).toList();
    }

    private TokenCorpus part(String label, List<Integer> tunes, boolean withCopies) {
        Map<Integer, List<Integer>> byTune = new LinkedHashMap<>();
        for (int k = 0; k < entries.size(); k++) byTune.computeIfAbsent(entries.get(k).tune(), x -> new ArrayList<>()).add(k);
        List<Sequence> es = new ArrayList<>();
        List<int[]> seqs = new ArrayList<>();
        List<int[]> conds = conditions == null ? null : new ArrayList<>();
        for (int t : tunes) {
            for (int k : byTune.get(t)) {
                if (!withCopies && entries.get(k).transposition() != 0) continue;
                es.add(entries.get(k));
                seqs.add(sequences.get(k));
                if (conds != null) conds.add(conditions.get(k));
            }
        }
        return new TokenCorpus(name + ":" + label, es, seqs, vocabulary, encoding, List.of(), Map.of(), groups, conds);
    }

    /** Sizes, lengths, vocabulary, what was skipped and the encoding, for a REPL. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("TokenCorpus ").append(name).append(": ").append(size()).append(" sequences");
        long tunes = entries.stream().mapToInt(Sequence::tune).distinct().count();
        if (tunes != size()) b.append(" (").append(tunes).append(" tunes)");
        b.append(", ").append(tokenCount()).append(" tokens");
        if (!sequences.isEmpty()) {
            int min = Integer.MAX_VALUE, max = 0;
            for (int[] s : sequences) { min = Math.min(min, s.length); max = Math.max(max, s.length); }
            b.append(" (").append(min).append("..").append(max).append(" a tune)");
        }
        b.append(", vocabulary ").append(vocabulary.size());
        if (!skipped.isEmpty()) b.append("; ").append(skipped.size()).append(" skipped (see skipped())");
        if (!unknown.isEmpty()) b.append("; ").append(unknown.values().stream().mapToInt(Integer::intValue).sum())
                .append(" unknown tokens as <unk> (see unknown())");
        if (conditions != null) b.append("; with ").append(encoding.conditionWidth()).append(" conditioning columns a step");
        return b.append("; ").append(spec()).toString();
    }
}
