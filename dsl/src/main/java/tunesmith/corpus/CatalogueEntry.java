package tunesmith.corpus;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One corpus of the catalogue ({@code corpora/catalogue.json}).
 *
 * @param name        canonical short name, e.g. {@code "oneills"}
 * @param aliases     other accepted names, e.g. the upstream folder name {@code "oneills1850"}
 * @param title       human title
 * @param description one or two sentences on what the corpus holds
 * @param format      {@code "abc"} or {@code "jsb-json"}
 * @param tunes       number of tunes ({@code X:} headers) or chorales; 0 when not recorded
 * @param splits      train/valid/test sizes where the corpus defines a split, else empty
 * @param licence     licence or terms of use, in words
 * @param homepage    where a person reads about the source; may be null
 * @param folder      local folder name (as in the shared mirror); null for built-in corpora
 * @param builtin     true when the corpus ships inside the project and is never downloaded
 * @param files       the data files, each with a pinned download URL and checksum
 */
public record CatalogueEntry(
        String name,
        List<String> aliases,
        String title,
        String description,
        String format,
        int tunes,
        Map<String, Integer> splits,
        String licence,
        String homepage,
        String folder,
        boolean builtin,
        List<CorpusFile> files) {

    public CatalogueEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        splits = splits == null ? Map.of() : Map.copyOf(splits);
        files = files == null ? List.of() : List.copyOf(files);
        if (!builtin && (folder == null || files.isEmpty())) {
            throw new IllegalArgumentException("Corpus '" + name + "' needs a folder and files unless it is builtin");
        }
    }

    /** Total size in bytes of all files, for progress reporting. */
    public long totalBytes() {
        return files.stream().mapToLong(CorpusFile::bytes).sum();
    }

    /**
     * One data file of a corpus.
     *
     * @param path   path relative to the corpus folder (forward slashes)
     * @param url    canonical download URL, pinned to a commit where one could be established
     * @param sha256 lower-case hex SHA-256 of the exact bytes
     * @param bytes  size in bytes
     */
    public record CorpusFile(String path, URI url, String sha256, long bytes) {
        public CorpusFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(sha256, "sha256");
            if (!sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("Bad sha256 for " + path + ": " + sha256);
            }
            // A catalogue path must stay inside its corpus folder.
            if (path.isEmpty() || path.startsWith("/") || path.contains("\\")
                    || List.of(path.split("/")).contains("..")) {
                throw new IllegalArgumentException("Bad corpus file path: " + path);
            }
        }
    }
}
