package tunesmith.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.TestCorpora;
import tunesmith.corpus.Corpus;
import tunesmith.encode.ChordInput;
import tunesmith.encode.GridTokens;
import tunesmith.encode.TokenCorpus;
import tunesmith.encode.TokenSplit;
import tunesmith.encode.TuneEncoding;
import tunesmith.music.ChordTones;
import tunesmith.music.Duration;
import tunesmith.music.Progression;
import tunesmith.music.Tune;
import tunesmith.notation.AbcReader;
import tunesmith.notation.AbcWriter;
import tunesmith.sample.Sample;
import tunesmith.sample.Samples;
import tunesmith.train.Training;

/** A melody LSTM that hears the chord sounding at every 16th, trained for seconds on Nottingham tunes. */
class ChordModelTest {

    static Corpus notts;
    static TokenSplit data;
    static MelodyModel model;

    @BeforeAll
    static void train() {
        notts = Corpus.load(TestCorpora.folder("nottingham")).head(200);
        data = notts.tokens(GridTokens.grid().withChords()).split(0.8, 0.05, TokenCorpus.DEFAULT_SEED);
        // whole tunes a batch (no TBPTT): fewer, larger steps for DL4J, so a few seconds an epoch
        model = Lstm.lstm().layers(1).units(32).dropout(0).tbptt(0).batch(4).learningRate(0.01).seed(5)
                .train(data, Training.epochs(3).patience(0).quiet());
    }

    /** The held-out tunes' own progressions, their first 16 full bars. */
    static List<Progression> heldOut() {
        List<Progression> out = new ArrayList<>();
        for (TokenCorpus.Sequence s : data.test().entries()) {
            Progression p = Progression.of(notts.get(s.tune())).withoutPickup();
            out.add(p.bars(Math.min(16, p.bars())));
        }
        return out;
    }

    @Test
    void theEncodingGivesEveryInputStepItsChord() {
        TokenCorpus train = data.train();
        assertTrue(train.conditions().isPresent());
        assertEquals(ChordInput.WIDTH, train.encoding().conditionWidth());
        int[] tokens = train.sequence(0), cond = train.conditions().get().get(0);
        assertEquals(tokens.length - 1, cond.length, "one row for every input step");
        Tune t = notts.get(train.entries().get(0).tune());
        Progression p = Progression.of(t);
        int step = 40; // input step k (<s> is 0) predicts grid step k, so it hears grid step k's chord
        assertEquals(p.chordAt(Duration.SIXTEENTH.times(step)).orElseThrow().pitchClasses(), ChordInput.chordTones(cond[step]));
        assertEquals(ChordInput.NO_CHORD, cond[cond.length - 1], "the step that predicts the end hears no chord");
        int secondBar = (int) p.barStarts().get(1).dividedBy(Duration.SIXTEENTH).numerator();
        assertTrue((cond[secondBar] & ChordInput.BAR_START) != 0, "a bar starts");
        assertEquals(0, cond[secondBar + 1] & ChordInput.BAR_START, "and not a 16th later");
        assertEquals(TuneEncoding.fromSpec(train.spec()), train.encoding(), "the spec keeps the chords: " + train.spec());
        assertTrue(train.spec().contains(" chords "), train.spec());
    }

    @Test
    void theChordsItHearsPullItsMelodyTowardChordTones() {
        ChordTones heard = ChordTones.NONE, shifted = ChordTones.NONE;
        for (Progression p : heldOut()) {
            for (Tune t : model.over(p).seed(7).count(4).tunes()) heard = heard.plus(ChordTones.of(t.melody(), p));
            // the same melody model over the chords a tritone away, judged against the tune's own chords
            for (Tune t : model.over(p.transpose(6)).seed(7).count(4).tunes()) shifted = shifted.plus(ChordTones.of(t.melody(), p));
        }
        assertTrue(heard.beats() > 500, "enough strong beats to compare: " + heard);
        assertTrue(heard.share() > shifted.share() + 0.08, "over its chords " + heard + "; over chords a tritone away " + shifted);
    }

    @Test
    void aSampleIsAsLongAsTheProgressionAndShowsItsChords() {
        Progression p = Progression.parse("G D7 G C | G D7 G", "4/4");
        Samples s = model.over(p).bars(8).temperature(0.9).seed(2).count(2);
        assertEquals(2, s.tunes().size(), s.toString());
        Tune t = s.tune();
        assertEquals(8, t.bars().size(), AbcWriter.write(t));
        String abc = AbcWriter.write(t);
        assertTrue(abc.contains("\"D7\"") && abc.contains("\"C\""), abc);
        Tune back = AbcReader.readTune(abc);
        assertEquals(p.bars(8), Progression.of(back), "the ABC carries the progression: " + abc);
        Samples again = model.over(p).bars(8).temperature(0.9).seed(2).count(2);
        assertEquals(s.texts(), again.texts(), "the same seed gives the same melodies");
        Tune jig = model.over(Progression.parse("G D7 | G", "6/8")).bars(4).tune();
        assertEquals("6/8", jig.meter().text());
        assertEquals(4, jig.bars().size());
    }

    @Test
    void savedAndLoadedItStillHearsChords(@TempDir Path dir) {
        Path f = dir.resolve("chords.tsm");
        model.save(f);
        MelodyModel back = MelodyModel.load(f);
        assertTrue(back.hearsChords());
        Progression p = Progression.parse("D | A7 | D | A7 D");
        assertEquals(model.over(p).seed(4).count(1).texts(), back.over(p).seed(4).count(1).texts());
        assertEquals(model.evaluate(data.test()).nats(), back.evaluate(data.test()).nats(), 1e-6);
    }

    @Test
    void mistakesAreNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.sample().count(1));
        assertTrue(e.getMessage().contains("over(chords("), e.getMessage());
        TokenSplit plain = notts.head(40).tokens(GridTokens.grid()).split(0.8, 0.1, 1);
        MelodyModel alone = Lstm.lstm().layers(1).units(8).train(plain, Training.epochs(1).quiet());
        IllegalArgumentException o = assertThrows(IllegalArgumentException.class, () -> alone.over(Progression.parse("G")));
        assertTrue(o.getMessage().contains("withChords()"), o.getMessage());
        IllegalArgumentException emb = assertThrows(IllegalArgumentException.class,
                () -> Lstm.lstm().embedding(16).train(data, Training.epochs(1).quiet()));
        assertTrue(emb.getMessage().contains("oneHot()"), emb.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> model.resume(plain, Training.epochs(1).quiet()));
        assertTrue(other.getMessage().contains("conditioning"), other.getMessage());
    }
}
