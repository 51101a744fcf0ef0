package tunesmith.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tunesmith.encode.AbcTokens.abc;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tunesmith.notation.AbcReader;
import tunesmith.corpus.Corpus;
import tunesmith.music.Bar;
import tunesmith.music.Duration;
import tunesmith.music.Note;
import tunesmith.music.Pitch;
import tunesmith.music.Tune;
import tunesmith.music.Voice;

/** The ABC token scheme on worked examples, its options, and what it says when something is wrong. */
class AbcTokensTest {

    static final Tune JIG = AbcReader.readTune("""
            X:7
            T:Worked Example
            R:jig
            M:6/8
            L:1/8
            K:D
            |:"D"A>B =c {g}d2d|(3efg ~f2 e/d/|[1 [DA]3- A2z:|[2 !fermata!d3 d2||
            """);

    static List<String> tokens(String text) { return List.of(text.split(" ")); }

    @Test
    void theGrammarAllowsALengthOnlyAfterANoteOrRestAndATieAfterANoteOrItsLength() {
        Vocabulary v = Vocabulary.of(List.of("M:6/8", "K:Dmaj", "|", "A", "^c'", "z", "2", "/2", "3/2", "-", "(3", ":|"));
        boolean[][] g = AbcTokens.abc().withVocabulary(v).grammar().orElseThrow();
        assertTrue(g[v.index("A")][v.index("2")] && g[v.index("^c'")][v.index("/2")] && g[v.index("z")][v.index("3/2")]);
        assertFalse(g[v.index("|")][v.index("2")] || g[v.index("(3")][v.index("/2")] || g[v.index("2")][v.index("3/2")]);
        assertTrue(g[v.index("2")][v.index("-")] && g[v.index("A")][v.index("-")]);
        assertFalse(g[v.index("|")][v.index("-")]);
        assertTrue(g[v.index("2")][v.index("|")] && g[v.index(":|")][v.index("A")], "everything else may follow anything");
        assertTrue(AbcTokens.abc().grammar().isEmpty(), "no vocabulary, no table");
        assertTrue(GridTokens.grid().grammar().isEmpty(), "any grid sequence decodes");
    }

    @Test
    void aTuneIsTheTokensOfItsMusic() {
        assertEquals(tokens("<s> M:6/8 K:Dmaj |: A 3/2 B /2 =c d 2 d | (3 e f g f 2 e /2 d /2 | [1 A 3 - A 2 z :| [2 d 3 d 2 || </s>"),
                abc().tokens(JIG));
    }

    @Test
    void theTextIsReadableAbc() {
        AbcTokens enc = abc().withVocabulary(Vocabulary.of(abc().tokens(JIG)));
        assertEquals("""
                X:1
                T:Sample
                M:6/8
                L:1/8
                K:Dmaj
                |: A3/2B/2=cd2d | (3efgf2e/2d/2 | [1 A3-A2z :|
                [2 d3d2 ||
                """, enc.text(enc.encode(JIG)));
        Tune back = enc.decode(enc.encode(JIG));
        assertEquals(enc.canonical(JIG), back);
        assertEquals("Sample", back.title());
        assertEquals("6/8", back.meter().text());
    }

    @Test
    void keysAndMetersHaveOneSpellingEach() {
        assertEquals("M:4/4 K:Emin", head("M:C\nK:Em"));
        assertEquals("M:2/2 K:Dmaj", head("M:C|\nK:D"));
        assertEquals("M:2/2 K:Dmaj", head("M:C|\nK:Dmajor"));
        assertEquals("M:9/8 K:Ador", head("M:9/8\nK:A Dorian"));
        assertEquals("M:7/8 K:F#min", head("M:2+2+3/8\nK:F#m"));
        assertEquals("M:3/4 K:Bbmix", head("M:3/4\nK:Bb mix"));
        assertEquals("M:none K:none", head("M:none\nK:none"));
        assertEquals("M:none K:Gmaj", head("K:G"));
        assertEquals("M:2/4 K:Amaj", head("M:2/4\nK:A clef=treble"));
        assertEquals("M:2/4 K:none", head("M:2/4\nK:HP"));
    }

    private static String head(String header) {
        List<String> t = abc().tokens(AbcReader.readTune("X:1\nT:t\n" + header + "\nABc|\n"));
        return t.get(1) + " " + t.get(2);
    }

