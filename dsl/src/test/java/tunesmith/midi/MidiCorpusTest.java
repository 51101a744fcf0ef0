package tunesmith.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.Sequence;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tunesmith.notation.AbcReader;
import tunesmith.notation.Tunebook;
import tunesmith.music.Bar;
import tunesmith.music.Chord;
import tunesmith.music.Tune;

/** Exports a real tunebook: O'Neill's 1850, tunes 1-50, from the shared corpora ($TUNESMITH_CORPORA). */
class MidiCorpusTest {

    static Path corpora() {
        String dir = System.getProperty("tunesmith.corpora", System.getenv("TUNESMITH_CORPORA"));
        Assumptions.assumeTrue(dir != null && !dir.isBlank(), "TUNESMITH_CORPORA is not set: no corpora to export");
        return Path.of(dir);
    }

    static boolean hasChords(Tune t) {
        return t.voices().stream().flatMap(v -> v.bars().stream()).map(Bar::elements)
                .anyMatch(es -> es.stream().anyMatch(e -> e instanceof Chord));
    }

    @Test
    void everyTuneOfOneills1To50ExportsAndSingleVoiceTunesMatchTheirMelody() throws Exception {
        Path file = corpora().resolve("oneills1850/0001-0050.abc");
        Assumptions.assumeTrue(Files.isRegularFile(file), file + " is missing from the corpora");
        Tunebook book = AbcReader.read(file);
        assertTrue(book.size() >= 45, "O'Neill's 1-50 should read nearly whole, read " + book.size() + ": " + book.report());

        int compared = 0;
        List<String> mismatches = new ArrayList<>();
        for (Tune tune : book.tunes()) {
            String name = tune.x() + " '" + tune.title() + "'";
            // the default export (grace notes played) must work for every tune and read back as MIDI
            Sequence withGraces = MidiTest.readBack(Midi.of(tune).bytes());
            assertEquals(tune.voices().size() + 1, withGraces.getTracks().length, name);
            assertTrue(withGraces.getTickLength() > 0, name);

            if (tune.voices().size() != 1 || hasChords(tune)) continue;
            Sequence plain = MidiTest.readBack(Midi.of(tune).graceNotes(false).bytes());
            int notes = MidiTest.notes(plain.getTracks()[1]).size();
            int melody = tune.melody().size();
            if (notes != melody) mismatches.add(name + ": " + notes + " MIDI notes, " + melody + " in melody()");
            compared++;
        }
        assertTrue(compared >= 40, "most of O'Neill's tunes are single-voice without chords, compared " + compared);
        assertEquals(List.of(), mismatches);
    }
}
