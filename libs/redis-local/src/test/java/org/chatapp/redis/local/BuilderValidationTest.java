package org.chatapp.redis.local;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BuilderValidationTest {

    @Test
    void cluster_fewerThanThreeMasters() {
        assertThatThrownBy(() -> LocalRedis.cluster().masters(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 3").hasMessageContaining("2");
    }

    @Test
    void cluster_negativeReplicasAndZeroNodeTimeout() {
        assertThatThrownBy(() -> LocalRedis.cluster().replicasPerMaster(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalRedis.cluster().nodeTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void standalone_portOutOfRange() {
        assertThatThrownBy(() -> LocalRedis.standalone().port(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalRedis.standalone().port(70000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void standalone_managedConfigAndBadStartupTimeout() {
        assertThatThrownBy(() -> LocalRedis.standalone().config("logfile", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalRedis.standalone().startupTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aclUser_defaultUserAndEmptyPassword() {
        assertThatThrownBy(() -> LocalRedis.cluster().aclUser("default", "pw")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalRedis.cluster().aclUser("app", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalRedis.cluster().aclUser("two words", "pw")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sentinel_noSentinelsAndBadMasterName() {
        assertThatThrownBy(() -> LocalRedis.sentinel().sentinels(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalRedis.sentinel().masterName("my master")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalRedis.sentinel().downAfter(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
