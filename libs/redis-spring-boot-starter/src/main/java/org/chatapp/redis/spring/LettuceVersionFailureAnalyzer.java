package org.chatapp.redis.spring;

import org.chatapp.redis.UnsupportedLettuceVersionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup on a Lettuce older than chatapp-redis needs, and gives the line that fixes
 * it: Spring Boot's dependency management pins its own Lettuce (6.8 in Boot 4.0, 7.5 in 4.1),
 * which wins over the version the starter asks for.
 */
final class LettuceVersionFailureAnalyzer extends AbstractFailureAnalyzer<UnsupportedLettuceVersionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedLettuceVersionException cause) {
        String required = cause.required();
        return new FailureAnalysis("chatapp-redis needs Lettuce " + required + " or later, but the class path has Lettuce "
                + cause.found() + ", probably the version Spring Boot's dependency management chose.",
                "Override Spring Boot's Lettuce version:\n"
                        + "    Maven, with spring-boot-starter-parent: add to <properties>\n"
                        + "        <lettuce.version>" + required + "</lettuce.version>\n"
                        + "    Maven, importing spring-boot-dependencies: import org.chatapp:chatapp-redis-bom before it\n"
                        + "    Gradle, with the Spring Boot plugin:\n"
                        + "        ext['lettuce.version'] = '" + required + "'",
                cause);
    }
}
