package org.repsim.scenario.run;

import java.util.ArrayList;
import java.util.List;

/**
 * How the run matrix of an experiment is split into {@code shards} shards, numbered 0 to
 * {@code shards - 1}, that can run on different machines and share one output directory.
 *
 * <p>The rule ({@link #RULE}, written into {@code run.json}): the (point, replication) pairs are
 * numbered in run-matrix order, {@code i = pointIndex × replications + replication} (points in the
 * order of the sweep's cross product, replications 0, 1, … within a point), and pair {@code i}
 * belongs to shard {@code i mod shards}. So every pair is in exactly one shard, shard sizes differ
 * by at most one (shards beyond the number of pairs are empty), consecutive replications of a
 * point — which cost about the same — go to different shards, and the assignment depends only
 * on the number of points and of replications: editing a scenario in any way that keeps its run
 * matrix keeps every pair in its shard.
 */
public record Sharding(int shards) {

    /** The rule in words, as stored in {@code run.json}. */
    public static final String RULE = "round-robin: pair i = point index × replications + replication "
            + "(points in run-matrix order) belongs to shard i mod shards; shards are numbered from 0";

    /** A (point, replication) pair by position in the run matrix. */
    public record Pair(int pointIndex, int replication) {
    }

    public Sharding {
        if (shards < 1) {
            throw new IllegalArgumentException("the number of shards must be at least 1, got " + shards);
        }
    }

    /** The shard that runs replication {@code replication} of point {@code pointIndex}. */
    public int shardOf(int pointIndex, int replication, int replications) {
        if (pointIndex < 0 || replication < 0 || replication >= replications) {
            throw new IllegalArgumentException("no pair (point " + pointIndex + ", replication " + replication
                    + ") with " + replications + " replications per point");
        }
        long i = (long) pointIndex * replications + replication;
        return (int) (i % shards);
    }

    /** The pairs of shard {@code shard} among {@code points × replications}, in run-matrix order. */
    public List<Pair> pairsOf(int shard, int points, int replications) {
        requireShard(shard);
        List<Pair> out = new ArrayList<>();
        long total = (long) points * replications;
        for (long i = shard; i < total; i += shards) {
            out.add(new Pair((int) (i / replications), (int) (i % replications)));
        }
        return out;
    }

    void requireShard(int shard) {
        if (shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard " + shard + " of " + shards + ": shards are numbered 0 to "
                    + (shards - 1));
        }
    }
}
