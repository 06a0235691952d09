package org.chatapp.redis;

/** Maps the library's {@link ReadFrom} to Lettuce's. */
final class LettuceReadFrom {

    private LettuceReadFrom() {
    }

    static io.lettuce.core.ReadFrom of(ReadFrom readFrom) {
        return switch (readFrom) {
            case MASTER -> io.lettuce.core.ReadFrom.UPSTREAM;
            case MASTER_PREFERRED -> io.lettuce.core.ReadFrom.UPSTREAM_PREFERRED;
            case REPLICA -> io.lettuce.core.ReadFrom.REPLICA;
            case REPLICA_PREFERRED -> io.lettuce.core.ReadFrom.REPLICA_PREFERRED;
            case NEAREST -> io.lettuce.core.ReadFrom.LOWEST_LATENCY;
            case ANY -> io.lettuce.core.ReadFrom.ANY;
        };
    }
}
