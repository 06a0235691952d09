package org.chatapp.redis;

import java.util.Set;

/** Set commands of a {@link RedisService}; keys get the service's prefix. */
public interface SetOperations {

    /** Adds members; returns how many were new. */
    long add(String key, String... members);

    /** Removes members; returns how many were there. */
    long remove(String key, String... members);

    /** Returns every member. */
    Set<String> members(String key);

    /** Returns whether the member is in the set. */
    boolean contains(String key, String member);

    /** Returns the number of members. */
    long size(String key);
}
