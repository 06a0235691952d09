package org.chatapp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.chatapp.redis.RedisNode;
import org.junit.jupiter.api.Test;

/** What the report makes of the cache rows: their tables and their goals. Nothing is measured here. */
class CacheReportTest {

    private static final Topology STANDALONE = new Topology("standalone", List.of(new RedisNode("localhost", 7000)), false);
    private static final Scenario NEAR_HIT = new Scenario(Scenario.Operation.CACHE_NEAR_HIT, Scenario.Driver.sync(16));
    private static final Scenario ASIDE_HIT = new Scenario(Scenario.Operation.CACHE_ASIDE_HIT, Scenario.Driver.sync(1));
    private static final Scenario STAMPEDE = new Scenario(Scenario.Operation.CACHE_STAMPEDE, Scenario.Driver.stampede(1000));

    private static final Peer NEAR = ChatappCachePeer.nearCache();
    private static final Peer ASIDE = ChatappCachePeer.cacheAside();
    private static final Peer CAFFEINE = new CaffeinePeer();
    private static final Peer GET = new RedisServiceGetPeer();
    private static final Peer OURS = new NamedPeer("chatapp RedisCache", true);
    private static final Peer SPRING = new NamedPeer("Spring RedisCacheManager", false);
    private static final Peer REDISSON = new NamedPeer("Redisson JCache", false);

    private static final String NEAR_VS_CAFFEINE = "### RedisCache's near-cache hit at least 0.8x Caffeine alone in every near-cache row";
    private static final String NEAR_VS_GET = "### RedisCache's near-cache hit at least 50x a RedisService GET in every near-cache row";
    private static final String ASIDE_VS_GET = "### RedisCache's cache-aside hit (near cache off) at least 0.9x a RedisService GET "
            + "(at most 10 % slower) in every cache-aside row";
    private static final String LOADS_ONCE = "### RedisCache's loader runs exactly once for 1000 concurrent misses on one key "
            + "over two instances, in every run";
    private static final String SERVED = "### RedisCache serves all 1000 callers no slower than the best other peer";

    @Test
    void markdown_nearHitAtPointNineOfCaffeineAndSixtyTimesGet_bothNearGoalsMet() {
        Report report = report(List.of(NEAR, CAFFEINE, GET));
        report.add(STANDALONE, NEAR_HIT, NEAR, List.of(hits(6_000_000)));
        report.add(STANDALONE, NEAR_HIT, CAFFEINE, List.of(hits(6_600_000)));
        report.add(STANDALONE, NEAR_HIT, GET, List.of(hits(100_000)));

        assertThat(report.markdown())
                .contains(NEAR_VS_CAFFEINE + ": met\n\n- standalone, cache near hit, 16 threads sync: 0.91x, met\n")
                .contains(NEAR_VS_GET + ": met\n\n- standalone, cache near hit, 16 threads sync: 60.00x, met\n");
    }

    @Test
    void markdown_nearHitBelowPointEightOfCaffeine_caffeineGoalNotMet() {
        Report report = report(List.of(NEAR, CAFFEINE, GET));
        report.add(STANDALONE, NEAR_HIT, NEAR, List.of(hits(7_000_000)));
        report.add(STANDALONE, NEAR_HIT, CAFFEINE, List.of(hits(10_000_000)));
        report.add(STANDALONE, NEAR_HIT, GET, List.of(hits(100_000)));

        assertThat(report.markdown()).contains(NEAR_VS_CAFFEINE
                + ": not met in 1 of 1 rows\n\n- standalone, cache near hit, 16 threads sync: 0.70x, not met\n");
    }

