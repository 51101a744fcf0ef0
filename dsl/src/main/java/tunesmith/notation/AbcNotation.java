package tunesmith.notation;

import tunesmith.music.Notation;
import tunesmith.music.Tune;

/** ABC as the display form of a tune: what {@code Tune.toString()} shows after its description. */
public final class AbcNotation implements Notation {

    @Override
    public String firstLine(Tune tune) { return AbcWriter.firstLine(tune); }
}
