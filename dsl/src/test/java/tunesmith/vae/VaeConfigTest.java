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

    @Test
    void settingsTextIsReadOnceForEveryModelKindWithClearRefusals() {
        assertEquals("VAE setting 'bars' is not name=value",
                assertThrows(IllegalArgumentException.class, () -> VaeConfig.parse("bars")).getMessage());
        assertEquals("VAE setting latent = 'x' is not a number",
                assertThrows(IllegalArgumentException.class, () -> VaeConfig.parse("latent=x")).getMessage());
        assertEquals("LSTM setting units = '1.5' is not a number",
                assertThrows(IllegalArgumentException.class, () -> tunesmith.model.LstmConfig.parse("units=1.5")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VaeConfig.parse("depth=3")).getMessage().startsWith("unknown VAE setting 'depth'"));
        VaeConfig narrow = VaeConfig.parse("lowest=60 highest=72");
        assertEquals(60, narrow.lowest());
        assertEquals(72, narrow.highest());
    }
}
