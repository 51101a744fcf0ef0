package tunesmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.TestCorpora;
import tunesmith.corpus.Chorales;
import tunesmith.counterpoint.CounterpointBuilder;
import tunesmith.midi.Midi;
import tunesmith.music.Tune;
import tunesmith.notation.AbcReader;
import tunesmith.train.Training;

/** "My melody" given as a MIDI file: {@code tunesmith continue} with the zoo's folk-lstm, {@code tunesmith harmonize} with a small model. */
class ContinueCommandTest {

    private static List<Integer> pitches(Tune t) { return t.melodyNotes().stream().map(n -> n.pitch().midi()).toList(); }

    @Test
    void aMidiMelodyIsContinuedForTheBarsAskedInItsKey(@TempDir Path dir) throws Exception {
        Tune kesh = AbcReader.read(TestCorpora.repo().resolve("corpora/starter.abc")).tunes().stream()
                .filter(t -> t.title().equals("The Kesh")).findFirst().orElseThrow().firstBars(4);
        Path mid = dir.resolve("kesh.mid");
        Midi.of(kesh).write(mid);
        MainTest.Run r = MainTest.run("continue", "folk-lstm", mid.toString(), "--bars", "4", "--count", "2", "--seed", "5", "--out", dir.resolve("out").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("by 4 bars: 2 continuations"), r.out());
        for (int i = 1; i <= 2; i++) {
            Tune c = AbcReader.readTune(Files.readString(dir.resolve("out/kesh_1_continued_" + i + ".abc")));
            Tune read = tunesmith.midi.MidiIn.midiIn().read(mid).tune();
            assertEquals(read.barCount() + 4, c.barCount(), "the melody's bars and 4 more");
            assertEquals(read.key().tonicPitchClass(), c.key().tonicPitchClass(), "in the melody's key (G)");
            assertEquals(pitches(read), pitches(c.firstBars(read.barCount())), "the melody itself, note for note");
            for (String ext : List.of("mid", "wav", "musicxml")) assertTrue(Files.size(dir.resolve("out/kesh_1_continued_" + i + "." + ext)) > 0, ext);
        }
        assertEquals(1, MainTest.run("continue", "folk-lstm", mid.toString(), "--bars", "0", "--out", dir.toString()).code(), "--bars 0 refused");
        MainTest.Run notMidi = MainTest.run("continue", "folk-lstm", Files.writeString(dir.resolve("x.mid"), "hello").toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, notMidi.code(), notMidi.out() + notMidi.err());
        assertTrue(notMidi.err().contains("not a MIDI file"), notMidi.err());
    }

    @Test
    void aMidiMelodyIsHarmonized(@TempDir Path dir) throws Exception {
        Chorales all = Chorales.read(TestCorpora.folder("jsb-chorales").resolve("Jsb16thSeparated.json"));
        Chorales few = new Chorales(all.train().subList(0, 8), all.valid().subList(0, 4), all.test().subList(0, 2));
        Path model = dir.resolve("satb.tsm");
        CounterpointBuilder.counterpoint().layers(1).units(8).head(8).train(few, Training.epochs(1).quiet()).save(model);
        Path mid = dir.resolve("plain.mid");
        Midi.of(AbcReader.readTune("X:1\nT:Plain\nM:3/4\nL:1/8\nK:G\nG2 G2 A2|B4 A2|G6|]\n")).write(mid);
        MainTest.Run r = MainTest.run("harmonize", model.toString(), mid.toString(), "--beam", "2", "--out", dir.resolve("out").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        Tune four = AbcReader.readTune(Files.readString(dir.resolve("out/plain_1_satb.abc")));
        assertEquals(4, four.voices().size());
        assertEquals(List.of(67, 67, 69, 71, 69, 67), pitches(four), "the soprano is the MIDI file's melody");
    }
}