    @Test
    void markdown_nearHitFortyTimesGet_getGoalNotMet() {
        Report report = report(List.of(NEAR, CAFFEINE, GET));
        report.add(STANDALONE, NEAR_HIT, NEAR, List.of(hits(4_000_000)));
        report.add(STANDALONE, NEAR_HIT, CAFFEINE, List.of(hits(4_000_000)));
        report.add(STANDALONE, NEAR_HIT, GET, List.of(hits(100_000)));

        assertThat(report.markdown()).contains(NEAR_VS_GET
                + ": not met in 1 of 1 rows\n\n- standalone, cache near hit, 16 threads sync: 40.00x, not met\n");
    }

    @Test
    void markdown_asideHitTenPercentSlowerThanGet_asideGoalMet() {
        Report report = report(List.of(ASIDE, GET));
        report.add(STANDALONE, ASIDE_HIT, ASIDE, List.of(hits(90_000)));
        report.add(STANDALONE, ASIDE_HIT, GET, List.of(hits(100_000)));

        assertThat(report.markdown()).contains(ASIDE_VS_GET + ": met\n\n- standalone, cache-aside hit, 1 thread sync: 0.90x, met\n");
    }

    @Test
    void markdown_asideHitFifteenPercentSlowerThanGet_asideGoalNotMet() {
        Report report = report(List.of(ASIDE, GET));
        report.add(STANDALONE, ASIDE_HIT, ASIDE, List.of(hits(85_000)));
        report.add(STANDALONE, ASIDE_HIT, GET, List.of(hits(100_000)));

        assertThat(report.markdown()).contains(ASIDE_VS_GET
                + ": not met in 1 of 1 rows\n\n- standalone, cache-aside hit, 1 thread sync: 0.85x, not met\n");
    }

    @Test
    void markdown_hitRows_latenciesInHundredthsOfMicroseconds() {
        Report report = report(List.of(NEAR, CAFFEINE));
        report.add(STANDALONE, NEAR_HIT, NEAR, List.of(new RunResult(6_000_000, 1.0, 170, 510)));
        report.add(STANDALONE, NEAR_HIT, CAFFEINE, List.of(hits(6_600_000)));

        assertThat(report.markdown()).contains("| chatapp RedisCache, near cache | 6,000,000 | 6,000,000-6,000,000 | 0.17 | 0.51 |");
    }

    @Test
    void markdown_stampede_tableShowsLoaderCallsOfEveryRunAndMillisecondsToServeAll() {
        Report report = report(List.of(OURS, SPRING));
        report.add(STANDALONE, STAMPEDE, OURS, List.of(stampede(0.150, 1), stampede(0.100, 1), stampede(0.200, 1)));
        report.add(STANDALONE, STAMPEDE, SPRING, List.of(stampede(0.250, 119), stampede(0.300, 281), stampede(0.200, 90)));

        assertThat(report.markdown())
                .contains("## standalone, cache misses on one key, 1000 callers at once over 2 instances\n")
                .contains("| peer | loader calls (median run) | loader calls, each run | ms to serve all (median) | min-max ms |")
                .contains("| chatapp RedisCache | 1 | 1, 1, 1 | 150 | 100-200 |")
                .contains("| Spring RedisCacheManager | 119 | 119, 281, 90 | 250 | 200-300 |");
    }

    @Test
    void markdown_stampedeOneLoadInEveryRun_loadGoalMetWithTheOthersLoads() {
        Report report = report(List.of(OURS, SPRING));
        report.add(STANDALONE, STAMPEDE, OURS, List.of(stampede(0.100, 1), stampede(0.100, 1)));
        report.add(STANDALONE, STAMPEDE, SPRING, List.of(stampede(0.200, 2), stampede(0.200, 3)));

        assertThat(report.markdown()).contains(LOADS_ONCE + ": met\n\n- standalone, cache misses on one key, 1000 callers at once "
                + "over 2 instances: loader calls per run 1, 1 (Spring RedisCacheManager 2, 3), met\n");
    }

