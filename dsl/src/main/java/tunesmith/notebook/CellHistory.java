package tunesmith.notebook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

/**
 * The cells run in this kernel session, for Jupyter's history requests (a console's arrow-up,
 * {@code %history}-like tools). Kept in memory only: a new kernel starts a new history.
 */
final class CellHistory implements HistoryManager {

    static final int SESSION = 1;

    private record Cell(int number, String input, String output) {}

    private final List<Cell> cells = new CopyOnWriteArrayList<>();

    void add(int number, String input, String output) { cells.add(new Cell(number, input, output)); }

    @Override
    public List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        List<Cell> all = List.copyOf(cells);
        return entries(all.subList(Math.max(0, all.size() - Math.max(0, length)), all.size()), flags);
    }

    /** Cells {@code start <= number < stop} of this session (session 0 means the current one). */
    @Override
    public List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        if (session != 0 && session != SESSION) return List.of();
        return entries(cells.stream().filter(c -> c.number() >= start && c.number() < stop).toList(), flags);
    }

    /** The last {@code length} cells whose input matches a glob pattern ({@code *} and {@code ?}). */
    @Override
    public List<HistoryEntry> search(String glob, int length, Set<ResultFlag> flags) {
        Pattern pattern = globToRegex(glob);
        List<Cell> matching = cells.stream().filter(c -> pattern.matcher(c.input()).matches()).toList();
        if (flags.contains(ResultFlag.UNIQUE)) {
            Map<String, Cell> latest = new LinkedHashMap<>();
            for (Cell c : matching) {
                latest.remove(c.input());
                latest.put(c.input(), c);
            }
            matching = new ArrayList<>(latest.values());
        }
        int n = length <= 0 ? matching.size() : Math.min(length, matching.size());
        return entries(matching.subList(matching.size() - n, matching.size()), flags);
    }

    private static List<HistoryEntry> entries(List<Cell> cells, Set<ResultFlag> flags) {
        boolean output = flags.contains(ResultFlag.INCLUDE_OUTPUT);
        return cells.stream()
                .map(c -> new HistoryEntry(SESSION, c.number(), c.input(), output ? (c.output() == null ? "" : c.output()) : null))
                .toList();
    }

    static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            if (ch == '*') regex.append("[\\s\\S]*");
            else if (ch == '?') regex.append("[\\s\\S]");
            else regex.append(Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(regex.toString());
    }
}
