package tunesmith.midi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tunesmith.midi.SmfFile.Sounding;
import tunesmith.music.Duration;
import tunesmith.music.Field;
import tunesmith.music.Key;
import tunesmith.music.Meter;
import tunesmith.music.Tune;

/**
 * Reads a standard MIDI file (type 0 or 1) into a one-voice {@link Tune}: its melody, on a grid,
 * with meter, key and tempo. Immutable: each setting returns a new reader.
 *
 * <pre>{@code
 * Tune t = MidiIn.midiIn().tune(Path.of("song.mid"));
 * MidiImport in = MidiIn.midiIn().track("Flute").grid(32).read(Path.of("song.mid"));
 * in.report();    // where the melody came from, meter/key/tempo and their sources, grid error
 * }</pre>
 *
 * <p>What is read, by default:
 * <ul>
 * <li><b>Melody</b>: the highest voice of every note but the drums (channel 10): at each onset the
 *     top note, sounding until the next one starts; a lower note under a held higher one is left
 *     out. {@link #track(String)}, {@link #track(int)} and {@link #channel(int)} narrow the notes first
 *     (tracks and channels counted from 1, as sequencers show them).</li>
 * <li><b>Grid</b>: {@value #DEFAULT_GRID}ths, with triplets chosen beat by beat where they fit better
 *     (eighth-triplets on a quarter, 16th-triplets on an eighth); ornaments (grace notes, the notes of a
 *     trill) folded into the note they lead to; swing straightened (see {@link Quantizer}). A file whose
 *     onsets are on a grid already (made from notation, by abc2midi or a sequencer) is taken at its word
 *     and keeps its 32nds. How far notes moved is in the {@link MidiReport}.</li>
 * <li><b>Meter</b>: the time signature events; without one, estimated among 4/4, 3/4, 6/8 and 9/8
 *     from where the notes fall (see {@link MeterFinder}). A pickup bar is estimated in either case
 *     ({@link #pickup(String)} sets it).</li>
 * <li><b>Key</b>: the first key signature event (later ones become key changes), else estimated
 *     with the Krumhansl-Kessler profiles (see {@link KeyFinder}); major or minor, as MIDI says keys.
 *     {@link #tonicFromLastNote(boolean)} reads modes from the last note instead (on the folk corpora it
 *     named the transcribed key less often: their transcriptions mostly name major and minor keys).
 *     Pitches are spelled in the key: sharps in sharp keys, flats in flat keys.</li>
 * <li><b>Tempo</b>: the first set-tempo event, as quarter notes a minute; later changes are not kept.</li>
 * <li><b>Title</b>: the first track's name, else the file's name.</li>
 * </ul>
 */
public final class MidiIn {

    /** 16th notes: the shortest plain value of fiddle tunes and most songs; 32 for ornamented music, 8 for plain songs. */
    public static final int DEFAULT_GRID = 16;

    /** Notes that start this close (a 128th note, in ticks per quarter / 32) are one chord, not a melody step. */
    private static final int CHORD_DIVISOR = 32;

    /**
     * A note followed by the next within this share of a grid step is an ornament (a grace note, a trill's
     * note) and is folded into the note it leads to: just over half, so that abc2midi's 32nd-note grace
     * notes fold on the 16th grid, while a 16th-triplet (two thirds of a 16th apart) stays a note even when
     * played a little unevenly.
     */
    public static final double ORNAMENT_SHARE = 0.52;

    /** Pickups tried (and none), the likeliest first by where the notes fall: the grid's fit chooses among them. */
    private static final int PICKUP_CANDIDATES = 4;

    private static final MidiIn DEFAULTS = new MidiIn(null, 0, 0, DEFAULT_GRID, true, true, null, null, null, false);

    private final String trackName;
    private final int trackNumber;
    private final int channel;
    private final int grid;
    private final boolean triplets;
    private final boolean straightenSwing;
    private final Meter meter;
    private final Key key;
    private final Duration pickup;
    private final boolean tonicFromLastNote;

