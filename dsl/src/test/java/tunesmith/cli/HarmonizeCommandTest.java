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
import tunesmith.music.Tune;
import tunesmith.notation.AbcReader;
import tunesmith.train.Training;

/** {@code tunesmith harmonize MODEL MELODY.abc --out DIR} with a small model trained here. */
class HarmonizeCommandTest {

    @Test
    void everyTuneOfTheFileIsSetForFourVoicesAndABadOneIsNamed(@TempDir Path dir) throws Exception {
        Chorales all = Chorales.read(TestCorpora.folder("jsb-chorales").resolve("Jsb16thSeparated.json"));
        Chorales few = new Chorales(all.train().subList(0, 8), all.valid().subList(0, 4), all.test().subList(0, 2));
        Path model = dir.resolve("satb.tsm");
        CounterpointBuilder.counterpoint().layers(1).units(8).head(8).train(few, Training.epochs(1).quiet()).save(model);
        Path melodies = dir.resolve("songs.abc");
        Files.writeString(melodies, """
                X:1
                T:Plain
                M:3/4
                L:1/8
                K:G
                D2|G2 G2 A2|B4 A2|G6|]

                X:2
                T:Triplets
                M:2/4
                L:1/8
                K:D
                (3DEF G2|A4|]
                """);
        MainTest.Run r = MainTest.run("harmonize", model.toString(), melodies.toString(), "--beam", "2", "--out", dir.resolve("out").toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("X:2") && r.err().contains("Triplets"), r.err());
        assertTrue(r.out().contains("harmonized 1 tune") && r.out().contains("beam of 2 with rules"), r.out());
        Path abc = dir.resolve("out/songs_1_satb.abc");
        Tune four = AbcReader.readTune(Files.readString(abc));
        assertEquals(4, four.voices().size());
        assertTrue(Files.size(dir.resolve("out/songs_1_satb.mid")) > 0 && Files.size(dir.resolve("out/songs_1_satb.wav")) > 0);
        String score = Files.readString(dir.resolve("out/songs_1_satb.musicxml"));
        for (String part : List.of("Soprano", "Alto", "Tenor", "Bass")) assertTrue(score.contains("<part-name>" + part + "</part-name>"), part);
        assertEquals(4, score.split("<part id=", -1).length - 1, "a part per voice, for a score editor");

        MainTest.Run alone = MainTest.run("harmonize", model.toString(), melodies.toString(), "--no-rules", "--out", dir.resolve("alone").toString());
        assertTrue(alone.out().contains("(beam of 4)"), "the model alone: " + alone.out());
        assertEquals(1, MainTest.run("harmonize", model.toString(), "--out", dir.toString()).code(), "a melody file is required");
        assertEquals(1, MainTest.run("harmonize", model.toString(), melodies.toString(), "--beam", "x", "--out", dir.toString()).code());
        MainTest.Run missing = MainTest.run("harmonize", model.toString(), dir.resolve("nope.abc").toString(), "--out", dir.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.abc does not exist: give harmonize an ABC file"), missing.err());
    }
}
