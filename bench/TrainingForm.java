import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tunesmith.notation.AbcWriter;
import tunesmith.corpus.Corpus;
import tunesmith.encode.AbcTokens;
import tunesmith.eval.Abc2Midi;
import tunesmith.music.BarCheck;
import tunesmith.music.Tune;

/**
 * The folk corpora judged by abc2midi -c: each tune as read (written back by AbcWriter) and in the
 * training form (AbcTokens.abc().inC().canonical), with the strict bar check's agreement, and the
 * duplicate groups. Run with bench/training-form.sh.
 */
public class TrainingForm {
    public static void main(String[] a) {
        if (!Abc2Midi.available()) throw new IllegalStateException("abc2midi is not on PATH (Debian package abcmidi)");
        AbcTokens enc = AbcTokens.abc().inC();
        System.out.println("corpus       tunes  groups  grouped | as read: errors  strict pass | training form: errors  strict pass | regular  abc2midi passes regular / irregular");
        for (String name : a.length > 0 ? a : new String[]{"oneills", "ryans", "nottingham"}) {
            Corpus c = Corpus.load(name);
            var d = c.duplicates();
            List<String> read = new ArrayList<>(), form = new ArrayList<>();
            List<Boolean> regular = new ArrayList<>();
            for (Tune t : c) {
                Tune k;
                try { k = enc.canonical(t); } catch (RuntimeException e) { continue; }
                read.add(AbcWriter.write(t));
                form.add(AbcWriter.write(k));
                regular.add(BarCheck.strictProblems(k).isEmpty());
            }
            var r = Abc2Midi.checker().checkAll(read);
            var f = Abc2Midi.checker().checkAll(form);
            int rErr = 0, rPass = 0, fErr = 0, fPass = 0, reg = 0, regPass = 0, irrPass = 0;
            for (int i = 0; i < form.size(); i++) {
                if (r.get(i).errors() > 0 || r.get(i).failed()) rErr++;
                if (r.get(i).passesStrictly()) rPass++;
                if (f.get(i).errors() > 0 || f.get(i).failed()) fErr++;
                if (f.get(i).passesStrictly()) fPass++;
                if (regular.get(i)) { reg++; if (f.get(i).passesStrictly()) regPass++; } else if (f.get(i).passesStrictly()) irrPass++;
            }
            int n = form.size();
            System.out.printf(Locale.ROOT, "%-11s %6d %7d %8d | %14d %8d (%4.1f%%) | %20d %8d (%4.1f%%) | %7d  %d of %d / %d of %d%n", name, c.size(), d.distinct(), d.grouped(),
                    rErr, rPass, 100.0 * rPass / n, fErr, fPass, 100.0 * fPass / n, reg, regPass, reg, irrPass, n - reg);
        }
        Corpus all = Corpus.load("oneills").plus(Corpus.load("ryans")).plus(Corpus.load("nottingham"));
        System.out.println("all three: " + all.duplicates());
    }
}