    private MidiIn(String trackName, int trackNumber, int channel, int grid, boolean triplets, boolean straightenSwing,
                   Meter meter, Key key, Duration pickup, boolean tonicFromLastNote) {
        this.trackName = trackName;
        this.trackNumber = trackNumber;
        this.channel = channel;
        this.grid = grid;
        this.triplets = triplets;
        this.straightenSwing = straightenSwing;
        this.meter = meter;
        this.key = key;
        this.pickup = pickup;
        this.tonicFromLastNote = tonicFromLastNote;
    }

    /** The reader with the defaults of the class comment. */
    public static MidiIn midiIn() { return DEFAULTS; }

    /** The melody from the track of this name (case ignored; a unique part of a name will do). */
    public MidiIn track(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("track(name): give a track's name, e.g. track(\"Melody\"), or its number");
        return new MidiIn(name, 0, channel, grid, triplets, straightenSwing, meter, key, pickup, tonicFromLastNote);
    }

    /** The melody from the track of this number, counted from 1 (a type-1 file's first track is often only tempo and names). */
    public MidiIn track(int number) {
        if (number < 1) throw new IllegalArgumentException("track(" + number + "): tracks are counted from 1");
        return new MidiIn(null, number, channel, grid, triplets, straightenSwing, meter, key, pickup, tonicFromLastNote);
    }

    /** The melody from this channel, 1..16 (10 is General MIDI's drums), within the track if one is chosen. */
    public MidiIn channel(int newChannel) {
        if (newChannel < 1 || newChannel > 16) throw new IllegalArgumentException("channel(" + newChannel + "): MIDI channels are 1..16");
        return new MidiIn(trackName, trackNumber, newChannel, grid, triplets, straightenSwing, meter, key, pickup, tonicFromLastNote);
    }

    /** The melody from every track and channel but the drums, the default. */
    public MidiIn anyTrack() {
        return new MidiIn(null, 0, 0, grid, triplets, straightenSwing, meter, key, pickup, tonicFromLastNote);
    }

    /** The plain grid: 8 (eighths), 16 (16ths, the default) or 32 (32nds). */
    public MidiIn grid(int noteValue) {
        if (noteValue != 8 && noteValue != 16 && noteValue != 32)
            throw new IllegalArgumentException("grid(" + noteValue + "): expected 8, 16 or 32 (the shortest plain note: eighths, 16ths, 32nds)");
        return new MidiIn(trackName, trackNumber, channel, noteValue, triplets, straightenSwing, meter, key, pickup, tonicFromLastNote);
    }

    /** Whether triplets are looked for (on by default); off, every note is on the plain grid. */
    public MidiIn triplets(boolean on) {
        return new MidiIn(trackName, trackNumber, channel, grid, on, straightenSwing, meter, key, pickup, tonicFromLastNote);
    }

    /** Whether swung beats are written even (on by default); off, a swing stays as the triplet rhythm it is. */
    public MidiIn straightenSwing(boolean on) {
        return new MidiIn(trackName, trackNumber, channel, grid, triplets, on, meter, key, pickup, tonicFromLastNote);
    }

    /** This meter whatever the file says (e.g. "6/8"); the pickup is still estimated unless {@link #pickup} is given. */
    public MidiIn meter(String text) {
        Meter m = Meter.parse(text);
        if (m.isFree()) throw new IllegalArgumentException("meter(\"" + text + "\"): a tune from MIDI needs bars; give a meter such as 4/4 or 6/8");
        return new MidiIn(trackName, trackNumber, channel, grid, triplets, straightenSwing, m, key, pickup, tonicFromLastNote);
    }

