package org.chatapp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which rows {@code --only} selects. */
class BenchSettingsTest {

    @Test
    void selects_textWithComma_matchesRowsContainingIt() {
        BenchMain.BenchSettings settings = BenchMain.BenchSettings.parse(new String[] {"--only", "standalone GET, 16"});

        assertThat(settings.selects("standalone GET, 16 threads sync")).isTrue();
        assertThat(settings.selects("standalone GET, 1 thread sync")).isFalse();
    }

    @Test
    void selects_textsSeparatedByBar_matchesRowsContainingAnyOfThem() {
        BenchMain.BenchSettings settings = BenchMain.BenchSettings.parse(new String[] {"--only", "pub/sub|lock"});

        assertThat(settings.selects("cluster 3x1 pub/sub, 1 publisher thread, 1 subscriber")).isTrue();
        assertThat(settings.selects("standalone lock contended, one name, 16 threads sync")).isTrue();
        assertThat(settings.selects("standalone rate limit token bucket, 1 thread sync")).isFalse();
    }

    @Test
    void selects_batch_matchesOnlyTheBatchRows() {
        BenchMain.BenchSettings settings = BenchMain.BenchSettings.parse(new String[] {"--only", "batch"});

        assertThat(BenchMain.scenarios()).filteredOn(scenario -> settings.selects("cluster 3x1 " + scenario.label()))
                .extracting(Scenario::label)
                .containsExactly("GET, batch of 128", "SET, batch of 128");
    }

    @Test
    void selects_cache_matchesOnlyTheCacheRows() {
        BenchMain.BenchSettings settings = BenchMain.BenchSettings.parse(new String[] {"--only", "cache"});

        assertThat(BenchMain.scenarios()).filteredOn(scenario -> settings.selects("standalone " + scenario.label()))
                .allSatisfy(scenario -> assertThat(scenario.family()).isEqualTo(Scenario.Family.CACHE))
                .extracting(Scenario::label)
                .containsExactly("cache near hit, 1 thread sync", "cache near hit, 16 threads sync", "cache-aside hit, 1 thread sync",
                        "cache-aside hit, 16 threads sync", "cache misses on one key, 1000 callers at once over 2 instances");
    }

    @Test
    void selects_noOnly_matchesEveryRow() {
        BenchMain.BenchSettings settings = BenchMain.BenchSettings.parse(new String[0]);

        assertThat(BenchMain.scenarios()).allSatisfy(scenario -> assertThat(settings.selects("standalone " + scenario.label())).isTrue());
    }
}
