package tunesmith.train;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/**
 * Reads a record's components and builds one from its components' values: what lets
 * {@link Settings} and {@link EpochRows} write and read every model kind's settings and history
 * from the record that declares them, without a table per kind.
 */
final class Records {

    private Records() {}

    static Object get(Record r, RecordComponent c) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
        }
    }

    /**
     * A new {@code type} from its canonical constructor; the constructor's own refusal (a value
     * out of range, named by it) is thrown as it is.
     */
    static <R extends Record> R construct(Class<R> type, Object[] values) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) types[i] = components[i].getType();
        try {
            Constructor<R> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a " + type.getSimpleName() + " from its components", e);
        }
    }
}
