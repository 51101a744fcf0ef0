package tunesmith.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VaeConfigTest {

    @Test
    void freeNatsAreWrittenByTheirNameAndOldFilesSayingFreeBitsStillRead() {
        VaeConfig c = VaeConfig.DEFAULTS.withFreeNats(16);
        assertTrue(c.toText().contains("freeNats=16.0"), c.toText());
        assertEquals(c, VaeConfig.parse(c.toText()));
        assertEquals(48.0, VaeConfig.parse("bars=2 freeBits=48.0").freeNats(), "a model file written before the rename");
        assertEquals(64.0, MusicVaeBuilder.musicVae().freeNats(64).config().freeNats());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VaeConfig.DEFAULTS.withFreeNats(-1)).getMessage().contains("freeNats"));
    }
}
