package tunesmith.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void leftoversOfKilledWritesAreRemovedAndNothingElse(@TempDir Path dir) throws Exception {
        Instant start = Instant.now();
        FileTime before = FileTime.from(start.minusSeconds(60));
        List<String> ours = List.of(".last.tsm.8123456789012345678.part", ".last.tsm4411.tmp");
        List<String> others = List.of("last.tsm", ".last.tsm.12.part.keep", ".last.tsm.x1.part", "last.tsm.12.part", ".best.tsm.12.part",
                ".last.tsm.tmp", "notes.tmp", ".last.tsmx.12.part");
        for (String name : ours) Files.setLastModifiedTime(Files.writeString(dir.resolve(name), "half"), before);
        for (String name : others) Files.setLastModifiedTime(Files.writeString(dir.resolve(name), "mine"), before);
        // a write of another process still running: newer than the start
        Path running = Files.writeString(dir.resolve(".last.tsm.99.part"), "being written");
        Files.setLastModifiedTime(running, FileTime.from(start.plusSeconds(1)));

        List<Path> removed = AtomicFiles.removeLeftovers(dir.resolve("last.tsm"), start);

        assertEquals(ours.size(), removed.size(), removed.toString());
        for (String name : ours) assertFalse(Files.exists(dir.resolve(name)), name);
        for (String name : others) assertTrue(Files.exists(dir.resolve(name)), name + " is not ours: kept");
        assertTrue(Files.exists(running), "a write newer than the run is left alone");
        assertEquals(List.of(), AtomicFiles.removeLeftovers(dir.resolve("missing/last.tsm"), start));
    }

    @Test
    void aWriteLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        AtomicFiles.write(dir.resolve("last.tsm"), new byte[] {1, 2, 3});
        try (var s = Files.list(dir)) {
            assertEquals(List.of("last.tsm"), s.map(p -> p.getFileName().toString()).toList());
        }
    }
}
