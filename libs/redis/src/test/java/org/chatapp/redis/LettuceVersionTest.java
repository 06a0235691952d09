package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LettuceVersionTest {

    @Test
    void required_afterBuild_isTheLettuceThisModuleCompiledAgainst() {
        assertThat(LettuceVersion.required()).isEqualTo(LettuceVersion.found().orElseThrow());
    }

    @Test
    void found_onTheTestClasspath_dropsTheCommitSuffixOfTheManifest() {
        assertThat(LettuceVersion.found()).hasValueSatisfying(version -> assertThat(version).matches("\\d+\\.\\d+\\.\\d+\\.RELEASE"));
    }

    @Test
    void compare_olderMinorOrMajor_isNegative() {
        assertThat(LettuceVersion.compare("6.8.2.RELEASE", "7.7.0.RELEASE")).isNegative();
        assertThat(LettuceVersion.compare("7.5.2.RELEASE", "7.7.0.RELEASE")).isNegative();
    }

    @Test
    void compare_newerPatchOrMajor_isPositive() {
        assertThat(LettuceVersion.compare("7.7.1.RELEASE", "7.7.0.RELEASE")).isPositive();
        assertThat(LettuceVersion.compare("8.0.0.RELEASE", "7.7.0.RELEASE")).isPositive();
        assertThat(LettuceVersion.compare("7.10.0.RELEASE", "7.7.0.RELEASE")).isPositive();
    }

    @Test
    void compare_sameNumbersWithOtherQualifier_isZero() {
        assertThat(LettuceVersion.compare("7.7.0.RELEASE", "7.7.0")).isZero();
    }

    @Test
    void requireSupported_onTheLettuceBuiltWith_passes() {
        LettuceVersion.requireSupported();
    }

    @Test
    void unsupportedLettuceVersionException_message_namesFoundRequiredAndArtifact() {
        UnsupportedLettuceVersionException e = new UnsupportedLettuceVersionException("6.8.2.RELEASE", "7.7.0.RELEASE");

        assertThat(e.getMessage()).contains("6.8.2.RELEASE", "7.7.0.RELEASE", "io.lettuce:lettuce-core");
    }
}
