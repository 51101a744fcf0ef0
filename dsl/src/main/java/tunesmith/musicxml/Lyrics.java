package tunesmith.musicxml;

import java.util.ArrayList;
import java.util.List;
import tunesmith.musicxml.Score.Lyric;
import tunesmith.musicxml.Score.NoteOut;

/**
 * ABC's {@code w:} lines under the notes of the music line above them (ABC 2.1, 5.1): a syllable
 * per note, rests and grace notes skipped; {@code -} splits a word into syllables, {@code _} holds
 * the last syllable over the next note, {@code *} leaves a note without one, {@code |} moves on to
 * the next bar, {@code ~} is a space inside a syllable and {@code \-} a hyphen in it.
 */
final class Lyrics {

    private Lyrics() {}

    /** A piece of a w: line: a syllable (joined by hyphens to the one before or after), a hold, a skip or a bar. */
    private record Token(Kind kind, String text, boolean joinedBefore, boolean joinedAfter) {}

    private enum Kind { SYLLABLE, HOLD, SKIP, BAR }

    /** Puts each verse's syllables under the notes of the line's bars ({@code bars}: each bar's notes that take a syllable). */
    static void align(List<List<NoteOut>> bars, List<String> verses) {
        for (int v = 0; v < verses.size(); v++) {
            int bar = 0, at = 0;
            Lyric lastLyric = null;
            NoteOut lastNote = null;
            for (Token t : tokens(verses.get(v))) {
                if (t.kind() == Kind.BAR) {
                    bar++;
                    at = 0;
                    continue;
                }
                while (bar < bars.size() && at >= bars.get(bar).size()) { bar++; at = 0; }
                if (bar >= bars.size()) break; // more syllables than notes: the rest has nowhere to go
                NoteOut note = bars.get(bar).get(at++);
                if (t.kind() == Kind.HOLD && lastLyric != null && !lastLyric.extend()) {
                    int i = lastNote.lyrics.indexOf(lastLyric);
                    lastLyric = new Lyric(lastLyric.verse(), lastLyric.syllabic(), lastLyric.text(), true);
                    lastNote.lyrics.set(i, lastLyric);
                } else if (t.kind() == Kind.SYLLABLE) {
                    String syllabic = t.joinedBefore() ? (t.joinedAfter() ? "middle" : "end") : (t.joinedAfter() ? "begin" : "single");
                    lastLyric = new Lyric(v + 1, syllabic, t.text(), false);
                    lastNote = note;
                    note.lyrics.add(lastLyric);
                }
            }
        }
    }

    private static List<Token> tokens(String line) {
        List<Token> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        boolean joined = false; // the next syllable continues a word after a hyphen
        boolean inSyllable = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '-') {
                text.append('-');
                inSyllable = true;
                i++;
            } else if (c == '~') {
                text.append(' ');
                inSyllable = true;
            } else if (c == '-' || Character.isWhitespace(c) || c == '_' || c == '*' || c == '|') {
                boolean hyphen = c == '-';
                if (inSyllable) {
                    out.add(new Token(Kind.SYLLABLE, text.toString(), joined, hyphen));
                    text.setLength(0);
                    inSyllable = false;
                    joined = hyphen;
                } else if (hyphen) {
                    // a hyphen after a space or a hyphen stands for a note of its own, inside the word
                    out.add(new Token(Kind.SKIP, "", false, false));
                    joined = true;
                }
                if (c == '_') out.add(new Token(Kind.HOLD, "", false, false));
                else if (c == '*') out.add(new Token(Kind.SKIP, "", false, false));
                else if (c == '|') out.add(new Token(Kind.BAR, "", false, false));
            } else {
                text.append(c);
                inSyllable = true;
            }
        }
        if (inSyllable) out.add(new Token(Kind.SYLLABLE, text.toString(), joined, false));
        return fixEnds(out);
    }

    /** A syllable followed by a hyphen is "joined after" only if another syllable of its word follows. */
    private static List<Token> fixEnds(List<Token> tokens) {
        List<Token> out = new ArrayList<>(tokens);
        for (int i = 0; i < out.size(); i++) {
            Token t = out.get(i);
            if (t.kind() != Kind.SYLLABLE || !t.joinedAfter()) continue;
            boolean more = false;
            for (int k = i + 1; k < out.size(); k++) {
                if (out.get(k).kind() == Kind.SYLLABLE) { more = out.get(k).joinedBefore(); break; }
            }
            if (!more) out.set(i, new Token(t.kind(), t.text(), t.joinedBefore(), false));
        }
        return out;
    }
}
