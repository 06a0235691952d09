package org.chatapp.redis;

import java.util.Map;
import java.util.Optional;

/** Hash commands of a {@link RedisService}; keys get the service's prefix, field names do not. */
public interface HashOperations {

    /** Sets one field; returns true when the field is new. */
    boolean set(String key, String field, String value);

    /** Sets several fields; returns how many are new. */
    long set(String key, Map<String, String> fields);

    /** Returns one field's value, empty when the key or field does not exist. */
    Optional<String> get(String key, String field);

    /** Returns the values of the fields that exist, in the order asked. */
    Map<String, String> get(String key, String... fields);

    /** Returns every field and value; empty when the key does not exist. */
    Map<String, String> getAll(String key);

    /** Deletes fields; returns how many existed. */
    long delete(String key, String... fields);

    /** Returns whether the field exists. */
    boolean exists(String key, String field);

    /** Adds {@code delta} to an integer field and returns the result. */
    long increment(String key, String field, long delta);

    /** Returns the number of fields. */
    long size(String key);
}
