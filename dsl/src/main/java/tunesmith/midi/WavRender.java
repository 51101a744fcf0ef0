package tunesmith.midi;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import tunesmith.music.Tune;

/**
 * A tune rendered to a WAV file (16-bit PCM, 44.1 kHz) by the JDK's own software synthesizer,
 * Gervill, with no sound card and no native tools. Immutable: each setting returns a new value.
 *
 * <pre>{@code
 * WavRender.of(tune).write(Path.of("tune.wav"));
 * WavRender.of(Midi.of(tune).program(73)).mono().write(Path.of("flute.wav"));
 * }</pre>
 *
 * <p>How: the tune's MIDI file ({@link Midi}) is handed to {@link AudioSystem#getAudioInputStream},
 * whose MIDI reader in module {@code java.desktop} (a standard {@code AudioFileReader} service)
 * feeds every event with its timestamp into a fresh Gervill synthesizer opened as a stream and
 * returns its audio, rendered offline, faster than real time. That is the supported route:
 * Gervill's own {@code AudioSynthesizer.openStream} is not exported from {@code java.desktop},
 * and calling it would need {@code --add-exports}. The sounds come from Gervill's built-in
 * soundbank (generated on first use and cached by the JDK in {@code ~/.gervill}), so a WAV is the
 * same on every machine with the same JDK.
 *
 * <p>Length: the music (to the end of the longest voice, at the tune's tempi) plus a release
 * tail ({@value #DEFAULT_TAIL_SECONDS} s by default) so the last note and the reverb fade out
 * instead of being cut.
 */
public final class WavRender {

    /** CD rate, the rate Gervill renders at natively, so no resampling. */
    public static final float SAMPLE_RATE = 44_100f;

    /** Signed little-endian 16-bit samples, what every player reads. */
    public static final int BITS = 16;

    /**
     * Stereo by default: Gervill renders in stereo (its reverb and chorus are stereo), so this
     * keeps what it made; {@link #mono()} averages the two channels for half the size.
     */
    public static final int DEFAULT_CHANNELS = 2;

    /** Release after the music, in seconds: enough for a piano note and the default reverb to die away. */
    public static final double DEFAULT_TAIL_SECONDS = 1.0;

    /** The JDK's reader renders about 3 s past the last MIDI event and no further. */
    public static final double MAX_TAIL_SECONDS = 3.0;

    private static final AudioFormat RENDERED = new AudioFormat(SAMPLE_RATE, BITS, 2, true, false);

    private final Midi midi;
    private final int channels;
    private final double tailSeconds;

    private WavRender(Midi midi, int channels, double tailSeconds) {
        this.midi = midi;
        this.channels = channels;
        this.tailSeconds = tailSeconds;
    }

    /** Renders {@code tune} with {@link Midi}'s defaults. */
    public static WavRender of(Tune tune) { return of(Midi.of(tune)); }

    /** Renders the given MIDI export, with its program, velocity and grace-note choice. */
    public static WavRender of(Midi midi) {
        if (midi == null) throw new IllegalArgumentException("WavRender.of needs a Midi export, was null (make one with Midi.of(tune))");
        return new WavRender(midi, DEFAULT_CHANNELS, DEFAULT_TAIL_SECONDS);
    }

    /** One channel, the average of Gervill's left and right. */
    public WavRender mono() { return channels(1); }

    public WavRender stereo() { return channels(2); }

    /** 1 (mono) or 2 (stereo). */
    public WavRender channels(int n) {
        if (n != 1 && n != 2) throw new IllegalArgumentException("A WAV render has 1 (mono) or 2 (stereo) channels, was " + n);
        return new WavRender(midi, n, tailSeconds);
    }

    /** Seconds of release after the music, 0..{@value #MAX_TAIL_SECONDS}. */
    public WavRender tail(double seconds) {
        if (!(seconds >= 0 && seconds <= MAX_TAIL_SECONDS)) throw new IllegalArgumentException("Release tail must be 0.."
                + MAX_TAIL_SECONDS + " s (the JDK's renderer stops about 3 s after the last note), was " + seconds);
        return new WavRender(midi, channels, seconds);
    }

    public Midi midi() { return midi; }

    public int channels() { return channels; }

    public double tailSeconds() { return tailSeconds; }

