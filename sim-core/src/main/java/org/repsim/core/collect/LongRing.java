package org.repsim.core.collect;

/**
 * A FIFO of records of {@code width} {@code long} fields, in one array (a record's fields are
 * adjacent, so taking a record touches one cache line, not one per field): a ring whose capacity
 * is a power of two and doubles when full; it never shrinks, so its memory is set by the longest
 * queue seen, not by run length.
 *
 * <p>A ring made {@link #withObjects} also holds one object per record (an arrival action, a
 * completion), in an array beside the longs that grows with them; a removed record's object is
 * cleared, so the ring keeps no garbage reachable.
 *
 * <p>A record is named by its <i>position</i>, an int that {@link #addLast()}, {@link #first()},
 * {@link #last()} and {@link #at(int)} return and {@link #get}/{@link #set} take; a position is
 * valid until the next {@code addLast} (which may move every record) or until its record is removed.
 */
public final class LongRing {
    private final int width;
    private long[] ring;
    /** One object per record (index = position / width), or null for a ring of longs only. */
    private Object[] objects;
    /** Capacity in records − 1. */
    private int mask;
    private int head;
    private int size;

    /** A ring of records of {@code width} longs, holding 16 records before it grows. */
    public LongRing(int width) {
        this(width, 16);
    }

    /** A ring of records of {@code width} longs, holding {@code capacity} (rounded up to a power of two) before it grows. */
    public LongRing(int width, int capacity) {
        if (width < 1) {
            throw new IllegalArgumentException("record width must be >= 1, was " + width);
        }
        if (capacity < 1 || capacity > 1 << 30) {
            throw new IllegalArgumentException("capacity must be in 1 .. 2^30, was " + capacity);
        }
        this.width = width;
        int records = Integer.highestOneBit(capacity * 2 - 1);
        this.ring = new long[records * width];
        this.mask = records - 1;
    }

    /** A ring of records of {@code width} longs and one object each, holding 16 records before it grows. */
    public static LongRing withObjects(int width) {
        LongRing r = new LongRing(width, 16);
        r.objects = new Object[r.mask + 1];
        return r;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Records the ring holds before it grows (a power of two). */
    public int capacity() {
        return mask + 1;
    }

    /** Appends a record whose fields hold stale values (set them all) and returns its position. */
    public int addLast() {
        return appendRecord() * width;
    }

    /** Appends a record and returns its index in the ring (position / width). */
    private int appendRecord() {
        if (size > mask) {
            grow();
        }
        return (head + size++) & mask;
    }

    /** Appends a record of one field. */
    public void addLast(long a) {
        int p = addLast(); // before reading the field ring: adding may replace it
        ring[p] = a;
    }

    /** Appends a record of two fields. */
    public void addLast(long a, long b) {
        int p = addLast();
        ring[p] = a;
        ring[p + 1] = b;
    }

    /** Appends a record of three fields. */
    public void addLast(long a, long b, long c) {
        int p = addLast();
        ring[p] = a;
        ring[p + 1] = b;
        ring[p + 2] = c;
    }

    /** Appends a record of one field and an object (a ring {@link #withObjects}). */
    public void addLast(long a, Object object) {
        int i = appendRecord();
        ring[i * width] = a;
        objects[i] = object;
    }

    /** Appends a record of two fields and an object (a ring {@link #withObjects}). */
    public void addLast(long a, long b, Object object) {
        int i = appendRecord();
        int p = i * width;
        ring[p] = a;
        ring[p + 1] = b;
        objects[i] = object;
    }

    /** The object of the oldest record (a ring {@link #withObjects}). */
    public Object oldestObject() {
        checkNotEmpty();
        return objects[head];
    }

    /** The position of the oldest record. */
    public int first() {
        checkNotEmpty();
        return head * width;
    }

    /** The position of the newest record. */
    public int last() {
        checkNotEmpty();
        return ((head + size - 1) & mask) * width;
    }

    /** The position of the {@code i}-th oldest record (0 the oldest). */
    public int at(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("record " + i + " of " + size);
        }
        return ((head + i) & mask) * width;
    }

    /** Field {@code field} of the record at {@code position}. */
    public long get(int position, int field) {
        return ring[position + field];
    }

    public void set(int position, int field, long value) {
        ring[position + field] = value;
    }

    /** Field {@code field} of the oldest record. */
    public long oldest(int field) {
        checkNotEmpty();
        return ring[head * width + field];
    }

    /** Removes the oldest record. */
    public void removeFirst() {
        checkNotEmpty();
        if (objects != null) {
            objects[head] = null;
        }
        head = (head + 1) & mask;
        size--;
    }

    /** Removes every record (the capacity stays). */
    public void clear() {
        if (objects != null) {
            java.util.Arrays.fill(objects, null);
        }
        head = 0;
        size = 0;
    }

    private void checkNotEmpty() {
        if (size == 0) {
            throw new IllegalStateException("the ring is empty");
        }
    }

    /** Doubles the capacity, the records from position 0 in order. */
    private void grow() {
        int records = mask + 1;
        if (records > 1 << 29) {
            throw new IllegalStateException("a ring of more than 2^30 records");
        }
        long[] grown = new long[ring.length * 2];
        int firstPart = Math.min(size, records - head);
        System.arraycopy(ring, head * width, grown, 0, firstPart * width);
        System.arraycopy(ring, 0, grown, firstPart * width, (size - firstPart) * width);
        ring = grown;
        if (objects != null) {
            Object[] o = new Object[records * 2];
            System.arraycopy(objects, head, o, 0, firstPart);
            System.arraycopy(objects, 0, o, firstPart, size - firstPart);
            objects = o;
        }
        mask = records * 2 - 1;
        head = 0;
    }
}
