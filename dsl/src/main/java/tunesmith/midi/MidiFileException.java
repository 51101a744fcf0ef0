package tunesmith.midi;

/**
 * A MIDI file that cannot be read as music: not a MIDI file, truncated, no notes, or a track or
 * channel asked for that it does not have. The message starts with the file's name and says what
 * is wrong and what the file holds instead.
 */
public final class MidiFileException extends IllegalArgumentException {

    private final String file;
    private final String reason;

    public MidiFileException(String file, String reason) {
        super((file == null ? "<bytes>" : file) + ": " + reason);
        this.file = file;
        this.reason = reason;
    }

    /** The file's name as given, or null for bytes read without one. */
    public String file() { return file; }

    /** What is wrong, without the file's name. */
    public String reason() { return reason; }
}
