package com.example.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chatapp.redis.LettuceVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

// Spring Boot 4.0's dependency management pins Lettuce 6.8 and nothing here overrides it: the
// application must refuse to start, saying which Lettuce it found, which it needs and what to add.
@ExtendWith(OutputCaptureExtension.class)
class ChatApplicationTest {

    @Test
    void lettuce_bootsPinnedVersion_isOlderThanRequired() {
        assertThat(LettuceVersion.found()).hasValueSatisfying(found -> assertThat(found).startsWith("6."));
    }

    @Test
    void startup_withBootsLettuce_failsWithAnAnalysisNamingFoundRequiredAndTheLineToAdd(CapturedOutput output) {
        // adaptive-refresh=false reached a Lettuce 7-only method: a NoSuchMethodError before the check.
        assertThatThrownBy(() -> ChatApplication.main(new String[] {"--spring.main.banner-mode=off",
                "--chatapp.redis.cluster.adaptive-refresh=false"}))
                .hasRootCauseInstanceOf(org.chatapp.redis.UnsupportedLettuceVersionException.class);

        assertThat(output).contains("APPLICATION FAILED TO START", "Lettuce " + LettuceVersion.found().orElseThrow(),
                "Lettuce " + LettuceVersion.required() + " or later",
                "<lettuce.version>" + LettuceVersion.required() + "</lettuce.version>");
        assertThat(output).doesNotContain("NoSuchMethodError", "Started a local Redis");
    }
}
