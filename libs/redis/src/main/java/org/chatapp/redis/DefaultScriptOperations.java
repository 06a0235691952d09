package org.chatapp.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** EVALSHA first, EVAL once on NOSCRIPT; keys checked for one slot in a cluster before sending. */
final class DefaultScriptOperations implements ScriptOperations {

    private static final String NOSCRIPT = "NOSCRIPT";

    private final CommandRunner runner;
    private final KeyCodec keys;
    private final boolean cluster;

    DefaultScriptOperations(CommandRunner runner, boolean cluster) {
        this.runner = runner;
        this.keys = runner.keys();
        this.cluster = cluster;
    }

    @Override
    public <T> T run(RedisScript<T> script, List<String> keyList, List<String> argList) {
        Call<T> call = call(script, keyList, argList);
        Object reply;
        try {
            reply = runner.sync("EVALSHA", call.firstKey, call::evalsha);
        } catch (RedisCommandException e) {
            if (!NOSCRIPT.equals(e.errorCode())) {
                throw e;
            }
            reply = runner.sync("EVAL", call.firstKey, call::eval);
        }
        return script.reply(reply);
    }

    @Override
    public <T> CompletionStage<T> runAsync(RedisScript<T> script, List<String> keyList, List<String> argList) {
        Call<T> call;
        try {
            call = call(script, keyList, argList);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return runner.async("EVALSHA", call.firstKey, call::evalsha, Function.identity())
                .exceptionallyCompose(error -> error instanceof RedisCommandException refused && NOSCRIPT.equals(refused.errorCode())
                        ? runner.async("EVAL", call.firstKey, call::eval, Function.identity())
                        : CompletableFuture.failedFuture(error))
                .thenApply(script::reply);
    }

    /** Checks and encodes one invocation; a batch queues the same. */
    <T> Call<T> call(RedisScript<T> script, List<String> keyList, List<String> argList) {
        if (script == null) {
            throw new IllegalArgumentException("script must not be null");
        }
        if (keyList == null || argList == null) {
            throw new IllegalArgumentException((keyList == null ? "keys" : "args") + " must not be null; pass List.of() for none");
        }
        byte[][] rawKeys = new byte[keyList.size()][];
        for (int i = 0; i < rawKeys.length; i++) {
            rawKeys[i] = keys.encode(keyList.get(i));
        }
        if (cluster) {
            requireOneSlot(keyList);
        }
        byte[][] rawArgs = new byte[argList.size()][];
        for (int i = 0; i < rawArgs.length; i++) {
            String arg = argList.get(i);
            if (arg == null) {
                throw new IllegalArgumentException("args[" + i + "] must not be null");
            }
            rawArgs[i] = arg.getBytes(StandardCharsets.UTF_8);
        }
        return new Call<>(script, keyList.isEmpty() ? null : keyList.get(0), rawKeys, rawArgs);
    }

    private void requireOneSlot(List<String> keyList) {
        if (keyList.size() < 2) {
            return;
        }
        int slot = keys.slot(keyList.get(0));
        for (String key : keyList) {
            if (keys.slot(key) != slot) {
                throw new IllegalArgumentException("script keys must share one cluster slot (give them one hash tag, such as "
                        + "{room:42}:a and {room:42}:b); '" + keyList.get(0) + "' is in slot " + slot + ", '" + key
                        + "' in slot " + keys.slot(key));
            }
        }
    }

    /** One invocation's encoded keys and arguments. */
    record Call<T>(RedisScript<T> script, String firstKey, byte[][] keys, byte[][] args) {

        RedisFuture<Object> evalsha(RedisClusterAsyncCommands<byte[], byte[]> commands) {
            return commands.evalsha(script.sha1(), script.outputType(), keys, args);
        }

        RedisFuture<Object> eval(RedisClusterAsyncCommands<byte[], byte[]> commands) {
            return commands.eval(script.source(), script.outputType(), keys, args);
        }
    }
}
