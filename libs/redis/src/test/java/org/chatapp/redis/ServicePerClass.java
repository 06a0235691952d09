package org.chatapp.redis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * One {@link RedisService} per test class, under a key prefix unique to the class, and keys under
 * each test's own name: the base of the suites run once per topology.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServicePerClass {

    private RedisService redis;
    private String k;

    /** Returns options for the topology under test, with the given key prefix. */
    abstract RedisOptions options(String keyPrefix);

    RedisService redis() {
        if (redis == null) {
            redis = RedisService.create(options(getClass().getSimpleName() + "-" + System.nanoTime() + ":"));
        }
        return redis;
    }

    @BeforeEach
    void keyForTest(TestInfo test) {
        k = test.getTestMethod().orElseThrow().getName() + ":";
    }

    @AfterAll
    void closeService() {
        if (redis != null) {
            redis.close();
        }
    }

    /** A key under the running test's name. */
    String key(String name) {
        return k + name;
    }
}
