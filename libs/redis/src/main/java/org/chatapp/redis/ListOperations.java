package org.chatapp.redis;

import java.util.List;
import java.util.Optional;

/** List commands of a {@link RedisService}; keys get the service's prefix. */
public interface ListOperations {

    /** Inserts values at the head, the last one ending first; returns the new length. */
    long pushFirst(String key, String... values);

    /** Appends values at the tail; returns the new length. */
    long pushLast(String key, String... values);

    /** Removes and returns the head, empty when the list is empty. */
    Optional<String> popFirst(String key);

    /** Removes and returns the tail, empty when the list is empty. */
    Optional<String> popLast(String key);

    /** Returns the elements from {@code start} to {@code stop} inclusive; negative indexes count from the tail. */
    List<String> range(String key, long start, long stop);

    /** Keeps only the elements from {@code start} to {@code stop} inclusive. */
    void trim(String key, long start, long stop);

    /** Returns the length; 0 when the key does not exist. */
    long size(String key);
}
