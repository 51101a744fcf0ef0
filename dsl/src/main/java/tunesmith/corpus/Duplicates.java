package tunesmith.corpus;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tunesmith.music.Bar;
import tunesmith.music.Note;
import tunesmith.music.Tune;

/**
 * Which tunes of a corpus are the same tune: folk tunebooks print one tune in several settings
 * (O'Neill's has 171 X: numbers twice; Ryan's and O'Neill's share dozens of tunes). A split that
 * puts one setting in training and another in test measures memory, not music, so splits keep every
 * member of a group on one side.
 *
 * <p>Two tunes are grouped (transitively) when they share
 * <ul>
 *   <li>their opening melody moved to C: the first {@value #OPENING} pitch changes, as pitch classes
 *       relative to the tonic, from the first note or from the first full bar (so a setting with a
 *       pickup meets one without); repeated notes count once, so {@code d2} and {@code dd} agree; or</li>
 *   <li>their title, normalised (case, accents, punctuation, a leading "The"), unless the title is
 *       generic: a rhythm name, "untitled", or one shared by more than {@value #GENERIC_TITLE} tunes.</li>
 * </ul>
 * Grouping too much only makes a group bigger; grouping too little leaks a tune into test.
 */
public final class Duplicates {

    /** Pitch changes compared: 10 tonic-relative pitch classes in a row rarely agree by chance between two tunes. */
    public static final int OPENING = 10;
    /** A title on more tunes than this names a kind of tune ("Reel", "Jig No. 2"), not one tune. */
    public static final int GENERIC_TITLE = 4;

    private static final Set<String> GENERIC_WORDS = Set.of("", "untitled", "no title", "notitle", "reel", "jig", "hornpipe",
            "air", "slip jig", "set dance", "polka", "waltz", "march", "strathspey", "slide", "song", "tune", "dance",
            "clog", "schottische", "mazurka", "quadrille", "anonymous", "unknown");

    private final int[] group;
    private final int groups, grouped, byOpening, byTitle;