    /** This key whatever the file says (e.g. "Dmix"): the tune's K: field and the spelling of its notes. */
    public MidiIn key(String text) {
        Key k = Key.named(text);
        return new MidiIn(trackName, trackNumber, channel, grid, triplets, straightenSwing, meter, k, pickup, tonicFromLastNote);
    }

    /** A pickup bar of this length ("1/8"; "0" for none) instead of the estimated one. */
    public MidiIn pickup(String length) {
        Duration d = Duration.parse(length);
        if (d.numerator() < 0) throw new IllegalArgumentException("pickup(\"" + length + "\"): expected a length of 0 or more, e.g. 1/8");
        return new MidiIn(trackName, trackNumber, channel, grid, triplets, straightenSwing, meter, key, d, tonicFromLastNote);
    }

    /**
     * Whether the tonic is taken from the melody's last note when it belongs to the signature's scale, so G
     * major's signature ending on D reads as D mixolydian (off by default: on the folk corpora's key
     * signatures it gave the transcribed key for 82-88% of the tunes, against 94-100% for the signature's
     * major or minor key; {@code MidiInTest} measures it).
     */
    public MidiIn tonicFromLastNote(boolean on) {
        return new MidiIn(trackName, trackNumber, channel, grid, triplets, straightenSwing, meter, key, pickup, on);
    }

    // ---- reading ------------------------------------------------------------------------------

    /** The tune of a MIDI file; see {@link #read(Path)} for its report. */
    public Tune tune(Path file) { return read(file).tune(); }

    /**
     * The tune of a MIDI file and the report of how it was read.
     *
     * @throws MidiFileException when the file is not MIDI, is truncated, holds no notes, or has no such track or channel
     */
    public MidiImport read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new MidiFileException(file.toString(), "no such file (" + file.toAbsolutePath() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read MIDI file " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return read(bytes, file.toString(), name.replaceFirst("(?i)\\.(mid|midi|smf|kar|rmi)$", ""));
    }

    /** A MIDI file's bytes; {@code source} names it in messages and gives the title when no track names one. */
    public MidiImport read(byte[] bytes, String source) {
        String name = source == null ? "MIDI" : Path.of(source).getFileName() == null ? source : Path.of(source).getFileName().toString();
        return read(bytes, source, name.replaceFirst("(?i)\\.(mid|midi|smf|kar|rmi)$", ""));
    }

