package tunesmith.midi;

import tunesmith.music.Tune;

/** A tune read from a MIDI file and the report of how it was read ({@link MidiIn#read}). */
public record MidiImport(Tune tune, MidiReport report) {

    @Override
    public String toString() { return tune + "\n" + report; }
}
