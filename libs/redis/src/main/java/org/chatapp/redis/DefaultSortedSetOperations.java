package org.chatapp.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sorted set commands on the service's connection. */
final class DefaultSortedSetOperations implements SortedSetOperations {

    private final CommandRunner runner;
    private final KeyCodec keys;

    DefaultSortedSetOperations(CommandRunner runner) {
        this.runner = runner;
        this.keys = runner.keys();
    }

    @Override
    public boolean add(String key, double score, String member) {
        byte[] raw = keys.encode(key);
        byte[] encoded = Values.encode(member);
        return runner.sync("ZADD", key, c -> c.zadd(raw, score, encoded)) == 1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public long add(String key, Map<String, Double> scoredMembers) {
        if (scoredMembers == null || scoredMembers.isEmpty()) {
            throw new IllegalArgumentException("scoredMembers must not be empty");
        }
        byte[] raw = keys.encode(key);
        ScoredValue<byte[]>[] values = scoredMembers.entrySet().stream()
                .map(entry -> ScoredValue.just(entry.getValue(), Values.encode(entry.getKey())))
                .toArray(ScoredValue[]::new);
        return runner.sync("ZADD", key, c -> c.zadd(raw, values));
    }

    @Override
    public double incrementScore(String key, String member, double delta) {
        byte[] raw = keys.encode(key);
        byte[] encoded = Values.encode(member);
        return runner.sync("ZINCRBY", key, c -> c.zincrby(raw, delta, encoded));
    }

    @Override
    public long remove(String key, String... members) {
        byte[] raw = keys.encode(key);
        byte[][] encoded = DefaultHashOperations.encodeAll(members);
        return runner.sync("ZREM", key, c -> c.zrem(raw, encoded));
    }

    @Override
    public Optional<Double> score(String key, String member) {
        byte[] raw = keys.encode(key);
        byte[] encoded = Values.encode(member);
        return Optional.ofNullable(runner.sync("ZSCORE", key, c -> c.zscore(raw, encoded)));
    }

    @Override
    public Optional<Long> rank(String key, String member) {
        byte[] raw = keys.encode(key);
        byte[] encoded = Values.encode(member);
        return Optional.ofNullable(runner.sync("ZRANK", key, c -> c.zrank(raw, encoded)));
    }

    @Override
    public List<ScoredMember> range(String key, long start, long stop) {
        byte[] raw = keys.encode(key);
        return decode(runner.sync("ZRANGE", key, c -> c.zrangeWithScores(raw, start, stop)));
    }

    @Override
    public List<ScoredMember> reverseRange(String key, long start, long stop) {
        byte[] raw = keys.encode(key);
        return decode(runner.sync("ZREVRANGE", key, c -> c.zrevrangeWithScores(raw, start, stop)));
    }

    @Override
    public List<ScoredMember> rangeByScore(String key, double min, double max, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        byte[] raw = keys.encode(key);
        Range<Double> range = Range.create(min, max);
        return decode(runner.sync("ZRANGEBYSCORE", key, c -> c.zrangebyscoreWithScores(raw, range, Limit.create(0, limit))));
    }

    @Override
    public long removeByScore(String key, double min, double max) {
        byte[] raw = keys.encode(key);
        Range<Double> range = Range.create(min, max);
        return runner.sync("ZREMRANGEBYSCORE", key, c -> c.zremrangebyscore(raw, range));
    }

    @Override
    public long size(String key) {
        byte[] raw = keys.encode(key);
        return runner.sync("ZCARD", key, c -> c.zcard(raw));
    }

    private static List<ScoredMember> decode(List<ScoredValue<byte[]>> values) {
        return values.stream().map(value -> new ScoredMember(Values.decode(value.getValue()), value.getScore())).toList();
    }
}