    private Duplicates(int[] group, int byOpening, int byTitle) {
        this.group = group;
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int g : group) sizes.merge(g, 1, Integer::sum);
        this.groups = sizes.size();
        this.grouped = sizes.values().stream().filter(s -> s > 1).mapToInt(Integer::intValue).sum();
        this.byOpening = byOpening;
        this.byTitle = byTitle;
    }

    /** The groups of these tunes (index order is the corpus's order). */
    public static Duplicates of(List<Tune> tunes) {
        int n = tunes.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        int opening = 0, title = 0;
        Map<String, Integer> firstByOpening = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (String k : openings(tunes.get(i))) {
                Integer j = firstByOpening.putIfAbsent(k, i);
                if (j != null && union(parent, i, j)) opening++;
            }
        }
        Map<String, List<Integer>> byTitle = new HashMap<>();
        for (int i = 0; i < n; i++)
            for (String t : tunes.get(i).titles()) {
                String k = titleKey(t);
                if (!GENERIC_WORDS.contains(k) && !k.matches("[0-9 ]*")) {
                    List<Integer> l = byTitle.computeIfAbsent(k, x -> new ArrayList<>());
                    if (l.isEmpty() || l.get(l.size() - 1) != i) l.add(i);
                }
            }
        for (List<Integer> members : byTitle.values()) {
            if (members.size() < 2 || members.size() > GENERIC_TITLE) continue;
            for (int m : members.subList(1, members.size())) if (union(parent, members.get(0), m)) title++;
        }
        int[] group = new int[n];
        for (int i = 0; i < n; i++) group[i] = find(parent, i);
        return new Duplicates(group, opening, title);
    }

    /** The group of tune {@code i}: the index of its group's first tune, so equal numbers mean one tune. */
    public int group(int i) { return group[i]; }

    /** Group numbers of every tune, in corpus order (a copy). */
    public int[] groups() { return group.clone(); }

    /** Number of distinct tunes (groups). */
    public int distinct() { return groups; }

    /** Tunes that share their group with at least one other. */
    public int grouped() { return grouped; }

    /** Number of tunes. */
    public int size() { return group.length; }

    @Override
    public String toString() {
        return "Duplicates: " + size() + " tunes in " + distinct() + " groups; " + grouped + " tunes share a group ("
                + byOpening + " joins by opening melody, " + byTitle + " by title)";
    }

    /**
     * A seeded split of items (tunes, or sequences of tunes) by group: the groups, in order of first
     * appearance, are shuffled with {@code seed} and dealt to train until it holds {@code train} of
     * the items, then to validation, then to test; a group is never divided.
     *
     * @param groupOf the group of each item
     * @return three lists of item indices: train, validation, test, in the shuffled order of their groups
     */
    public static List<List<Integer>> split(int[] groupOf, double train, double valid, long seed) {
        Map<Integer, List<Integer>> members = new java.util.LinkedHashMap<>();
        for (int i = 0; i < groupOf.length; i++) members.computeIfAbsent(groupOf[i], x -> new ArrayList<>()).add(i);
        List<Integer> order = new ArrayList<>(members.keySet());
        java.util.Collections.shuffle(order, new java.util.Random(seed));
        int n = groupOf.length;
        long nTrain = Math.round(n * train), nValid = Math.min(n - nTrain, Math.round(n * valid));
        List<List<Integer>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int taken = 0;
        for (int g : order) {
            int part = taken < nTrain ? 0 : taken < nTrain + nValid ? 1 : 2;
            parts.get(part).addAll(members.get(g));
            taken += members.get(g).size();
        }
        return parts;
    }

    // ---- keys -------------------------------------------------------------------------------

    /** Opening keys: from the first note, and from the first full bar when the tune has a pickup. */
    static List<String> openings(Tune t) {
        List<String> out = new ArrayList<>();
        if (!t.key().isTonal()) return out;
        int tonic = t.key().tonicPitchClass();
        List<Bar> bars = t.melodyVoice().bars();
        String all = opening(bars, 0, tonic);
        if (all != null) out.add(all);
        if (!bars.isEmpty() && t.meter().barLength() != null && bars.get(0).hasMusic()
                && bars.get(0).duration().compareTo(t.meter().barLength()) < 0) {
            String afterPickup = opening(bars, 1, tonic);
            if (afterPickup != null && !afterPickup.equals(all)) out.add(afterPickup);
        }
        return out;
    }

    private static String opening(List<Bar> bars, int from, int tonic) {
        StringBuilder b = new StringBuilder();
        int count = 0, last = -1;
        for (int i = from; i < bars.size() && count < OPENING; i++) {
            for (Note n : bars.get(i).melodyNotes()) {
                if (!n.duration().isPositive()) continue;
                int pc = Math.floorMod(n.pitch().pitchClass() - tonic, 12);
                if (pc == last) continue;
                b.append((char) ('a' + pc));
                last = pc;
                if (++count == OPENING) break;
            }
        }
        return count == OPENING ? b.toString() : null;
    }

    /** A title as compared: lower case, no accents or punctuation, no leading "the", single spaces. */
    static String titleKey(String title) {
        String s = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        int dashes = s.indexOf("--"); // Ryan's: "Picnic -- Reel."
        if (dashes > 0) s = s.substring(0, dashes);
        s = s.replaceAll("\\(.*?\\)", " ").replaceAll("[0-9]+(st|nd|rd|th)? setting", " ").replaceAll("[^a-z0-9 ]", " ")
                .replaceAll("\\s+", " ").strip();
        if (s.endsWith(" the")) s = s.substring(0, s.length() - 4); // "Green Jacket, The"
        if (s.startsWith("the ")) s = s.substring(4);
        return s.strip();
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) { parent[i] = parent[parent[i]]; i = parent[i]; }
        return i;
    }

    /** Joins two groups under the smaller index; true when they were apart. */
    private static boolean union(int[] parent, int a, int b) {
        int ra = find(parent, a), rb = find(parent, b);
        if (ra == rb) return false;
        if (ra < rb) parent[rb] = ra; else parent[ra] = rb;
        return true;
    }
}