    /** The format of the samples written: 44.1 kHz, 16-bit signed little-endian, 1 or 2 channels. */
    public AudioFormat format() { return new AudioFormat(SAMPLE_RATE, BITS, channels, true, false); }

    /** Length of the WAV in sample frames: music plus tail. */
    public long frames() { return frames(midi.sequence().getMicrosecondLength()); }

    /** Length of the WAV in seconds: music plus tail. */
    public double seconds() { return frames() / (double) SAMPLE_RATE; }

    /** The WAV file as bytes (a 44-byte RIFF header, then the samples). */
    public byte[] bytes() {
        byte[] pcm = pcm();
        long frames = pcm.length / format().getFrameSize();
        ByteArrayOutputStream out = new ByteArrayOutputStream(pcm.length + 64);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format(), frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode WAV for tune '" + midi.tune().title() + "': " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Writes the WAV file to {@code file} (parent folders are created) and returns it. */
    public Path write(Path file) {
        return AudioFiles.write(file, bytes(), "WAV");
    }

    /** The raw samples, {@link #format()}: interleaved 16-bit little-endian frames. */
    public byte[] pcm() {
        Sequence seq = midi.sequence();
        long frames = frames(seq.getMicrosecondLength());
        ByteArrayOutputStream mid = new ByteArrayOutputStream();
        try {
            MidiSystem.write(seq, 1, mid);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write MIDI for tune '" + midi.tune().title() + "': " + e.getMessage(), e);
        }
        byte[] stereo = new byte[Math.toIntExact(frames * RENDERED.getFrameSize())];
        try (AudioInputStream rendered = render(mid.toByteArray())) {
            int n = rendered.readNBytes(stereo, 0, stereo.length);
            // the renderer's stream may stop short of a long tail; past it the synthesizer would be silent anyway
            Arrays.fill(stereo, n - n % RENDERED.getFrameSize(), stereo.length, (byte) 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Gervill failed while rendering tune '" + midi.tune().title() + "': " + e.getMessage(), e);
        }
        return channels == 2 ? stereo : downmix(stereo);
    }

    @Override
    public String toString() {
        return "WavRender '" + midi.tune().title() + "' (" + String.format("%.1f", seconds()) + " s, "
                + (channels == 1 ? "mono" : "stereo") + ", 44.1 kHz 16-bit, program " + midi.program() + ")";
    }

    private long frames(long musicMicros) {
        return Math.round((musicMicros / 1e6 + tailSeconds) * SAMPLE_RATE);
    }

    private AudioInputStream render(byte[] midiFile) {
        AudioInputStream in;
        try {
            in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(midiFile)); // mark/reset supported, as the readers need
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalStateException("This Java runtime has no MIDI-to-audio renderer: AudioSystem did not accept the MIDI "
                    + "of tune '" + midi.tune().title() + "'. Tunesmith renders WAV with the JDK's Gervill synthesizer in module "
                    + "java.desktop; run it on a full JDK 17 (not a runtime image without java.desktop).", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start rendering tune '" + midi.tune().title() + "': " + e.getMessage(), e);
        }
        AudioFormat f = in.getFormat();
        if (f.getEncoding().equals(AudioFormat.Encoding.PCM_SIGNED) && f.getSampleRate() == SAMPLE_RATE
                && f.getSampleSizeInBits() == BITS && f.getChannels() == 2 && !f.isBigEndian()) return in;
        if (AudioSystem.isConversionSupported(RENDERED, f)) return AudioSystem.getAudioInputStream(RENDERED, in);
        try { in.close(); } catch (IOException ignored) { }
        throw new IllegalStateException("The JDK's MIDI renderer gave audio as " + f + ", which cannot be converted to " + RENDERED
                + "; this Java runtime's sound system differs from OpenJDK 17's");
    }

    /** Averages left and right of 16-bit little-endian stereo frames. */
    private static byte[] downmix(byte[] stereo) {
        byte[] mono = new byte[stereo.length / 2];
        for (int i = 0, o = 0; i + 3 < stereo.length; i += 4, o += 2) {
            int l = (short) ((stereo[i] & 0xFF) | (stereo[i + 1] << 8));
            int r = (short) ((stereo[i + 2] & 0xFF) | (stereo[i + 3] << 8));
            int m = (l + r) / 2;
            mono[o] = (byte) m;
            mono[o + 1] = (byte) (m >> 8);
        }
        return mono;
    }
}
