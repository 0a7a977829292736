package org.repsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardingTest {

    @Test
    void everyPairIsInExactlyOneShardAndShardSizesDifferByAtMostOne() {
        for (int points = 1; points <= 6; points++) {
            for (int reps = 1; reps <= 7; reps++) {
                int pairs = points * reps;
                for (int n = 1; n <= pairs + 3; n++) {
                    Sharding s = new Sharding(n);
                    Set<Sharding.Pair> seen = new HashSet<>();
                    int smallest = Integer.MAX_VALUE;
                    int largest = 0;
                    for (int k = 0; k < n; k++) {
                        List<Sharding.Pair> mine = s.pairsOf(k, points, reps);
                        smallest = Math.min(smallest, mine.size());
                        largest = Math.max(largest, mine.size());
                        for (Sharding.Pair p : mine) {
                            assertThat(seen.add(p)).as("%s in two shards (N=%d)", p, n).isTrue();
                            assertThat(s.shardOf(p.pointIndex(), p.replication(), reps)).isEqualTo(k);
                        }
                    }
                    assertThat(seen).as("%d points x %d reps in %d shards", points, reps, n).hasSize(pairs);
                    assertThat(largest - smallest).isLessThanOrEqualTo(1);
                }
            }
        }
    }

    @Test
    void shardsBeyondTheNumberOfPairsAreEmpty() {
        Sharding s = new Sharding(7);
        List<Integer> sizes = new ArrayList<>();
        for (int k = 0; k < 7; k++) {
            sizes.add(s.pairsOf(k, 2, 2).size());
        }
        assertThat(sizes).containsExactly(1, 1, 1, 1, 0, 0, 0);
    }

    @Test
    void consecutiveReplicationsOfAPointGoToDifferentShards() {
        Sharding s = new Sharding(4);
        assertThat(s.pairsOf(1, 3, 4)).containsExactly(new Sharding.Pair(0, 1), new Sharding.Pair(1, 1),
                new Sharding.Pair(2, 1));
        assertThat(s.pairsOf(1, 2, 3)).containsExactly(new Sharding.Pair(0, 1), new Sharding.Pair(1, 2));
        assertThat(s.pairsOf(3, 2, 3)).containsExactly(new Sharding.Pair(1, 0));
    }

    @Test
    void aShardIsParsedFromTheCommandLineOrTheEnvironment() {
        assertThat(Shard.parse("2/4", Map.of())).isEqualTo(new Shard(2, 4));
        assertThat(Shard.parse("env:SLURM_ARRAY_TASK_ID/4", Map.of("SLURM_ARRAY_TASK_ID", "3")))
                .isEqualTo(new Shard(3, 4));
        assertThat(Shard.parse("env:JOB_COMPLETION_INDEX/10", Map.of("JOB_COMPLETION_INDEX", "0")))
                .isEqualTo(new Shard(0, 10));
    }

    @Test
    void aBadShardIsRefusedWithAMessageThatSaysWhy() {
        assertThatThrownBy(() -> Shard.parse("4/4", Map.of())).hasMessageContaining("numbered 0 to 3");
        assertThatThrownBy(() -> Shard.parse("0/0", Map.of())).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Shard.parse("1-4", Map.of())).hasMessageContaining("K/N")
                .hasMessageContaining("'1-4'");
        assertThatThrownBy(() -> Shard.parse("env:TASK/4", Map.of())).hasMessageContaining("TASK is not set");
        assertThatThrownBy(() -> Shard.parse("env:TASK/4", Map.of("TASK", "x"))).hasMessageContaining("'x'");
        assertThatThrownBy(() -> Shard.parse("env:TASK/4", Map.of("TASK", "9"))).hasMessageContaining("shard 9 of 4");
    }
}
