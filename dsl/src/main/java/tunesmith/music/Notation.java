package tunesmith.music;

import java.util.ServiceLoader;

/**
 * A written form of tunes, for their one-line display ({@link Tune#toString()}). The music model
 * knows no notation; the ABC package provides one (registered in META-INF/services), so the
 * dependency points from abc to music only.
 */
public interface Notation {

    /** The first line of the tune's melody as written in this notation ("" when it cannot be written). */
    String firstLine(Tune tune);

    /** The first line in the registered notation, or "" when none is on the class path. */
    static String firstLineOf(Tune tune) {
        Notation n = Registered.NOTATION;
        return n == null ? "" : n.firstLine(tune);
    }

    /** Looked up once, on first display. */
    final class Registered {
        private Registered() {}

        static final Notation NOTATION = ServiceLoader.load(Notation.class, Notation.class.getClassLoader()).findFirst().orElse(null);
    }
}
