package tunesmith.encode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable, ordered list of tokens: a token's index is its class number in a network's input
 * and output layers. Four reserved tokens sit at fixed indices in every vocabulary, so code that
 * pads, masks or starts a sequence never has to look them up:
 * <ol start="0">
 *   <li>{@link #PAD} {@code <pad>}: fills a batch after a shorter sequence ends (masked out);</li>
 *   <li>{@link #UNK} {@code <unk>}: a token the vocabulary does not know;</li>
 *   <li>{@link #START} {@code <s>}: the start of a tune;</li>
 *   <li>{@link #END} {@code </s>}: the end of a tune.</li>
 * </ol>
 * The observed tokens follow, most frequent first, ties in text order ({@link String#compareTo}),
 * so the same corpus always gives the same vocabulary and common tokens get small indices.
 * {@link #toText()} writes one token per line; a model saves it and {@link #parse} reads it back.
 */
public final class Vocabulary {

    public static final String PAD = "<pad>";
    public static final String UNK = "<unk>";
    public static final String START = "<s>";
    public static final String END = "</s>";
    public static final int PAD_INDEX = 0;
    public static final int UNK_INDEX = 1;
    public static final int START_INDEX = 2;
    public static final int END_INDEX = 3;
    /** The reserved tokens in index order. */
    public static final List<String> RESERVED = List.of(PAD, UNK, START, END);

    private final List<String> tokens;
    private final Map<String, Integer> index;

    private Vocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < this.tokens.size(); i++) m.put(this.tokens.get(i), i);
        this.index = Map.copyOf(m);
    }

    /**
     * The vocabulary of the observed tokens (with repeats: each occurrence counts toward the
     * frequency order). Reserved tokens among them are ignored: they already have their indices.
     */
    public static Vocabulary of(Collection<String> observed) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String t : observed) {
            check(t, "of(...)");
            if (!RESERVED.contains(t)) counts.merge(t, 1, Integer::sum);
        }
        List<String> out = new ArrayList<>(RESERVED);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.add(e.getKey()));
        return new Vocabulary(out);
    }

    private static void check(String token, String where) {
        if (token == null || token.isEmpty() || !token.strip().equals(token) || token.contains("\n") || token.contains("\r"))
            throw new IllegalArgumentException("Vocabulary." + where + ": token " + (token == null ? "null" : "'" + token + "'")
                    + " is not usable (a token is non-empty text without line breaks or surrounding spaces)");
    }

    /** Number of tokens, reserved ones included: the width of a network's one-hot input and softmax output. */
    public int size() { return tokens.size(); }

    /** Index of a token; {@link #UNK_INDEX} for a token not in the vocabulary (never an exception). */
    public int index(String token) {
        Integer i = index.get(token);
        return i == null ? UNK_INDEX : i;
    }

    /** The token at an index. */
    public String token(int index) {
        if (index < 0 || index >= tokens.size())
            throw new IndexOutOfBoundsException("Token index " + index + " is outside this vocabulary of " + tokens.size()
                    + " tokens (0.." + (tokens.size() - 1) + "); was the sequence made with another vocabulary?");
        return tokens.get(index);
    }

    public boolean contains(String token) { return index.containsKey(token); }

    /** All tokens in index order (an unmodifiable list). */
    public List<String> tokens() { return tokens; }

    /** Indices of tokens, unknown ones as {@link #UNK_INDEX}. */
    public int[] indices(List<String> tokenList) {
        int[] out = new int[tokenList.size()];
        for (int i = 0; i < out.length; i++) out[i] = index(tokenList.get(i));
        return out;
    }

    /** Tokens of indices. */
    public List<String> tokens(int[] indices) {
        List<String> out = new ArrayList<>(indices.length);
        for (int i : indices) out.add(token(i));
        return out;
    }

    /** One token per line, in index order, ending with a line break. */
    public String toText() { return String.join("\n", tokens) + "\n"; }

    /**
     * Reads {@link #toText()}: one token per line, the four reserved tokens first in their order,
     * no duplicates. A final line break is optional; Windows line breaks are accepted.
     */
    public static Vocabulary parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("Vocabulary.parse: the text is empty"
                + " (expected one token per line, starting with " + String.join(", ", RESERVED) + ")");
        String body = text.replace("\r\n", "\n");
        if (body.endsWith("\n")) body = body.substring(0, body.length() - 1);
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < RESERVED.size(); i++) {
            if (i >= lines.length || !lines[i].equals(RESERVED.get(i)))
                throw new IllegalArgumentException("Vocabulary.parse: line " + (i + 1) + " is "
                        + (i >= lines.length ? "missing" : "'" + lines[i] + "'") + ", expected '" + RESERVED.get(i)
                        + "' (every vocabulary starts with " + String.join(", ", RESERVED) + "); is this a vocabulary file?");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i];
            if (t.isEmpty() || !t.strip().equals(t))
                throw new IllegalArgumentException("Vocabulary.parse: line " + (i + 1) + " is '" + t
                        + "' (expected one token per line, without blank lines or spaces around it)");
            Integer before = seen.put(t, i);
            if (before != null)
                throw new IllegalArgumentException("Vocabulary.parse: token '" + t + "' is on line " + (before + 1) + " and again on line "
                        + (i + 1) + " (each token has one index)");
        }
        return new Vocabulary(List.of(lines));
    }

    @Override
    public boolean equals(Object o) { return o instanceof Vocabulary v && tokens.equals(v.tokens); }

    @Override
    public int hashCode() { return tokens.hashCode(); }

    /** Size and the first tokens after the reserved ones: {@code Vocabulary(137 tokens: |, A, 2, B, ...)}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Vocabulary(").append(size()).append(" tokens");
        int shown = Math.min(size(), RESERVED.size() + 12);
        if (size() > RESERVED.size()) {
            b.append(": ");
            b.append(String.join(" ", tokens.subList(RESERVED.size(), shown)));
            if (shown < size()) b.append(" ...");
        }
        return b.append(')').toString();
    }
}