    @Test
    void markdown_stampedeTwoLoadsInOneRunOfMany_loadGoalNotMet() {
        Report report = report(List.of(OURS));
        report.add(STANDALONE, STAMPEDE, OURS, List.of(stampede(0.100, 1), stampede(0.100, 2), stampede(0.100, 1)));

        assertThat(report.markdown()).contains(LOADS_ONCE + ": not met in 1 of 1 rows\n\n- standalone, cache misses on one key, "
                + "1000 callers at once over 2 instances: loader calls per run 1, 2, 1, not met\n");
    }

    @Test
    void markdown_stampedeServedSlowerThanTheQuickestOther_servedGoalNotMet() {
        Report report = report(List.of(OURS, SPRING, REDISSON));
        report.add(STANDALONE, STAMPEDE, OURS, List.of(stampede(0.300, 1)));
        report.add(STANDALONE, STAMPEDE, SPRING, List.of(stampede(0.250, 119)));
        report.add(STANDALONE, STAMPEDE, REDISSON, List.of(stampede(0.500, 57)));

        assertThat(report.markdown()).contains(SERVED + ": not met in 1 of 1 rows\n\n- standalone, cache misses on one key, "
                + "1000 callers at once over 2 instances: 300 ms against 250 ms for the quickest other, Spring RedisCacheManager "
                + "(119 loader calls), time ratio 1.20, not met\n");
    }

    @Test
    void markdown_stampedeServedAsQuicklyAsTheQuickestOther_servedGoalMet() {
        Report report = report(List.of(OURS, SPRING, REDISSON));
        report.add(STANDALONE, STAMPEDE, OURS, List.of(stampede(0.250, 1)));
        report.add(STANDALONE, STAMPEDE, SPRING, List.of(stampede(0.250, 119)));
        report.add(STANDALONE, STAMPEDE, REDISSON, List.of(stampede(0.500, 57)));

        assertThat(report.markdown()).contains(SERVED + ": met\n");
    }

    @Test
    void markdown_stampedeQuickestOtherLoadedManyTimes_figureNamesTheQuickestThatLoadedOnce() {
        Report report = report(List.of(OURS, SPRING, REDISSON));
        report.add(STANDALONE, STAMPEDE, OURS, List.of(stampede(0.300, 1)));
        report.add(STANDALONE, STAMPEDE, SPRING, List.of(stampede(0.250, 119)));
        report.add(STANDALONE, STAMPEDE, REDISSON, List.of(stampede(0.280, 1)));

        assertThat(report.markdown()).contains("time ratio 1.20; the quickest other with one load in every run, Redisson JCache, "
                + "280 ms, not met\n");
    }

    @Test
    void markdown_noCacheRows_noCacheGoals() {
        Report report = report(List.of(ASIDE, GET));
        report.add(STANDALONE, new Scenario(Scenario.Operation.LOCK_CONTENDED, Scenario.Driver.sync(16)),
                new NamedPeer("chatapp RedisLocks", true), List.of(hits(1_000)));

        assertThat(report.markdown()).doesNotContain("RedisCache").doesNotContain("## Caches: what a row measures");
    }

    private static Report report(List<Peer> peers) {
        return new Report(BenchMain.BenchSettings.parse(new String[] {"--short"}), peers);
    }

    /** A one-second run of hits at the given rate. */
    private static RunResult hits(long perSecond) {
        return new RunResult(perSecond, 1.0, 1_000, 3_000);
    }

    /** A stampede of 1000 callers served in the given time, with the loader calls it caused. */
    private static RunResult stampede(double seconds, long loads) {
        return new RunResult(1000, seconds, (long) (seconds * 0.5e9), (long) (seconds * 1e9)).withLoads(loads);
    }

    /** A peer that only has a name, for rows made by hand. */
    private record NamedPeer(String name, boolean judged) implements Peer {

        @Override
        public String setup() {
            return "by hand";
        }

        @Override
        public boolean measures(Scenario scenario) {
            return true;
        }

        @Override
        public Session open(Topology topology, Runner runner) {
            throw new UnsupportedOperationException("rows of this peer are made by hand");
        }
    }
}
