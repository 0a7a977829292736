package org.repsim.scenario.run;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One shard of a sharded run: shard {@code index} of {@code count} (see {@link Sharding} for
 * which pairs it runs).
 */
public record Shard(int index, int count) {
    private static final Pattern LITERAL = Pattern.compile("(\\d+)/(\\d+)");
    private static final Pattern FROM_ENV = Pattern.compile("env:([A-Za-z_][A-Za-z0-9_]*)/(\\d+)");

    public Shard {
        new Sharding(count).requireShard(index);
    }

    public Sharding sharding() {
        return new Sharding(count);
    }

    /**
     * Parses {@code K/N} or {@code env:VAR/N} (K read from the environment variable VAR, as Slurm's
     * {@code SLURM_ARRAY_TASK_ID} or a Kubernetes indexed job's {@code JOB_COMPLETION_INDEX}).
     *
     * @throws IllegalArgumentException with a message naming what is wrong
     */
    public static Shard parse(String text, Map<String, String> env) {
        Matcher literal = LITERAL.matcher(text);
        Matcher fromEnv = FROM_ENV.matcher(text);
        String k;
        String n;
        if (literal.matches()) {
            k = literal.group(1);
            n = literal.group(2);
        } else if (fromEnv.matches()) {
            String var = fromEnv.group(1);
            n = fromEnv.group(2);
            k = env.get(var);
            if (k == null) {
                throw new IllegalArgumentException("--shard " + text + ": the environment variable " + var
                        + " is not set");
            }
            k = k.trim();
            if (!k.matches("\\d+")) {
                throw new IllegalArgumentException("--shard " + text + ": " + var + " is '" + k
                        + "', not a shard number");
            }
        } else {
            throw new IllegalArgumentException("--shard takes K/N (shard K of N, K from 0 to N-1) or env:VAR/N "
                    + "(K read from the environment variable VAR), e.g. 0/4 or env:SLURM_ARRAY_TASK_ID/4; found '"
                    + text + "'");
        }
        int index;
        int count;
        try {
            index = Integer.parseInt(k);
            count = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard " + text + ": number too large");
        }
        if (count < 1) {
            throw new IllegalArgumentException("--shard " + text + ": the number of shards must be at least 1");
        }
        if (index >= count) {
            throw new IllegalArgumentException("--shard " + text + ": shard " + index + " of " + count
                    + " does not exist; shards are numbered 0 to " + (count - 1));
        }
        return new Shard(index, count);
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
