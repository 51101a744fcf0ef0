package tunesmith.musicxml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tunesmith.music.Tune;

/**
 * The MusicXML of many tunes (a corpus, a tunebook), one file per tune: {@code <file stem>_<X>.musicxml}
 * as {@code tunesmith convert} names them. A tune that cannot be written is named with its reason and
 * the others are written. Immutable.
 *
 * <pre>{@code
 * MusicXmlBook.of(corpus.tunes()).write(Path.of("scores"));
 * }</pre>
 */
public final class MusicXmlBook {

    private final List<Tune> tunes;

    private MusicXmlBook(List<Tune> tunes) { this.tunes = tunes; }

    public static MusicXmlBook of(Iterable<Tune> tunes) {
        if (tunes == null) throw new IllegalArgumentException("MusicXmlBook.of needs tunes, was null");
        List<Tune> all = new ArrayList<>();
        tunes.forEach(all::add);
        return new MusicXmlBook(List.copyOf(all));
    }

    public List<Tune> tunes() { return tunes; }

    /** What {@link #write(Path)} did: the files written, in tune order, and each tune not written with its reason. */
    public record Written(Path folder, List<Path> files, List<String> failed) {
        public Written {
            files = List.copyOf(files);
            failed = List.copyOf(failed);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(files.size() + " MusicXML files written to " + folder + ", " + failed.size() + " tunes not written");
            for (String f : failed) b.append("\n  not written: ").append(f);
            return b.toString();
        }
    }

    /** One file per tune in {@code folder} (created if missing), each written whole or not at all. */
    public Written write(Path folder) {
        List<Path> files = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Set<String> used = new HashSet<>();
        int index = 0;
        for (Tune t : tunes) {
            index++;
            String base = fileStem(t) + "_" + (t.x() > 0 ? t.x() : index);
            String name = base;
            for (int k = 2; !used.add(name); k++) name = base + "-" + k; // the same X: twice in one file
            try {
                files.add(MusicXml.of(t).write(folder.resolve(name + ".musicxml")));
            } catch (IllegalArgumentException e) {
                failed.add(name + " \"" + t.title() + "\": " + e.getMessage());
            }
        }
        return new Written(folder, files, failed);
    }

    /** The name of the file a tune was read from, without folders and extension ("tune" for one made in code). */
    static String fileStem(Tune t) {
        if (t.source() == null || t.source().isBlank()) return "tune";
        String s = t.source().replace('\\', '/');
        s = s.substring(s.lastIndexOf('/') + 1);
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }

    @Override
    public String toString() {
        return "MusicXML of " + tunes.size() + (tunes.size() == 1 ? " tune" : " tunes") + ": write(folder) makes one .musicxml file per tune";
    }
}
