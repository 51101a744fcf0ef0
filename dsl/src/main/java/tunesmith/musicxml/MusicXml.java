package tunesmith.musicxml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import tunesmith.io.AtomicFiles;
import tunesmith.music.Tune;

/**
 * A tune as a partwise MusicXML 3.1 score, the file score editors (MuseScore, Finale, Sibelius,
 * Dorico) and engravers open: one part per voice, the music as written (repeats, 1st and 2nd
 * endings, ties, tuplets, grace notes, chords, lyrics), chord symbols as harmonies, the key, meter,
 * clef, title, composer and tempo. Immutable; made once, written as often as wanted.
 *
 * <pre>{@code
 * MusicXml.of(tune).write(Path.of("kesh.musicxml"));
 * }</pre>
 *
 * <p>How a length is written: as one note value (type and dots) where one says it, else as values
 * tied; a tuplet's notes get their time modification and a bracket; a length no value reaches (a
 * third of an eighth from broken rhythm outside a tuplet) a time modification of its own. The divisions
 * of a quarter note are the least common multiple that makes every length a whole number.
 * Accidentals are printed where ABC writes them and wherever the key and the measure would read
 * another pitch. What MusicXML cannot say is left out: the Irish roll ({@code ~}), navigation
 * marks (segno, coda, D.C.), and a P: header's order of parts (inline P: labels become rehearsal marks).
 */
public final class MusicXml {

    private final Tune tune;
    private final String text;
    private final int parts;
    private final int measures;
    private final int notes;
    private final long divisions;

    private MusicXml(Tune tune) {
        this.tune = tune;
        Score score = ScoreBuilder.build(tune);
        this.divisions = ScoreWriter.divisions(score);
        this.text = ScoreWriter.write(score);
        this.parts = score.parts.size();
        this.measures = score.parts.get(0).measures().size();
        int n = 0;
        for (Score.Part p : score.parts)
            for (Score.Measure m : p.measures())
                for (Score.Item i : m.items) if (i instanceof Score.NoteOut o && !o.isRest()) n++;
        this.notes = n;
    }

    /**
     * The MusicXML of a tune.
     *
     * @throws IllegalArgumentException when the tune holds what MusicXML cannot write (a note below octave 0,
     *                                  lengths finer than a million divisions of a quarter); the message says which
     */
    public static MusicXml of(Tune tune) {
        if (tune == null) throw new IllegalArgumentException("MusicXml.of needs a tune, was null (read one with tune(\"X:1 ...\") or corpus(\"starter\").tune(...))");
        try {
            return new MusicXml(tune);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Tune " + tune.x() + " '" + tune.title() + "' cannot be written as MusicXML: " + e.getMessage(), e);
        }
    }

    public Tune tune() { return tune; }

    /** The document: XML declaration, the MusicXML 3.1 partwise DOCTYPE, then the score. */
    public String text() { return text; }

    /** The document as UTF-8 bytes, as it is written to a file. */
    public byte[] bytes() { return text.getBytes(StandardCharsets.UTF_8); }

    /** Parts written: one per voice of the tune. */
    public int parts() { return parts; }

    /** Measures in each part (every part has the same number). */
    public int measures() { return measures; }

    /** Divisions of a quarter note the lengths are counted in. */
    public long divisions() { return divisions; }

    /**
     * Writes the file whole or not at all (parent folders are created) and returns it; name it
     * {@code .musicxml}, the extension score editors open uncompressed MusicXML by.
     */
    public Path write(Path file) {
        try {
            AtomicFiles.write(file, bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write MusicXML file " + file + ": " + e
                    + " (check that the folder is writable and the name is not a folder)", e);
        }
        return file;
    }

    /** A summary for a REPL: title, parts, measures, notes, divisions and size. */
    @Override
    public String toString() {
        return "MusicXML '" + tune.title() + "' (" + parts + (parts == 1 ? " part, " : " parts, ") + measures + " measures, " + notes
                + " notes, " + divisions + (divisions == 1 ? " division" : " divisions") + " a quarter, " + text.length() + " characters)";
    }
}