    @Test
    void lengthsCountEighthsWhateverTheTuneUses() {
        Tune sixteenths = AbcReader.readTune("X:1\nT:t\nM:2/4\nL:1/16\nK:G\nG2AB c4|d8|\n");
        assertEquals(tokens("<s> M:2/4 K:Gmaj G A /2 B /2 c 2 | d 4 | </s>"), abc().tokens(sixteenths));
    }

    @Test
    void keyAndMeterChangesAreTokensInTheMusic() {
        Tune t = AbcReader.readTune("X:1\nT:t\nM:6/8\nK:G\nGAB cde|\nK:Em clef=treble\nM:9/8\nBAG E3 e2d|[K:Em]E6|[M:9/8][K:D]d9|\n");
        assertEquals(tokens("<s> M:6/8 K:Gmaj G A B c d e | K:Emin M:9/8 B A G E 3 e 2 d | E 6 | K:Dmaj d 9 | </s>"), abc().tokens(t));
        AbcTokens enc = abc().withVocabulary(Vocabulary.of(abc().tokens(t)));
        assertEquals(enc.canonical(t), enc.decode(enc.encode(t)));
    }

    @Test
    void chordsBecomeTheirTopNoteAndOnlyTheMelodyVoiceIsKept() {
        Tune t = AbcReader.readTune("X:1\nT:t\nM:2/4\nL:1/8\nK:C\nV:1\n[CEG]2 [E_B]c|\nV:2\nC,4|\n");
        assertEquals(tokens("<s> M:2/4 K:Cmaj G 2 _B c | </s>"), abc().tokens(t));
    }

    @Test
    void aNoteAfterATieFromTheSameLetterKeepsItsAccidental() {
        // the reader reads ^E2-E2 as E# tied to E#, so E natural after E# needs its =; the tie between
        // two pitches is dropped (abc2midi refuses it)
        Tune t = new Tune(JIG.fields(), List.of(new Voice("", "", List.of(Bar.of(List.of(
                new Note(Pitch.parse("E#4"), null, Duration.QUARTER, true), new Note(Pitch.parse("E4"), null, Duration.QUARTER, false)))))));
        assertEquals(tokens("<s> M:6/8 K:Dmaj ^E 2 =E 2 | </s>"), abc().tokens(t));
        AbcTokens enc = abc().withVocabulary(Vocabulary.of(abc().tokens(t)));
        assertEquals(enc.canonical(t), enc.decode(enc.encode(t)));
        assertEquals(List.of(65, 64), enc.decode(enc.encode(t)).melody().stream().map(e -> e.midi()).toList());
    }

    @Test
    void inCMovesEveryTuneToTheTonicCKeepingItsMode() {
        assertEquals(tokens("<s> M:6/8 K:Cmaj |: G 3/2 A /2 _B c 2 c | (3 d e f e 2 d /2 c /2 | [1 G 3 - G 2 z :| [2 c 3 c 2 || </s>"),
                abc().inC().tokens(JIG));
        Tune dorian = AbcReader.readTune("X:1\nT:t\nM:4/4\nK:Ador\nABcd efga|\n");
        // C dorian has E flat and B flat in its signature
        assertEquals(tokens("<s> M:4/4 K:Cdor c d e f g a b c' | </s>"), abc().inC().tokens(dorian));
        EncodingException e = assertThrows(EncodingException.class,
                () -> abc().inC().tokens(AbcReader.readTune("X:3\nT:Free\nM:4/4\nK:none\nABcd|\n")));
        assertEquals("tune X:3 'Free' (<text>): key none has no tonic to move to C (inC() needs a tonal key)", e.getMessage());
    }

    @Test
    void aCorpusBuildsItsVocabularyAndReportsWhatItSkipped() {
        Tune free = AbcReader.readTune("X:3\nT:Free\nM:4/4\nK:none\nABcd|\n");
        Corpus c = Corpus.of("test", List.of(JIG, free));
        TokenCorpus tc = c.tokens(abc().inC());
        assertEquals(1, tc.size());
        assertEquals(1, tc.skipped().size());
        assertTrue(tc.skipped().get(0).toString().startsWith("tune X:3 'Free' (<text>): key none has no tonic"), tc.skipped().toString());
        assertTrue(tc.toString().contains("1 skipped (see skipped())"), tc.toString());
        assertEquals(tc.vocabulary(), tc.encoding().vocabulary().orElseThrow());
        assertEquals(abc().inC().tokens(JIG), tc.vocabulary().tokens(tc.sequence(0)));
    }

