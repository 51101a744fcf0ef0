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
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "Unknown corpus '" + name + "'. Known corpora: " + knownNames()
                        + "; or pass a Path to an .abc file or folder"));
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