    private MidiImport read(byte[] bytes, String source, String stem) {
        SmfFile f = SmfFile.read(bytes, source);
        MelodyLine.Choice choice = MelodyLine.choose(f, trackName, trackNumber, channel);
        int r = f.resolution;
        List<Sounding> highest = MelodyLine.highest(choice.notes(), Math.max(1, r / CHORD_DIVISOR));
        int[] ornaments = {0};
        long step = Math.max(1, 4L * r / grid);
        boolean onGrid = Quantizer.onGrid(highest, r);
        List<Sounding> line = MelodyLine.foldOrnaments(highest, Math.round(ORNAMENT_SHARE * step), onGrid, r, ornaments);

        // swing before the meter: a swung 4/4 would look like 12/8; in a meter of eighths (6/8) long-short is the rhythm
        Meters meters = meters(f);
        double swing = 0;
        if (straightenSwing && (meters.first() == null || meters.first().denominator() <= 4)) {
            Quantizer.Straightened st = Quantizer.straighten(line, r, grid >= 16);
            line = st.line();
            swing = st.swing();
        }

        // the meter estimated when the file has none, with the likeliest pickups; of those the one the grid fits
        // best (a bar line inside a triplet is a wrong one), the likeliest on a tie
        long endTick = line.stream().mapToLong(Sounding::off).max().orElse(0);
        boolean startsAtOnce = line.get(0).on() < step / 2; // silence before the first note is the first bar's rest, as a sequencer writes a pickup
        Meter first = meters.first();
        List<Duration> pickups = new ArrayList<>();
        if (pickup != null) pickups.add(pickup);
        if (first == null || (pickup == null && startsAtOnce && wholeSixteenths(first))) {
            List<MeterFinder.Estimate> est = MeterFinder.ranked(sixteenths(line, r, false), sixteenths(line, r, true),
                    Math.round(endTick * 4.0 / r), first, PICKUP_CANDIDATES);
            if (first == null) first = est.get(0).meter();
            if (pickup == null && startsAtOnce) for (MeterFinder.Estimate e : est) pickups.add(e.pickup());
        }
        if (!pickups.contains(Duration.ZERO) && pickup == null) pickups.add(Duration.ZERO); // no pickup, always among them
        TreeMap<Duration, Meter> byTime = new TreeMap<>(meters.byTime());
        byTime.put(Duration.ZERO, first); // the first meter holds from the start
        Duration end = Duration.of(endTick, 4L * r);
        List<Quantizer.Bar> bars = null;
        Quantizer.Result q = null;
        Duration pickupLength = null;
        for (Duration p : pickups) {
            Duration length = p;
            while (!length.isShorterThan(first.barLength())) length = length.minus(first.barLength());
            List<Quantizer.Bar> b = bars(length, first, byTime, end);
            Quantizer.Result tried = Quantizer.quantize(line, r, b, Duration.of(1, grid), triplets, onGrid);
            if (q == null || tried.cost() < q.cost() - 1e-6) { q = tried; bars = b; pickupLength = length; }
        }

        int lastPc = q.notes().isEmpty() ? -1 : Math.floorMod(q.notes().get(q.notes().size() - 1).key(), 12);
        Keys keys = keys(f, choice.notes(), lastPc);
        Key startKey = keys.byTime().firstEntry().getValue();
        int tempo = f.tempi.isEmpty() ? 0 : (int) Math.round(60_000_000.0 / f.tempi.firstEntry().getValue());
        List<Field> header = new ArrayList<>();
        header.add(new Field('X', "1"));
        header.add(new Field('T', f.firstTrackName().isBlank() ? stem : f.firstTrackName()));
        header.add(new Field('M', first.text()));
        header.add(new Field('L', first.defaultUnitLength().toString()));
        if (tempo > 0) header.add(new Field('Q', "1/4=" + tempo));
        header.add(new Field('K', startKey.abc()));
        Tune tune = TuneAssembly.assemble(header, bars, q.notes(), q.triplets(), keys.byTime(), source);

        String meterFrom = meter != null ? "given" : meters.first() != null ? "time signature" : "estimated";
        MidiReport report = new MidiReport(source, f.format, f.tracks.size(), choice.described(), choice.notes().size(), highest.size(),
                ornaments[0], q.lost(), q.notes().size(), first, meterFrom, pickupLength, startKey, keys.from(), tempo, swing, q.onGrid(),
                q.triplets().size(), r, q.meanOnsetError(), q.maxOnsetError(), q.meanLengthError(), q.maxLengthError());
        return new MidiImport(tune, report);
    }

    /** Meters by time: the one given, or the file's time signatures; {@code first} is null when the file has none. */
    private record Meters(TreeMap<Duration, Meter> byTime, Meter first) {}

    private Meters meters(SmfFile f) {
        TreeMap<Duration, Meter> byTime = new TreeMap<>();
        if (meter != null) byTime.put(Duration.ZERO, meter);
        else for (Map.Entry<Long, int[]> e : f.timeSignatures.entrySet())
            byTime.put(at(e.getKey(), f.resolution), Meter.parse(e.getValue()[0] + "/" + e.getValue()[1]));
        return new Meters(byTime, byTime.isEmpty() ? null : byTime.firstEntry().getValue());
    }

    /** Keys by time, and where they came from. */
    private record Keys(TreeMap<Duration, Key> byTime, String from) {}

