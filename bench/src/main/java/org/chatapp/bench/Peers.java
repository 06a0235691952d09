package org.chatapp.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The peers measured: this library, the Java clients its users could take instead, and redis-benchmark as the reference. */
final class Peers {

    /** The prefix the library adds; the other peers add it themselves, so all use the same keys. */
    static final String PREFIX = "bench:";

    private Peers() {
    }

    /**
     * Returns every peer in the report's order, family by family (GET/SET, pub/sub, locks, rate
     * limits, caches); {@code redis-benchmark} only where it is on the {@code PATH}, which is said on
     * standard output when it is not.
     */
    static List<Peer> all() {
        List<Peer> peers = new ArrayList<>(List.of(ChatappPeer.defaults(), ChatappPeer.spinOff(), new LettucePeer(),
                new JedisPeer(), new SpringDataRedisPeer(), new RedissonPeer()));
        Optional<RedisBenchmarkPeer> redisBenchmark = RedisBenchmarkPeer.onPath();
        if (redisBenchmark.isPresent()) {
            peers.add(redisBenchmark.get());
        } else {
            System.out.println("redis-benchmark is not on the PATH: measuring without it");
        }
        peers.addAll(List.of(new ChatappEventsPeer(), new SpringPubSubPeer(), new RedissonTopicPeer()));
        peers.addAll(List.of(new ChatappLocksPeer(), new RedissonLockPeer()));
        peers.addAll(List.of(new ChatappRateLimitPeer(), new RedissonRateLimiterPeer()));
        peers.addAll(List.of(ChatappCachePeer.nearCache(), ChatappCachePeer.cacheAside(), new CaffeinePeer(),
                new RedisServiceGetPeer()));
        peers.addAll(List.of(new ChatappStampedePeer(), SpringCacheStampedePeer.defaultWriter(),
                SpringCacheStampedePeer.lockingWriter(), new RedissonJCacheStampedePeer()));
        return List.copyOf(peers);
    }
}
