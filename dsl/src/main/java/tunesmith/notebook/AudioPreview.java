package tunesmith.notebook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import tunesmith.midi.WavRender;
import tunesmith.midi.Midi;

/**
 * The WAV a notebook plays for a tune, small enough to live inside the notebook as a data URI:
 * mono, {@value #SAMPLE_RATE} Hz, 16-bit, at most {@value #MAX_SECONDS} s. About 22 kB a second,
 * so a minute is 1.3 MB (1.8 MB as base64); CD quality would be eight times that, and a notebook of
 * ten tunes would pass 30 MB.
 */
record AudioPreview(byte[] wav, double seconds, double fullSeconds) {

    /** Gervill's 44.1 kHz kept one sample in {@value}, after averaging them (a gentle low-pass). */
    static final int DECIMATION = 4;

    /** A quarter of 44.1 kHz: a melody's fundamentals (tin whistle and fiddle sit below 2.5 kHz) and first overtones. */
    static final float SAMPLE_RATE = WavRender.SAMPLE_RATE / DECIMATION;

    /** Longer tunes play their first minute; the display says so. */
    static final double MAX_SECONDS = 60;

    static final AudioFormat FORMAT = new AudioFormat(SAMPLE_RATE, 16, 1, true, false);

    /** Whether the preview stops before the end of the tune. */
    boolean capped() { return fullSeconds > seconds + 1e-9; }

    static AudioPreview of(Midi midi) {
        WavRender render = WavRender.of(midi).mono();
        byte[] full = render.pcm(); // 44.1 kHz mono, 16-bit little-endian
        long fullFrames = full.length / 2;
        long frames = Math.min(fullFrames, Math.round(MAX_SECONDS * WavRender.SAMPLE_RATE)) / DECIMATION; // at the lower rate
        byte[] half = new byte[Math.toIntExact(frames * 2)];
        for (int o = 0, i = 0; o < frames; o++) {
            int sum = 0;
            for (int k = 0; k < DECIMATION; k++, i += 2) sum += (short) ((full[i] & 0xFF) | (full[i + 1] << 8));
            int m = sum / DECIMATION;
            half[2 * o] = (byte) m;
            half[2 * o + 1] = (byte) (m >> 8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(half.length + 64);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(half), FORMAT, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode the notebook WAV of '" + midi.tune().title() + "': " + e.getMessage(), e);
        }
        return new AudioPreview(out.toByteArray(), frames / (double) SAMPLE_RATE, fullFrames / (double) WavRender.SAMPLE_RATE);
    }
}