    @Test
    void aFixedVocabularyMapsUnknownTokensToUnkAndCountsThem() {
        Vocabulary small = Vocabulary.of(tokens("M:6/8 K:Dmaj | A B"));
        TokenCorpus tc = Corpus.of("test", List.of(JIG)).tokens(abc().withVocabulary(small));
        assertEquals(small, tc.vocabulary());
        assertEquals(1, tc.size());
        int unk = 0;
        for (int i : tc.sequence(0)) if (i == Vocabulary.UNK_INDEX) unk++;
        assertEquals(unk, tc.unknown().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(5, tc.unknown().get("d"));
        assertTrue(tc.toString().contains(unk + " unknown tokens as <unk>"), tc.toString());
        EncodingException e = assertThrows(EncodingException.class, () -> tc.encoding().decode(tc.sequence(0)));
        assertTrue(e.getMessage().matches("token \\d+ is <unk> \\(a token the vocabulary does not know\\), which has no ABC text"), e.getMessage());
    }

    @Test
    void augmentedCopiesAreTransposedAndCounted() {
        TokenCorpus tc = Corpus.of("test", List.of(JIG)).tokens(abc().augment(2, -2, 0, 2));
        assertEquals(3, tc.size());
        assertEquals(List.of(0, -2, 2), tc.entries().stream().map(TokenCorpus.Sequence::transposition).toList());
        assertEquals("K:Emaj", tc.vocabulary().token(tc.sequence(2)[2]));
        assertEquals("K:Cmaj", tc.vocabulary().token(tc.sequence(1)[2]));
        assertEquals("TokenCorpus test: 3 sequences (1 tunes), 117 tokens (39..39 a tune), vocabulary " + tc.vocabulary().size()
                + "; abc-tokens v1 unit=1/8 key=as-written augment=-2,2", tc.toString());
    }

    @Test
    void specsSaveTheOptions() {
        assertEquals("abc-tokens v1 unit=1/8 key=as-written augment=none", abc().spec());
        assertEquals("abc-tokens v1 unit=1/8 key=C augment=-3,5", abc().inC().augment(5, -3).spec());
        assertEquals(abc().inC().augment(5, -3), AbcTokens.fromSpec("abc-tokens v1 unit=1/8 key=C augment=-3,5"));
        assertEquals("ABC token spec 'abc-tokens v1 unit=1/16': unit=1/16 is not supported (this version writes every tune in L:1/8)",
                assertThrows(IllegalArgumentException.class, () -> AbcTokens.fromSpec("abc-tokens v1 unit=1/16")).getMessage());
        assertEquals("Not an ABC token spec: 'melody-grid v1' (expected e.g. 'abc-tokens v1 unit=1/8 key=as-written augment=none')",
                assertThrows(IllegalArgumentException.class, () -> AbcTokens.fromSpec("melody-grid v1")).getMessage());
        assertEquals("augment(12): 12 semitones is outside -11..11 (an octave or more only moves the range; use a smaller shift)",
                assertThrows(IllegalArgumentException.class, () -> abc().augment(12)).getMessage());
        assertEquals("AbcTokens(folk-rnn ABC tokens, L:1/8, every tune in C, augmented by -2, 2 semitones, no vocabulary yet)",
                abc().inC().augment(2, -2).toString());
    }

    @Test
    void withoutAVocabularyEncodingSaysWhereToGetOne() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> abc().encode(JIG));
        assertEquals("encode(tune): this ABC encoding has no vocabulary yet. Encode a corpus first (corpus.tokens(abc()).encoding() "
                + "has its vocabulary) or give one: abc().withVocabulary(Vocabulary.parse(savedText))", e.getMessage());
    }

    @Test
    void samplesThatAreNotTunesAreRefusedSayingWhy() {
        Vocabulary v = Vocabulary.of(tokens("M:6/8 K:Dmaj A B 2 (3 | :|"));
        AbcTokens enc = abc().withVocabulary(v);
        assertEquals("the tokens do not start with a meter and a key (expected e.g. <s> M:6/8 K:Dmaj ...), they start with: <s> A B | </s>",
                message(enc, "<s> A B | </s>"));
        assertEquals("the tokens hold a meter and a key but no music", message(enc, "<s> M:6/8 K:Dmaj </s>"));
        assertEquals("token 5 is <s> (start of tune) inside the tune", message(enc, "<s> M:6/8 K:Dmaj A <s> B"));
        assertEquals("token 6 'B' follows padding <pad> at token 5 (padding only fills up after a tune)", message(enc, "<s> M:6/8 K:Dmaj A <pad> B"));
        String bad = message(enc, "<s> M:6/8 K:Dmaj A (3 2 B | </s>");
        assertTrue(bad.startsWith("the tokens do not read as ABC: line 6, column 6: found '2', expected a note"), bad);
        assertTrue(bad.endsWith(" in 'A (3 2B |'"), bad);
        assertEquals("token 2 has index 99, outside this vocabulary of " + v.size() + " tokens (was the sequence made with another vocabulary?)",
                assertThrows(EncodingException.class, () -> enc.decode(new int[]{2, 99})).getMessage());
        // what a sampler may end with: no </s>, or padding after it
        assertEquals(2, enc.decode(indices(v, "<s> M:6/8 K:Dmaj A B 2 |")).barCount() + 1);
        assertFalse(enc.decode(indices(v, "<s> M:6/8 K:Dmaj A B 2 | </s> <pad> <pad>")).bars().isEmpty());
        assertEquals(enc.decode(indices(v, "M:6/8 K:Dmaj A B 2 |")), enc.decode(indices(v, "<s> M:6/8 K:Dmaj A B 2 | </s> A A")));
    }

    private static int[] indices(Vocabulary v, String text) { return v.indices(tokens(text)); }

    private static String message(AbcTokens enc, String text) {
        return assertThrows(EncodingException.class, () -> enc.decode(indices(enc.vocabulary().orElseThrow(), text))).getMessage();
    }

    @Test
    void aTuneWithNothingToPlayCannotBeEncoded() {
        Tune empty = new Tune(JIG.fields(), List.of(new tunesmith.music.Voice("", "", List.of(
                tunesmith.music.Bar.of(List.of(new tunesmith.music.Decoration("segno")))))));
        assertEquals("tune X:7 'Worked Example': the melody has no notes or rests to encode",
                assertThrows(EncodingException.class, () -> abc().tokens(empty)).getMessage());
    }

    @Test
    void everyStarterTuneRoundTrips() {
        Corpus starter = EncodeTestSupport.starter();
        TokenCorpus tc = starter.tokens(abc());
        assertEquals(starter.size(), tc.size(), tc.skipped().toString());
        List<String> failures = new ArrayList<>();
        for (int k = 0; k < tc.size(); k++) {
            Tune t = starter.get(k);
            if (!tc.encoding().decode(tc.sequence(k)).equals(((AbcTokens) tc.encoding()).canonical(t))) failures.add(t.title());
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void tiesBetweenDifferentPitchesAreDroppedAndTiesToTheSamePitchKept() {
        Tune t = AbcReader.readTune("X:1\nT:t\nM:4/4\nL:1/8\nK:D\nd4- e2 f2-|f2 g2- z2 a2-|a8-|\n");
        List<Note> notes = abc().canonical(t).melodyNotes();
        assertFalse(notes.get(0).tied(), "d- e is a slur, not a tie");
        assertTrue(notes.get(2).tied(), "f- f across the bar line is a tie");
        assertFalse(notes.get(4).tied(), "no tie into a rest");
        assertTrue(notes.get(5).tied());
        assertFalse(notes.get(6).tied(), "no tie out of the last note");
    }

    @Test
    void repeatsAreMadeExplicitAsAbc2midiReadsThem() {
        // the second section repeats without its |:, the third opens with |: and never closes
        Tune t = AbcReader.readTune("X:1\nT:t\nM:2/4\nL:1/8\nK:G\nGABc:|dedB|[1cBAG:|[2cBAB||:GABc|dcBA||\n");
        List<Bar> bars = abc().canonical(t).bars();
        assertFalse(bars.get(0).repeatStart(), "the first section's |: may stay implicit");
        assertTrue(bars.get(1).repeatStart(), "the repeated second section gets its |:");
        assertFalse(bars.get(bars.size() - 2).repeatStart(), "a repeat never closed is played once: its |: goes");
        String text = tunesmith.notation.AbcWriter.write(abc().canonical(t));
        assertFalse(text.contains(":|:"), "written :: between repeated sections: " + text);
    }
}
