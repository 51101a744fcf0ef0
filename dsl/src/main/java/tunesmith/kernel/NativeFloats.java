package tunesmith.kernel;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A float array in native memory, allocated once and reused across batches: a direct buffer for
 * the elementwise passes ({@link Cells}) and pointers for OpenBLAS ({@link Gemm}), over the same
 * memory. Either allocated here (zeroed) or a view of a dense ND4J float array (kept alive by
 * this object), so weights held as INDArrays are read in place.
 */
public final class NativeFloats {

    private final FloatPointer base; // the allocation (position 0)
    private final long origin;       // where this array starts in it (a slice starts later)
    private final INDArray owner; // the ND4J array whose memory this is, or null
    /** Elements 0..length-1, absolute indexing. */
    public final FloatBuffer buf;
    public final long length;

    public NativeFloats(long length) {
        if (length < 1 || length > Integer.MAX_VALUE)
            throw new IllegalArgumentException("native float array of " + length + " elements: expected 1.." + Integer.MAX_VALUE);
        this.length = length;
        this.owner = null;
        this.origin = 0;
        this.base = new FloatPointer(length);
        Pointer.memset(base, 0, length * Float.BYTES);
        this.buf = base.capacity(length).limit(length).asBuffer();
    }

    private NativeFloats(INDArray a) {
        this.owner = a;
        this.origin = 0;
        this.length = a.length();
        this.base = new FloatPointer(a.data().addressPointer());
        this.buf = base.capacity(length).limit(length).asBuffer();
    }

    private NativeFloats(NativeFloats parent, long from, long n) {
        this.owner = parent.owner;
        this.base = parent.base;
        this.origin = parent.origin + from;
        this.length = n;
        this.buf = parent.buf.duplicate().position((int) from).limit((int) (from + n)).slice();
    }

    /** Elements [from, from + n) as an array of their own (the same memory; index 0 is {@code from}). */
    public NativeFloats slice(long from, long n) {
        if (from < 0 || n < 1 || from + n > length) throw new IndexOutOfBoundsException("slice(" + from + ", " + n + ") of " + length + " floats");
        return new NativeFloats(this, from, n);
    }

    /** The memory of a dense (not a view), row-major float array. */
    public static NativeFloats of(INDArray a) {
        if (a.dataType() != DataType.FLOAT || a.isView() || a.ordering() != 'c')
            throw new IllegalArgumentException("NativeFloats.of needs a dense row-major FLOAT array, got " + a.dataType() + " order " + a.ordering()
                    + (a.isView() ? " (a view)" : "") + ": dup('c') it first");
        return new NativeFloats(a);
    }

    /** A pointer to element {@code offset}, for OpenBLAS (a new Java object; no native memory). */
    public FloatPointer at(long offset) {
        return new FloatPointer(base).position(origin + offset);
    }

    /** Sets elements [from, from + n) to 0. */
    public void zero(long from, long n) {
        if (from < 0 || n < 0 || from + n > length) throw new IndexOutOfBoundsException("zero(" + from + ", " + n + ") on " + length + " floats");
        Pointer.memset(new FloatPointer(base).position(origin + from), 0, n * Float.BYTES);
    }

    public void zero() { zero(0, length); }

    /** The array this memory belongs to, when it is an ND4J array's. */
    public INDArray array() { return owner; }
}
