package org.repsim.core.collect;

/**
 * A FIFO of small records stored as columns (struct of arrays): up to two {@code long} columns,
 * one {@code int} column and one action column ({@link Runnable}: what runs when the record is served), chosen when the ring is made, sharing one head and
 * size. Each column is a plain array indexed by the record's <i>slot</i>; the capacity is a power of
 * two that doubles when full and never shrinks, so memory is set by the longest queue seen, not by
 * run length. A removed record's action is cleared, so the ring keeps no garbage reachable.
 *
 * <p>Shaped for the per-I/O queues of the timed components (a station's waiting room, a link's
 * send queue, a cache's destage queue): adding and taking a record is an index mask and a few array
 * stores, the accessors are small enough to inline, and nothing is allocated after the ring reached
 * its working size. Reading the oldest record is {@code int s = ring.first(); ring.long0(s) …;
 * ring.removeFirst();}.
 *
 * <p>A slot ({@link #first()}, {@link #last()}, {@link #slotAt(int)}) is valid until the next add
 * (which may grow the ring and move every record) or until its record is removed. A column the ring
 * was not made with has no array: reading or writing it throws {@link NullPointerException}.
 */
public final class ColumnRing {
    private long[] longs0;
    private long[] longs1;
    private int[] ints0;
    private Runnable[] actions;
    /** Capacity − 1 (capacity a power of two). */
    private int mask;
    private int head;
    private int size;

    /**
     * A ring with {@code longColumns} (0 to 2) long columns, {@code intColumns} (0 or 1) int columns
     * and, if {@code actionColumn}, one action column, holding {@code capacity} (rounded up to a power
     * of two) records before it grows.
     */
    public ColumnRing(int longColumns, int intColumns, boolean actionColumn, int capacity) {
        if (longColumns < 0 || longColumns > 2) {
            throw new IllegalArgumentException("long columns must be 0, 1 or 2, was " + longColumns);
        }
        if (intColumns < 0 || intColumns > 1) {
            throw new IllegalArgumentException("int columns must be 0 or 1, was " + intColumns);
        }
        if (longColumns + intColumns == 0 && !actionColumn) {
            throw new IllegalArgumentException("a ring needs at least one column");
        }
        if (capacity < 1 || capacity > 1 << 30) {
            throw new IllegalArgumentException("capacity must be in 1 .. 2^30, was " + capacity);
        }
        int n = Integer.highestOneBit(capacity * 2 - 1);
        this.longs0 = longColumns > 0 ? new long[n] : null;
        this.longs1 = longColumns > 1 ? new long[n] : null;
        this.ints0 = intColumns > 0 ? new int[n] : null;
        this.actions = actionColumn ? new Runnable[n] : null;
        this.mask = n - 1;
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

    /** Appends a record of two longs and an action. */
    public void add(long a, long b, Runnable action) {
        int s = appendSlot();
        longs0[s] = a;
        longs1[s] = b;
        actions[s] = action;
    }

    /** Appends a record of one long and an action. */
    public void add(long a, Runnable action) {
        int s = appendSlot();
        longs0[s] = a;
        actions[s] = action;
    }

    /** Appends a record of two longs. */
    public void add(long a, long b) {
        int s = appendSlot();
        longs0[s] = a;
        longs1[s] = b;
    }

    /** Appends a record of one int and one long. */
    public void addIntAndLong(int i, long a) {
        int s = appendSlot();
        ints0[s] = i;
        longs0[s] = a;
    }

    /** The slot of a new newest record (its fields hold stale values). */
    private int appendSlot() {
        if (size > mask) {
            grow();
        }
        return (head + size++) & mask;
    }

    /** The slot of the oldest record; the ring must not be empty. */
    public int first() {
        checkNotEmpty();
        return head;
    }

    /** The slot of the newest record; the ring must not be empty. */
    public int last() {
        checkNotEmpty();
        return (head + size - 1) & mask;
    }

    /** The slot of the {@code i}-th oldest record (0 the oldest). */
    public int slotAt(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("record " + i + " of " + size);
        }
        return (head + i) & mask;
    }

    /** The first long column of the record in {@code slot}. */
    public long long0(int slot) {
        return longs0[slot];
    }

    /** The second long column of the record in {@code slot}. */
    public long long1(int slot) {
        return longs1[slot];
    }

    /** The int column of the record in {@code slot}. */
    public int int0(int slot) {
        return ints0[slot];
    }

    /**
     * The action of the record in {@code slot} (a {@code Runnable[]} column, so the caller pays no
     * cast per record).
     */
    public Runnable action(int slot) {
        return actions[slot];
    }

    public void setLong0(int slot, long value) {
        longs0[slot] = value;
    }

    public void setLong1(int slot, long value) {
        longs1[slot] = value;
    }

    /** Removes the oldest record (clearing its action); the ring must not be empty. */
    public void removeFirst() {
        checkNotEmpty();
        if (actions != null) {
            actions[head] = null;
        }
        head = (head + 1) & mask;
        size--;
    }

    /** Removes every record (the capacity stays). */
    public void clear() {
        if (actions != null) {
            java.util.Arrays.fill(actions, null);
        }
        head = 0;
        size = 0;
    }

    private void checkNotEmpty() {
        if (size == 0) {
            throw new IllegalStateException("the ring is empty");
        }
    }

    /** Doubles the capacity, the records from slot 0 in order. */
    private void grow() {
        int n = mask + 1;
        if (n > 1 << 29) {
            throw new IllegalStateException("a ring of more than 2^30 records");
        }
        longs0 = longs0 == null ? null : unwrapped(longs0, n);
        longs1 = longs1 == null ? null : unwrapped(longs1, n);
        if (ints0 != null) {
            int[] g = new int[n * 2];
            int firstPart = n - head;
            System.arraycopy(ints0, head, g, 0, firstPart);
            System.arraycopy(ints0, 0, g, firstPart, head);
            ints0 = g;
        }
        if (actions != null) {
            Runnable[] g = new Runnable[n * 2];
            int firstPart = n - head;
            System.arraycopy(actions, head, g, 0, firstPart);
            System.arraycopy(actions, 0, g, firstPart, head);
            actions = g;
        }
        mask = n * 2 - 1;
        head = 0;
    }

    /** A full column of {@code n} records from {@code head}, unwrapped into an array of 2n. */
    private long[] unwrapped(long[] column, int n) {
        long[] g = new long[n * 2];
        int firstPart = n - head;
        System.arraycopy(column, head, g, 0, firstPart);
        System.arraycopy(column, 0, g, firstPart, head);
        return g;
    }
}
