package org.chatapp.bench.chatload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    private static final Path TARGET = Path.of("target");

    @Test
    void parse_noArguments_turnsTheDeliveryTargetsIntoMessageRatesPerMember() {
        LoadOptions options = LoadOptions.parse(new String[0], TARGET);

        assertThat(options.membersPerConversation()).isEqualTo(10);
        assertThat(options.messageRates()).containsExactly(50.0, 100.0, 200.0, 500.0, 1_000.0, 2_000.0);
        assertThat(options.platformJar()).isEqualTo(TARGET.resolve("platform").resolve("chat-local.jar"));
    }

    @Test
    void parse_rate_runsOneStepAtThatManyMessagesPerSecond() {
        LoadOptions options = LoadOptions.parse(new String[] {"--rate", "75", "--connections", "20", "--conversations", "5"}, TARGET);

        assertThat(options.messageRates()).containsExactly(75.0);
        assertThat(options.membersPerConversation()).isEqualTo(4);
    }

    @Test
    void parse_conversationsNotDividingConnections_namesBoth() {
        assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse(new String[] {"--connections", "400", "--conversations", "3"}, TARGET))
                .withMessageContaining("--conversations").withMessageContaining("400").withMessageContaining("3");
    }

    @Test
    void parse_moreMembersThanTheLedgerTracks_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse(new String[] {"--connections", "130", "--conversations", "2"}, TARGET))
                .withMessageContaining("2 to 64");
    }

    @Test
    void parse_unknownArgument_listsTheKnownOnes() {
        assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse(new String[] {"--fast", "yes"}, TARGET))
                .withMessageContaining("--fast").withMessageContaining("--connections");
    }
}
