package tunesmith.cli;

import java.nio.file.Path;
import tunesmith.midi.Midi;
import tunesmith.midi.WavRender;
import tunesmith.music.Tune;
import tunesmith.musicxml.MusicXml;

/** MIDI, WAV and MusicXML files for the CLI, with the midi package's documented defaults. */
final class Output {
    private Output() {}

    static void midi(Tune t, Path target) { Midi.of(t).write(target); }

    static void wav(Tune t, Path target) { WavRender.of(t).write(target); }

    static void musicXml(Tune t, Path target) { MusicXml.of(t).write(target); }
}
