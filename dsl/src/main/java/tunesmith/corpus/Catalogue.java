package tunesmith.corpus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The corpora Tunesmith knows by name, read from {@code catalogue.json}.
 *
 * <p>The standard catalogue is the project's {@code corpora/catalogue.json}, shipped on the
 * classpath as {@code tunesmith/corpora/catalogue.json} so that a packaged jar finds it too.
 */
public final class Catalogue {

    /** Classpath location of the standard catalogue (copied there from {@code corpora/} by the build). */
    public static final String RESOURCE = "/tunesmith/corpora/catalogue.json";

    private static volatile Catalogue standard;

    private final List<CatalogueEntry> entries;
    private final Map<String, CatalogueEntry> byKey; // lower-cased names and aliases

    public Catalogue(List<CatalogueEntry> entries) {
        this.entries = List.copyOf(entries);
        Map<String, CatalogueEntry> keys = new LinkedHashMap<>();
        for (CatalogueEntry e : this.entries) {
            for (String key : keysOf(e)) {
                CatalogueEntry clash = keys.putIfAbsent(key, e);
                if (clash != null && clash != e) {
                    throw new IllegalArgumentException(
                            "Corpus name '" + key + "' is used by both " + clash.name() + " and " + e.name());
                }
            }
        }
        this.byKey = Map.copyOf(keys);
    }

    /** The catalogue shipped with Tunesmith (loaded once). */
    public static Catalogue standard() {
        Catalogue c = standard;
        if (c == null) {
            try (InputStream in = Catalogue.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("Corpus catalogue " + RESOURCE + " is not on the classpath");
                }
                c = read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read corpus catalogue " + RESOURCE, e);
            }
            standard = c;
        }
        return c;
    }

    /** Reads a catalogue in the {@code catalogue.json} format. */
    public static Catalogue read(InputStream json) throws IOException {
        ObjectMapper mapper = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        Document doc = mapper.readValue(json, Document.class);
        if (doc.corpora() == null) {
            throw new IOException("Corpus catalogue has no 'corpora' list");
        }
        return new Catalogue(doc.corpora());
    }

    /** All entries, in catalogue order. */
    public List<CatalogueEntry> entries() {
        return entries;
    }

    /** The entry for a name or alias, ignoring case. */
    public Optional<CatalogueEntry> find(String name) {
        return name == null ? Optional.empty()
                : Optional.ofNullable(byKey.get(name.strip().toLowerCase(Locale.ROOT)));
    }

    /**
     * The entry for a name or alias, ignoring case.
     *
     * @throws IllegalArgumentException naming the known corpora when there is no such entry
     */
    public CatalogueEntry entry(String name) {
        return find(name).orElseThrow(() -> {
            List<String> near = nearest(name);
            return new IllegalArgumentException("Unknown corpus '" + name + "'. "
                    + (near.isEmpty() ? "" : "Did you mean " + String.join(" or ", near) + "? ")
                    + "Known corpora: " + knownNames() + "; or pass a Path to an .abc file or folder");
        });
    }

    /**
     * The corpora whose name or alias is nearest to a mistyped {@code name} ("onells" gives oneills), by
     * edit distance, ignoring case; empty when none is within a third of the name's length (at least 1 edit).
     */
    public List<String> nearest(String name) {
        if (name == null || name.isBlank()) return List.of();
        String typed = name.strip().toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, typed.length() / 3), best = Integer.MAX_VALUE;
        Map<String, Integer> distance = new java.util.LinkedHashMap<>();
        for (CatalogueEntry e : entries) {
            int d = keysOf(e).stream().mapToInt(k -> editDistance(typed, k)).min().orElse(Integer.MAX_VALUE);
            if (d <= allowed) { distance.put(e.name(), d); best = Math.min(best, d); }
        }
        int closest = best;
        return distance.entrySet().stream().filter(x -> x.getValue() == closest).map(Map.Entry::getKey).toList();
    }

    /** Levenshtein distance: insertions, deletions and substitutions, one each. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++)
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }

    /** Canonical names with their aliases, e.g. {@code "oneills (oneills1850, oneill), ..."}. */
    public String knownNames() {
        return entries.stream()
                .map(e -> e.aliases().isEmpty() ? e.name() : e.name() + " (" + String.join(", ", e.aliases()) + ")")
                .collect(Collectors.joining(", "));
    }

    private static List<String> keysOf(CatalogueEntry e) {
        return Stream.concat(Stream.of(e.name()), e.aliases().stream())
                .map(k -> k.toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
    }

    /** The top level of catalogue.json. */
    private record Document(int version, List<CatalogueEntry> corpora) {
    }
}
