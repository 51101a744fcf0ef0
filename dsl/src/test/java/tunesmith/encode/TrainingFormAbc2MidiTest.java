package tunesmith.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tunesmith.TestCorpora;
import tunesmith.notation.AbcReader;
import tunesmith.notation.AbcWriter;
import tunesmith.corpus.Corpus;
import tunesmith.eval.Abc2Midi;
import tunesmith.music.BarCheck;
import tunesmith.music.Tune;

/**
 * The form tunes are trained in (the encoding's canonical tune), judged by abc2midi -c: the cleaning
 * (ties only to the same pitch, explicit repeats, {@code ::}) leaves almost no abc2midi error, and the
 * strict bar check that picks regular training tunes agrees with abc2midi's bar counting.
 */
class TrainingFormAbc2MidiTest {

    @Test
    void strictBarsFollowThePickup() {
        Tune good = AbcReader.readTune("X:1\nT:t\nM:6/8\nL:1/8\nK:D\nA|dAF dAF|GBd gfe|dAF dAF|GBd gf:|\n");
        Tune shortClose = AbcReader.readTune("X:1\nT:t\nM:6/8\nL:1/8\nK:D\nA|dAF dAF|GBd gfe|dAF dAF|GBd g:|\n");
        Tune sectionPickup = AbcReader.readTune("X:1\nT:t\nM:6/8\nL:1/8\nK:D\nA|dAF dAF|GBd gf:|e|dAF dAF|GBd gf:|\n");
        assertEquals(List.of(), BarCheck.strictProblems(good));
        assertEquals(1, BarCheck.strictProblems(shortClose).size(), "4/8 before :| does not complete a 1/8 pickup");
        assertEquals(List.of(), BarCheck.strictProblems(sectionPickup));
        assertTrue(BarCheck.strictProblems(AbcReader.readTune("X:1\nT:t\nM:6/8\nL:1/8\nK:D\ndAF dAF|GBd g|dAF dAF|GBd gfe|\n")).size() == 1,
                "a short bar inside a section");
        assertTrue(BarCheck.fits(shortClose), "the lenient check allows any short bar at a repeat");
    }

    @Test
    void oneillsInTrainingFormPassesAbc2midi() {
        assumeTrue(Abc2Midi.available(), "abc2midi (Debian abcmidi) is not installed");
        Corpus oneills = Corpus.load(TestCorpora.folder("oneills1850"));
        AbcTokens enc = AbcTokens.abc().inC();
        List<String> texts = new ArrayList<>();
        List<Boolean> regular = new ArrayList<>();
        for (Tune t : oneills) {
            Tune c;
            try { c = enc.canonical(t); } catch (EncodingException e) { continue; }
            texts.add(AbcWriter.write(c));
            regular.add(BarCheck.strictProblems(c).isEmpty());
        }
        List<Abc2Midi.Check> checks = Abc2Midi.checker().checkAll(texts);
        int errors = 0, regularN = 0, regularPass = 0, irregularN = 0, irregularPass = 0;
        for (int i = 0; i < checks.size(); i++) {
            Abc2Midi.Check c = checks.get(i);
            if (c.errors() > 0 || c.failed()) errors++;
            if (regular.get(i)) { regularN++; if (c.passesStrictly()) regularPass++; }
            else { irregularN++; if (c.passesStrictly()) irregularPass++; }
        }
        // measured: 8 of 2,007 with an error; abc2midi passes 1,457 of 1,574 regular tunes, 113 of 433 irregular ones
        assertTrue(errors <= texts.size() / 100, errors + " of " + texts.size() + " tunes with an abc2midi error");
        double agree = regularPass / (double) regularN, disagree = irregularPass / (double) irregularN;
        assertTrue(agree >= 0.90, "abc2midi passes " + regularPass + " of " + regularN + " tunes our strict bar check calls regular");
        System.out.printf("abc2midi errors %d of %d; passes %d of %d regular, %d of %d irregular%n", errors, texts.size(), regularPass, regularN, irregularPass, irregularN);
        assertTrue(disagree <= 0.5, "abc2midi passes " + irregularPass + " of " + irregularN + " tunes our strict bar check refuses");
    }
}
