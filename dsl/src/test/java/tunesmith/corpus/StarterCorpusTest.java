package tunesmith.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tunesmith.music.BarCheck;
import tunesmith.music.Mode;
import tunesmith.music.Tune;

/** The project's own tunebook: offline, varied, and correct bar by bar. */
class StarterCorpusTest {

    private final Corpus starter = Corpus.load("starter", new CorpusResolver(Catalogue.standard(), Map.of(CorpusResolver.PROP_OFFLINE, "true")));

    @Test
    void readsEveryTuneWithoutErrors() {
        assertEquals(Catalogue.standard().entry("starter").tunes(), starter.size());
        assertTrue(starter.size() >= 40);
        assertEquals(0, starter.report().skipped(), starter.report().describe());
        assertEquals(List.of(), starter.report().warnings());
    }

    @Test
    void everyBarHasTheLengthOfItsMeter() {
        for (Tune t : starter) assertEquals(List.of(), BarCheck.problems(t), t.toString());
    }

    @Test
    void coversTheRhythmsKeysAndModesTheClassroomNeeds() {
        Map<String, Long> rhythms = starter.stream().collect(Collectors.groupingBy(Rhythms::of, Collectors.counting()));
        for (String r : List.of("reel", "jig", "slip jig", "hornpipe", "polka", "air", "waltz"))
            assertTrue(rhythms.getOrDefault(r, 0L) >= 4, r + ": " + rhythms);
        Set<Mode> modes = starter.stream().map(t -> t.key().mode()).collect(Collectors.toSet());
        assertTrue(modes.containsAll(Set.of(Mode.MAJOR, Mode.MINOR, Mode.DORIAN, Mode.MIXOLYDIAN)), modes.toString());
        assertTrue(starter.stream().map(t -> t.key().tonicName()).distinct().count() >= 6);
        Set<Integer> xs = starter.stream().map(Tune::x).collect(Collectors.toSet());
        assertEquals(starter.size(), xs.size(), "X: numbers are unique");
    }
}
