package org.chatapp.redis;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sorted set commands of a {@link RedisService}; keys get the service's prefix. */
public interface SortedSetOperations {

    /** A member with its score. */
    record ScoredMember(String member, double score) {
    }

    /** Adds a member or updates its score; returns true when it is new. */
    boolean add(String key, double score, String member);

    /** Adds members or updates their scores; returns how many are new. */
    long add(String key, Map<String, Double> scoredMembers);

    /** Adds {@code delta} to a member's score (0 when absent) and returns the new score. */
    double incrementScore(String key, String member, double delta);

    /** Removes members; returns how many were there. */
    long remove(String key, String... members);

    /** Returns a member's score, empty when it is not in the set. */
    Optional<Double> score(String key, String member);

    /** Returns a member's rank from the lowest score (0 first), empty when it is not in the set. */
    Optional<Long> rank(String key, String member);

    /** Returns the members from rank {@code start} to {@code stop} inclusive, lowest score first. */
    List<ScoredMember> range(String key, long start, long stop);

    /** Returns the members from rank {@code start} to {@code stop} inclusive, highest score first. */
    List<ScoredMember> reverseRange(String key, long start, long stop);

    /** Returns up to {@code limit} members with scores from {@code min} to {@code max} inclusive, lowest first. */
    List<ScoredMember> rangeByScore(String key, double min, double max, int limit);

    /** Removes the members with scores from {@code min} to {@code max} inclusive; returns how many. */
    long removeByScore(String key, double min, double max);

    /** Returns the number of members. */
    long size(String key);
}
