package tunesmith.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.Tunesmith;
import tunesmith.midi.Midi;
import tunesmith.midi.MidiIn;
import tunesmith.music.Tune;
import tunesmith.notation.AbcReader;
import tunesmith.notation.Problem;

class MusicFilesTest {

    static final String BOOK = """
            X:1
            T:First
            M:4/4
            L:1/8
            K:G
            GABc d2B2|c2A2 G4|]

            X:2
            T:Second
            M:3/4
            L:1/8
            K:D
            d2 f2 a2|g2 e2 c2|d6|]
            """;

    @Test
    void aFolderOfAbcAndMidiFilesIsOneCorpusAndABadMidiFileIsSkippedByName(@TempDir Path dir) throws Exception {
        List<Tune> book = AbcReader.read(BOOK, "book.abc").tunes();
        Files.writeString(dir.resolve("book.abc"), BOOK);
        Midi.of(book.get(0)).write(dir.resolve("first.mid"));
        Midi.of(book.get(1)).write(dir.resolve("sub/Second.MIDI"));
        byte[] whole = Midi.of(book.get(1)).bytes();
        Files.write(dir.resolve("cut.mid"), Arrays.copyOf(whole, whole.length - 7));
        Files.writeString(dir.resolve("notes.txt"), "not music, not read");

        Corpus c = Tunesmith.corpus(dir);
        assertEquals(dir.getFileName().toString(), c.name());
        assertEquals(List.of("First", "Second", "First", "Second"), c.tunes().stream().map(Tune::title).toList(),
                "book.abc's two tunes, then first.mid and sub/Second.MIDI in name order");
        assertEquals(book.get(0).melody(), c.get(2).melody());
        assertEquals(book.get(1).melody(), c.get(3).melody());
        assertEquals(1, c.report().skipped());
        Problem p = c.report().errors().get(0);
        assertTrue(p.toString().startsWith(dir.resolve("cut.mid") + ": error: truncated: track 2 of 2 declares"), p.toString());
        assertTrue(c.report().describe().contains("cut.mid"), c.report().describe());
        assertTrue(c.toString().contains("1 skipped"), c.toString());

        Corpus one = Corpus.load(dir.resolve("first.mid"));
        assertEquals("first", one.name());
        assertEquals(1, one.size());
        Corpus voices = Corpus.load(dir.resolve("first.mid"), MidiIn.midiIn().track(1));
        assertEquals(0, voices.size(), "track 1 is the conductor track, with no notes");
        assertTrue(voices.report().errors().get(0).message().contains("track 1 \"First\" (no notes) has no notes"), voices.report().describe());
    }

    @Test
    void aFileOfOneTuneIsATune(@TempDir Path dir) throws Exception {
        List<Tune> book = AbcReader.read(BOOK, "book.abc").tunes();
        Path abc = Files.writeString(dir.resolve("book.abc"), BOOK);
        Path single = Files.writeString(dir.resolve("second.abc"), BOOK.substring(BOOK.indexOf("X:2")));
        Path mid = Midi.of(book.get(0)).write(dir.resolve("first.mid"));
        assertEquals(book.get(1), Tunesmith.tune(single));
        assertEquals(book.get(0).melody(), Tunesmith.tune(mid).melody());
        String several = assertThrows(IllegalArgumentException.class, () -> Tunesmith.tune(abc)).getMessage();
        assertTrue(several.contains("holds 2 tunes") && several.contains("tunebook(path)") && several.contains(".x(2)"), several);
        String none = assertThrows(IllegalArgumentException.class, () -> Tunesmith.tune(Files.writeString(dir.resolve("empty.abc"), ""))).getMessage();
        assertTrue(none.contains("gives no tune") && none.contains("empty"), none);
        String other = assertThrows(IllegalArgumentException.class, () -> Tunesmith.tune(Files.writeString(dir.resolve("a.txt"), "x"))).getMessage();
        assertTrue(other.contains("expected an .abc file (one tune) or a MIDI file (.mid, .midi)"), other);
        String folder = assertThrows(IllegalArgumentException.class, () -> Tunesmith.tune(dir)).getMessage();
        assertTrue(folder.contains("is a folder"), folder);
        String notMidi = assertThrows(IllegalArgumentException.class, () -> Tunesmith.tune(Files.writeString(dir.resolve("fake.mid"), BOOK))).getMessage();
        assertTrue(notMidi.startsWith(dir.resolve("fake.mid") + ": not a MIDI file"), notMidi);
    }

    @Test
    void filesAndStems(@TempDir Path dir) {
        assertTrue(MusicFiles.isMidi(Path.of("a/B.MID")) && MusicFiles.isMidi(Path.of("x.midi")) && !MusicFiles.isMidi(Path.of("x.abc")));
        assertEquals("Song", MusicFiles.stem(Path.of("dir/Song.midi")));
        assertEquals("book", MusicFiles.stem(Path.of("book.ABC")));
        CorpusException e = assertThrows(CorpusException.class, () -> MusicFiles.files(dir));
        assertTrue(e.getMessage().contains("No .abc, .mid or .midi files in"), e.getMessage());
    }
}