    /**
     * The key given, or the file's key signatures (the first from the start; a later one only where it changes the
     * signature: MIDI cannot tell D mixolydian from G major), or the estimate; with {@link #tonicFromLastNote}, a
     * single key's tonic from the last note.
     */
    private Keys keys(SmfFile f, List<Sounding> notes, int lastPc) {
        TreeMap<Duration, Key> byTime = new TreeMap<>();
        if (key != null) {
            byTime.put(Duration.ZERO, key);
            return new Keys(byTime, "given");
        }
        String from;
        if (!f.keySignatures.isEmpty()) {
            Key previous = null;
            for (Map.Entry<Long, int[]> e : f.keySignatures.entrySet()) {
                Key k = KeyFinder.fromSignature(e.getValue()[0], e.getValue()[1] == 1);
                if (previous != null && k.fifths() == previous.fifths()) continue;
                byTime.put(previous == null ? Duration.ZERO : at(e.getKey(), f.resolution), k);
                previous = k;
            }
            from = "key signature";
        } else {
            double[] weights = new double[12];
            for (Sounding s : notes) weights[s.key() % 12] += s.length();
            byTime.put(Duration.ZERO, KeyFinder.estimate(weights));
            from = "estimated";
        }
        if (tonicFromLastNote && byTime.size() == 1) {
            Key modal = KeyFinder.withFinal(byTime.get(Duration.ZERO), lastPc);
            if (!modal.equals(byTime.get(Duration.ZERO))) from += ", tonic from the last note";
            byTime.put(Duration.ZERO, modal);
        }
        return new Keys(byTime, from);
    }

    /** Onsets (or, with {@code lengths}, lengths of at least one) in 16ths, rounded: what the meter is estimated from. */
    private static long[] sixteenths(List<Sounding> line, int resolution, boolean lengths) {
        long[] out = new long[line.size()];
        for (int i = 0; i < out.length; i++) {
            long on = Math.round(line.get(i).on() * 4.0 / resolution);
            out[i] = lengths ? Math.max(1, Math.round(line.get(i).off() * 4.0 / resolution) - on) : on;
        }
        return out;
    }

    /** Bars from the start to {@code end}: a pickup bar of {@code pickup} when it is not zero, then bars of the meter in force. */
    private static List<Quantizer.Bar> bars(Duration pickup, Meter first, TreeMap<Duration, Meter> meters, Duration end) {
        List<Quantizer.Bar> bars = new ArrayList<>();
        Duration t = Duration.ZERO;
        if (pickup.isPositive()) { bars.add(new Quantizer.Bar(t, pickup, first)); t = pickup; }
        while (bars.isEmpty() || t.isShorterThan(end)) {
            Meter m = meters.floorEntry(t).getValue();
            bars.add(new Quantizer.Bar(t, m.barLength(), m));
            t = t.plus(m.barLength());
        }
        return bars;
    }

    private static Duration at(long tick, int resolution) { return Duration.of(tick, 4L * resolution); }

    private static boolean wholeSixteenths(Meter m) { return m.barLength().dividedBy(Duration.SIXTEENTH).denominator() == 1; }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("MidiIn (melody: highest voice of ");
        if (trackName != null) b.append("track \"").append(trackName).append('"');
        else if (trackNumber > 0) b.append("track ").append(trackNumber);
        if (channel > 0) b.append(trackName != null || trackNumber > 0 ? ", " : "").append("channel ").append(channel);
        if (trackName == null && trackNumber == 0 && channel == 0) b.append("every track but the drums");
        b.append("; grid ").append(grid).append(grid == 32 ? "nds" : "ths").append(triplets ? " and triplets" : "").append(straightenSwing ? ", swing straightened" : "");
        b.append("; meter ").append(meter == null ? "from the file" : meter).append("; key ").append(key == null ? "from the file" : key.abc());
        if (pickup != null) b.append("; pickup ").append(pickup);
        if (tonicFromLastNote) b.append("; tonic from the last note");
        return b.append(')').toString();
    }
}
