package tunesmith.music;

/**
 * One thing written in a bar, in reading order. Only {@link Note}, {@link Rest} and
 * {@link Chord} take time; the others (grace notes, decorations, annotations, slurs,
 * tuplet marks, inline fields) are kept so that nothing a tunebook says is lost and the
 * writer can say it again.
 */
public sealed interface Element
        permits Note, Rest, Chord, GraceNotes, Decoration, Annotation, Slur, Tuplet, InlineField {

    /** Time this element takes in the performance; zero for marks. */
    default Duration duration() { return Duration.ZERO; }
}
