package tunesmith.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tunesmith.corpus.Corpus;
import tunesmith.latent.Interpolation;
import tunesmith.latent.Latent;
import tunesmith.music.Tune;

/** An interpolation shows its latent and data rows side by side. */
class InterpolationDisplayTest {

    @Test
    void rowsSideBySideWithEveryTuneDrawn() {
        Corpus starter = Corpus.load("starter");
        Tune a = starter.get(0).firstBars(2), b = starter.get(1).firstBars(2);
        List<Latent> path = new ArrayList<>();
        List<Tune> latent = new ArrayList<>(), data = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            path.add(Latent.of(k, 1));
            latent.add(starter.get(2 + k).firstBars(2));
            data.add(starter.get(5 + k).firstBars(2));
        }
        MimeBundle bundle = new NotebookDisplay().bundle(new Interpolation(a, b, path, latent, data));
        String html = bundle.get(MimeBundle.HTML);
        assertTrue(html.contains("<th>latent space (spherical path)</th><th>data space (16ths mixed)</th>"), html);
        assertEquals(3, html.split("<tr><td", -1).length - 1, "a row per step");
        assertEquals(6, html.split("class=\"tunesmith-tune\"", -1).length - 1, "both tunes of each step drawn");
        assertTrue(bundle.get(MimeBundle.TEXT).startsWith("Interpolation "), bundle.get(MimeBundle.TEXT));
    }
}
