package tunesmith.music;

import java.util.Set;

/** A decoration ({@code !trill!}, {@code ~} = roll, {@code .} = staccato) for the next note or bar line. */
public record Decoration(String name) implements Element {

    /** The decorations of ABC 2.1 section 4.14, plus the dynamics and common extras players meet. */
    public static final Set<String> KNOWN = Set.of(
            "trill", "trill(", "trill)", "lowermordent", "uppermordent", "mordent", "pralltriller", "roll",
            "turn", "turnx", "invertedturn", "invertedturnx", "arpeggio", ">", "accent", "emphasis", "fermata",
            "invertedfermata", "tenuto", "0", "1", "2", "3", "4", "5", "+", "plus", "snap", "slide", "wedge",
            "upbow", "downbow", "open", "thumb", "breath", "pppp", "ppp", "pp", "p", "mp", "mf", "f", "ff", "fff",
            "ffff", "sfz", "crescendo(", "<(", "crescendo)", "<)", "diminuendo(", ">(", "diminuendo)", ">)",
            "segno", "coda", "D.S.", "D.C.", "dacoda", "dacapo", "fine", "shortphrase", "mediumphrase",
            "longphrase", "staccato", "editorial", "courtesy", "ped", "ped-up", "D.C.alfine", "D.S.alfine",
            "D.C.alcoda", "D.S.alcoda", "accent(", "accent)", "trem1", "trem2", "trem3", "trem4", "xstem",
            "slap", "beambr1", "beambr2", "beamon", "gmark", "invisible", "marcato", "umarcato", "lmordent",
            "umordent", "schleifer", "dot", "tr");

    public boolean isKnown() { return KNOWN.contains(name); }
}
