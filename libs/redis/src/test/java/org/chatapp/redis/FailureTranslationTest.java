package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.RedisReadOnlyException;
import io.lettuce.core.cluster.PartitionSelectorException;
import io.lettuce.core.cluster.models.partitions.Partitions;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a failed command's cause becomes the exception its caller sees: by type and error code, never by message text. */
class FailureTranslationTest {

    @ParameterizedTest
    @ValueSource(strings = {"CLUSTERDOWN The cluster is down", "TRYAGAIN Multiple keys request during rehashing of slot",
            "MASTERDOWN Link with MASTER is down", "NOREPLICAS Not enough good replicas to write.",
            "BUSY Redis is busy running a script."})
    void translate_notNowServerError_isUnavailableWithItsCode(String error) {
        RedisServiceException translated = CommandRunner.translate("SET", "k", new RedisCommandExecutionException(error));

        assertThat(translated).isInstanceOfSatisfying(RedisUnavailableException.class,
                e -> assertThat(e.errorCode()).isEqualTo(error.split(" ")[0]));
    }

    @Test
    void translate_loadingAndReadOnly_areUnavailable() {
        assertThat(CommandRunner.translate("GET", "k", new RedisLoadingException("LOADING Redis is loading the dataset")))
                .isInstanceOf(RedisUnavailableException.class);
        assertThat(CommandRunner.translate("SET", "k", new RedisReadOnlyException("READONLY You can't write against a read only replica.")))
                .isInstanceOf(RedisUnavailableException.class);
    }

    @Test
    void translate_otherServerError_isCommandExceptionWithItsCode() {
        RedisServiceException translated = CommandRunner.translate("GET", "k",
                new RedisCommandExecutionException("WRONGTYPE Operation against a key holding the wrong kind of value"));

        assertThat(translated).isInstanceOfSatisfying(RedisCommandException.class,
                e -> assertThat(e.errorCode()).isEqualTo("WRONGTYPE"));
    }

    @Test
    void translate_timeout_isTimeoutAndOfUnknownOutcome() {
        assertThat(CommandRunner.translate("INCR", "k", new RedisCommandTimeoutException("Command timed out after 2 second(s)")))
                .isInstanceOf(RedisTimeoutException.class).isInstanceOf(RedisOutcomeUnknownException.class);
    }

    @Test
    void translate_connectionLostAfterTheWrite_isUnknownOutcomeButNoTimeout() {
        assertThat(CommandRunner.translate("INCR", "k", new ReplayGuard.UnknownOutcome("127.0.0.1:7000")))
                .isInstanceOf(RedisOutcomeUnknownException.class).isNotInstanceOf(RedisTimeoutException.class);
    }

    @Test
    void translate_notSent_isConnectionFailure() {
        assertThat(CommandRunner.translate("GET", "k", new RedisException("Currently not connected. Commands are rejected.")))
                .isInstanceOf(RedisConnectionFailureException.class);
        assertThat(CommandRunner.translate("GET", "k", new RedisConnectionException("Unable to connect")))
                .isInstanceOf(RedisConnectionFailureException.class);
        assertThat(CommandRunner.translate("GET", "k", new PartitionSelectorException("Cannot determine a partition", new Partitions())))
                .isInstanceOf(RedisConnectionFailureException.class);
        assertThat(CommandRunner.translate("GET", "k", new CompletionException(new IOException("Connection reset"))))
                .isInstanceOf(RedisConnectionFailureException.class);
    }

    @Test
    void translate_sameMessageOnAnotherType_isNotMistakenForAConnectionFailure() {
        assertThat(CommandRunner.translate("GET", "k", new IllegalArgumentException("Connection closed")))
                .isExactlyInstanceOf(RedisServiceException.class);
    }

    @Test
    void translate_keepsOperationAndKey() {
        RedisServiceException translated = CommandRunner.translate("GET", "user:1", new RedisException("Connection closed"));

        assertThat(translated.operation()).isEqualTo("GET");
        assertThat(translated.key()).isEqualTo("user:1");
    }
}
