package tunesmith.midi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.notation.AbcReader;
import tunesmith.music.Tune;

class WavRenderTest {

    /** Eight quarter notes at 1/4 = 120: 4 s of music. */
    static final String SCALE = "X:1\nT:Scale\nM:4/4\nL:1/4\nQ:1/4=120\nK:C\nCDEF|GABc|\n";

    /** The fields of a RIFF WAVE file that matter here, read by hand (not with javax.sound) to check the bytes themselves. */
    record Wav(int format, int channels, int sampleRate, int byteRate, int blockAlign, int bits, int dataOffset, int dataSize) {

        static Wav parse(byte[] b) {
            ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals("RIFF", new String(b, 0, 4, StandardCharsets.US_ASCII));
            assertEquals(b.length - 8, buf.getInt(4), "RIFF size");
            assertEquals("WAVE", new String(b, 8, 4, StandardCharsets.US_ASCII));
            int pos = 12;
            int format = -1, channels = -1, rate = -1, byteRate = -1, align = -1, bits = -1;
            while (pos + 8 <= b.length) {
                String id = new String(b, pos, 4, StandardCharsets.US_ASCII);
                int size = buf.getInt(pos + 4);
                if (id.equals("fmt ")) {
                    format = buf.getShort(pos + 8);
                    channels = buf.getShort(pos + 10);
                    rate = buf.getInt(pos + 12);
                    byteRate = buf.getInt(pos + 16);
                    align = buf.getShort(pos + 20);
                    bits = buf.getShort(pos + 22);
                } else if (id.equals("data")) {
                    assertTrue(format >= 0, "fmt chunk before data");
                    return new Wav(format, channels, rate, byteRate, align, bits, pos + 8, size);
                }
                pos += 8 + size + (size & 1);
            }
            throw new AssertionError("no data chunk");
        }

        long frames() { return dataSize / blockAlign; }

        /** RMS of channel 0 over [from, to) seconds, in 16-bit units. */
        double rms(byte[] b, double from, double to) {
            ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            long a = Math.round(from * sampleRate), z = Math.min(frames(), Math.round(to * sampleRate));
            double sum = 0;
            for (long f = a; f < z; f++) {
                double s = buf.getShort((int) (dataOffset + f * blockAlign));
                sum += s * s;
            }
            return Math.sqrt(sum / Math.max(1, z - a));
        }
    }

    @Test
    void stereoWavHasTheRightHeaderLengthAndSound() {
        Tune tune = AbcReader.readTune(SCALE);
        byte[] bytes = WavRender.of(tune).bytes();
        Wav wav = Wav.parse(bytes);
        assertEquals(1, wav.format(), "PCM");
        assertEquals(2, wav.channels());
        assertEquals(44_100, wav.sampleRate());
        assertEquals(16, wav.bits());
        assertEquals(4, wav.blockAlign());
        assertEquals(44_100 * 4, wav.byteRate());

        // 8 quarters at the tune's tempo, plus the 1 s tail; tolerance: one MIDI tick at this tempo
        double quarter = tune.tempo().microsPerQuarter() / 1e6;
        double expected = 8 * quarter + WavRender.DEFAULT_TAIL_SECONDS;
        double tolerance = quarter / Midi.RESOLUTION;
        assertEquals(expected, wav.frames() / 44_100.0, tolerance, "length in seconds");
        assertEquals(5.0, expected, 1e-9);

        double playing = wav.rms(bytes, 0.05, 3.95);
        assertTrue(playing > 300, "audible while the notes play, RMS " + playing);
    }

    @Test
    void restsAreQuieterThanNotesAndTheTailFadesOut() {
        // one half note, then 3 s of rest: by the last second of rest the note has died away
        Tune tune = AbcReader.readTune("X:1\nT:Rest\nM:4/4\nL:1/4\nQ:1/4=120\nK:C\nc2 z2|z4|\n");
        byte[] bytes = WavRender.of(tune).mono().bytes();
        Wav wav = Wav.parse(bytes);
        assertEquals(1, wav.channels());
        assertEquals(2, wav.blockAlign());
        assertEquals(5.0, wav.frames() / 44_100.0, 1.0 / 44_100);
        double note = wav.rms(bytes, 0.0, 1.0), lateRest = wav.rms(bytes, 3.0, 4.0);
        assertTrue(note > 300, "the note sounds, RMS " + note);
        assertTrue(lateRest < note / 20, "rest is silent: RMS " + lateRest + " against the note's " + note);
    }

    @Test
    void monoIsTheAverageOfStereoAndSettingsValidate() {
        WavRender stereo = WavRender.of(Midi.of(AbcReader.readTune(SCALE)).program(73)).tail(0.5);
        byte[] s = stereo.pcm(), m = stereo.mono().pcm();
        assertEquals(s.length / 2, m.length);
        ByteBuffer sb = ByteBuffer.wrap(s).order(ByteOrder.LITTLE_ENDIAN), mb = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
        for (int f = 44_100; f < 44_200; f++) {
            assertEquals((sb.getShort(4 * f) + sb.getShort(4 * f + 2)) / 2, mb.getShort(2 * f), "frame " + f);
        }
        assertEquals(4.5, stereo.seconds(), 1.0 / 44_100);
        assertThrows(IllegalArgumentException.class, () -> stereo.channels(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stereo.tail(5));
        assertTrue(e.getMessage().contains("0..3.0"), e.getMessage());
        assertEquals(0.5, stereo.tailSeconds());
    }

    @Test
    void writesTheSameBytesToAFile(@TempDir Path dir) throws Exception {
        WavRender r = WavRender.of(AbcReader.readTune("X:1\nT:Short\nM:2/4\nL:1/8\nQ:1/4=120\nK:D\nd2 {g}f>e|\n")).tail(0.2);
        Path file = r.write(dir.resolve("sub/short.wav"));
        byte[] onDisk = Files.readAllBytes(file);
        assertArrayEquals(r.bytes(), onDisk, "rendering is deterministic");
        assertEquals(Math.round((1.0 + 0.2) * 44_100), Wav.parse(onDisk).frames());
    }
}
