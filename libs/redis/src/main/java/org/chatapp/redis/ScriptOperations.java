package org.chatapp.redis;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Runs Lua scripts on the service's connection. Keys are prefixed like every other key of the
 * service, arguments are sent as they are (UTF-8). A script runs atomically on one node.
 *
 * <p><b>Delivery</b>: at most once, like every write (a script may write). When the connection
 * drops after the script was sent, the call fails with {@link RedisOutcomeUnknownException}; the
 * script is never sent twice by the library. {@code NOSCRIPT} (a promoted replica or a restarted
 * server without the script in its cache) is answered by sending the source once with {@code EVAL}:
 * the server refused the {@code EVALSHA} without running it, so this is no replay.
 *
 * <p><b>Cluster</b>: every key of a script must hash to one slot (share a hash tag such as
 * {@code {room:42}}); a script whose keys do not is refused with {@link IllegalArgumentException}
 * before anything is sent. A script without keys runs on an arbitrary master.
 */
public interface ScriptOperations {

    /**
     * Runs a script and waits for its reply.
     *
     * @throws IllegalArgumentException when a key is null or empty, an argument is null, or (in a
     *         cluster) the keys are in different slots
     */
    <T> T run(RedisScript<T> script, List<String> keys, List<String> args);

    /**
     * Runs a script without waiting; the stage fails as {@link #run} would throw, with an
     * {@link IllegalArgumentException} for bad input.
     */
    <T> CompletionStage<T> runAsync(RedisScript<T> script, List<String> keys, List<String> args);
}
