package org.repsim.model.sync;

/**
 * What a sync pair does when the secondary stops answering (docs/model.md §3).
 *
 * @param onLinkFailure  {@link OnLinkFailure#STALL}: host writes wait for the link; {@link OnLinkFailure#SUSPEND}:
 *                       after {@code suspendAfterNs} the pair suspends
 * @param suspendAfterNs how long a replicated write may wait for the secondary's acknowledgement
 *                       before the pair suspends (ns, > 0; only with {@code SUSPEND})
 */
public record SyncPolicy(OnLinkFailure onLinkFailure, long suspendAfterNs) {

    /** Writes wait for the link, whatever the wait [product default of a pair that never suspends]. */
    public static final SyncPolicy STALL = new SyncPolicy(OnLinkFailure.STALL, 1);

    public enum OnLinkFailure { STALL, SUSPEND }

    public SyncPolicy {
        if (onLinkFailure == null || suspendAfterNs <= 0) {
            throw new IllegalArgumentException("sync policy needs a link-failure rule and suspendAfter > 0 ns: "
                    + onLinkFailure + ", " + suspendAfterNs);
        }
    }

    /** Suspends after {@code suspendAfterNs}. */
    public static SyncPolicy suspendAfter(long suspendAfterNs) {
        return new SyncPolicy(OnLinkFailure.SUSPEND, suspendAfterNs);
    }
}
