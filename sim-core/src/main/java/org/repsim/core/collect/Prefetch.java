package org.repsim.core.collect;

/**
 * The one switch of the models' prefetch hints: methods named {@code anticipate…} (and
 * {@link LongIntMap#touch}) that read now the memory a later step of the same write will look up
 * — an index entry, a slot's state — so that the misses of the processor's caches overlap instead
 * of following each other. A hint changes no state and no result; it only moves reads earlier.
 * The models call hints only where {@link #ENABLED}, which is a constant the JIT folds: with it
 * false the hints cost nothing.
 *
 * <p>On by default; the system property {@code repsim.prefetch=off} turns them off, for an A/B of
 * what they pay (same jar, two class loaders, one with the property set while it initialises this class).
 */
public final class Prefetch {
    /** Whether the models issue their prefetch hints. */
    public static final boolean ENABLED = !"off".equals(System.getProperty("repsim.prefetch"));

    private Prefetch() {
    }
}
