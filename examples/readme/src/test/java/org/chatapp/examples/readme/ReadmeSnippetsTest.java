package org.chatapp.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every java, xml, properties and yaml snippet of the README is code the build compiles and runs, or a property the starter binds. */
class ReadmeSnippetsTest {

    private static final String FENCE = "```";

    /** The project's README against the project's files and the starter's generated metadata. */
    @Nested
    class ProjectReadme {

        private final Path root = ReadmeSnippets.projectRoot();
        private final ReadmeSnippets snippets = new ReadmeSnippets(root, ReadmeSnippets.starterProperties());
        private final String readme = read(root.resolve("README.md"));

        @Test
        void readme_fencedBlocks_includeEveryCheckedLanguage() {
            assertThat(ReadmeSnippets.blocks(readme)).extracting(ReadmeSnippets.Block::language)
                    .contains("java", "xml", "properties");
        }

        @Test
        void readme_javaBlocks_appearInCompiledFiles() {
            assertThat(snippets.problems(readme, Set.of("java"))).isEmpty();
        }

        @Test
        void readme_xmlBlocks_areWellFormedAndAppearInExamplePoms() {
            assertThat(snippets.problems(readme, Set.of("xml"))).isEmpty();
        }

        @Test
        void readme_propertiesBlocks_setOnlyKnownPropertiesWithoutTrailingComments() {
            assertThat(snippets.problems(readme, Set.of("properties"))).isEmpty();
        }

        @Test
        void readme_yamlBlocks_appearInProjectFiles() {
            assertThat(snippets.problems(readme, Set.of("yaml", "yml"))).isEmpty();
        }

        @Test
        void starterMetadata_onTheTestClasspath_listsTheStarterProperties() {
            assertThat(ReadmeSnippets.starterProperties()).contains("chatapp.redis.host", "chatapp.redis.key-prefix",
                    "chatapp.redis.clients");
        }
    }

    /** The checker itself, on made-up READMEs and a made-up project, so that each rule is seen to fail. */
    @Nested
    class Checker {

        @TempDir
        Path root;
        private ReadmeSnippets snippets;

        @BeforeEach
        void project() throws IOException {
            write("examples/app/src/main/java/demo/App.java", """
                    package demo;

                    class App {
                        void run() {
                            String title = "General";
                            System.out.println(title);   // trailing comment
                        }
                    }
                    """);
            write("examples/app/target/classes/demo/Generated.java", "class Generated {}\n");
            write("docs/Elsewhere.java", "class Elsewhere {}\n");
            write("examples/app/pom.xml", """
                    <project>
                      <dependencies>
                        <dependency>
                          <groupId>org.chatapp</groupId>
                          <artifactId>chatapp-redis</artifactId>
                        </dependency>
                      </dependencies>
                    </project>
                    """);
            write("examples/app/compose.yaml", """
                    services:
                      redis:
                        image: redis:7
                    """);
            snippets = new ReadmeSnippets(root, Set.of("chatapp.redis.host", "chatapp.redis.key-prefix",
                    "chatapp.redis.command-timeout", "chatapp.redis.clients", "chatapp.redis.cache.near-cache.enabled",
                    "chatapp.redis.cache.caches"));
        }

        @Test
        void javaBlock_consecutiveLinesOfACompiledFileIndentedDifferently_passes() {
            String readme = readme("java", """
                    void run() {
                        String title = "General";
                        System.out.println(title);   // trailing comment
                    }
                    """);

            assertThat(snippets.problems(readme)).isEmpty();
        }

        @Test
        void javaBlock_lineNotInTheFile_failsNamingThatLineAndItsReadmeLine() {
            String readme = readme("java", """
                    void run() {
                        String title = "General";
                        System.out.println(title.length());
                    }
                    """);

            assertThat(snippets.problems(readme)).singleElement().asString()
                    .startsWith("line 7: 'System.out.println(title.length());'")
                    .contains("examples/app/src/main/java/demo/App.java");
        }

        @Test
        void javaBlock_linesInAnotherOrder_fails() {
            String readme = readme("java", """
                    System.out.println(title);   // trailing comment
                    String title = "General";
                    """);

            assertThat(snippets.problems(readme)).singleElement().asString().startsWith("line 6: 'String title = \"General\";'");
        }

        @Test
        void javaBlock_relativeIndentationChanged_fails() {
            String readme = readme("java", """
                    String title = "General";
                    System.out.println(title);   // trailing comment
                    """);

            assertThat(snippets.problems(readme.replace("System.out", "    System.out"))).hasSize(1);
        }

        @Test
        void javaBlock_onlyInBuildOutputOrOutsideTheCompiledTrees_fails() {
            assertThat(snippets.problems(readme("java", "class Generated {}\n"))).hasSize(1);
            assertThat(snippets.problems(readme("java", "class Elsewhere {}\n"))).hasSize(1);
        }

        @Test
        void xmlBlock_inAnExamplePom_passes() {
            String readme = readme("xml", """
                    <dependency>
                      <groupId>org.chatapp</groupId>
                      <artifactId>chatapp-redis</artifactId>
                    </dependency>
                    """);

            assertThat(snippets.problems(readme)).isEmpty();
        }

        @Test
        void xmlBlock_wellFormedButInNoPom_fails() {
            String readme = readme("xml", """
                    <dependency>
                      <groupId>org.chatapp</groupId>
                      <artifactId>chatapp-redis-local</artifactId>
                    </dependency>
                    """);

            assertThat(snippets.problems(readme)).singleElement().asString()
                    .startsWith("line 7: '<artifactId>chatapp-redis-local</artifactId>'");
        }

        @Test
        void xmlBlock_notWellFormed_fails() {
            String readme = readme("xml", """
                    <dependency>
                      <groupId>org.chatapp</groupId>
                    """);

            assertThat(snippets.problems(readme)).singleElement().asString().contains("not well-formed");
        }

        @Test
        void propertiesBlock_knownPropertiesAndCommentLines_passes() {
            String readme = readme("properties", """
                    # a comment on a line of its own
                    chatapp.redis.host=redis.internal
                    chatapp.redis.key-prefix=chat:
                    """);

            assertThat(snippets.problems(readme)).isEmpty();
        }

        @Test
        void propertiesBlock_commentAfterTheValue_fails() {
            String readme = readme("properties", "chatapp.redis.host=redis.internal   # the primary\n");

            assertThat(snippets.problems(readme)).singleElement().asString()
                    .startsWith("line 5: the value of chatapp.redis.host is 'redis.internal   # the primary'");
        }

        @Test
        void propertiesBlock_valueStartingWithHash_fails() {
            String readme = readme("properties", "chatapp.redis.key-prefix=#chat\n");

            assertThat(snippets.problems(readme)).singleElement().asString().contains("chatapp.redis.key-prefix");
        }

        @Test
        void propertiesBlock_unknownProperty_fails() {
            String readme = readme("properties", "chatapp.redis.prot=7000\n");

            assertThat(snippets.problems(readme)).singleElement().asString()
                    .isEqualTo("line 5: chatapp.redis.prot is not a property of the starter (nor spring.*, management.*, logging.*)");
        }

        @Test
        void propertiesBlock_namedClientWithAKnownProperty_passes() {
            String readme = readme("properties", "chatapp.redis.clients.sessions.command-timeout=500ms\n");

            assertThat(snippets.problems(readme)).isEmpty();
        }

        @Test
        void propertiesBlock_namedClientWithAnUnknownProperty_fails() {
            String readme = readme("properties", "chatapp.redis.clients.sessions.timeout=500ms\n");

            assertThat(snippets.problems(readme)).singleElement().asString().contains("chatapp.redis.clients.sessions.timeout");
        }

        @Test
        void propertiesBlock_namedCacheWithAKnownProperty_passes() {
            String readme = readme("properties", "chatapp.redis.cache.caches.rooms.near-cache.enabled=true\n");

            assertThat(snippets.problems(readme)).isEmpty();
        }

        @Test
        void propertiesBlock_namedCacheWithAnUnknownProperty_fails() {
            String readme = readme("properties", "chatapp.redis.cache.caches.rooms.near.enabled=true\n");

            assertThat(snippets.problems(readme)).singleElement().asString().contains("chatapp.redis.cache.caches.rooms.near.enabled");
        }

        @Test
        void propertiesBlock_springManagementAndLoggingProperties_passUnchecked() {
            String readme = readme("properties", """
                    spring.application.name=chat
                    management.health.redis.enabled=false
                    logging.level.io.lettuce=WARN
                    """);

            assertThat(snippets.problems(readme)).isEmpty();
        }

        @Test
        void yamlBlock_inAnExampleFile_passes() {
            assertThat(snippets.problems(readme("yaml", "redis:\n  image: redis:7\n"))).isEmpty();
        }

        @Test
        void yamlBlock_inNoFile_fails() {
            assertThat(snippets.problems(readme("yaml", "redis:\n  image: redis:8\n"))).hasSize(1);
        }

        @Test
        void shellBlock_anyContent_isNotChecked() {
            assertThat(snippets.problems(readme("sh", "./mvnw verify   # anything goes\n"))).isEmpty();
            assertThat(snippets.problems(readme("", "chatapp.redis.prot=1 # not checked\n"))).isEmpty();
        }

        @Test
        void fence_neverClosed_fails() {
            String readme = "# Title\n\n" + FENCE + "java\nclass App {\n";

            assertThat(snippets.problems(readme)).singleElement().asString().isEqualTo("line 3: the fence ```java is never closed");
        }

        @Test
        void blocks_afterAnUncheckedBlock_areStillChecked() {
            String readme = readme("sh", "echo hello\n") + readme("java", "class Missing {}\n");

            assertThat(snippets.problems(readme)).singleElement().asString().contains("class Missing {}");
        }

        private void write(String relative, String text) throws IOException {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        }
    }

    /** Returns a made-up README whose only block, of the language, starts on line 5 (its fence is on line 4). */
    private static String readme(String language, String block) {
        return "# Title\n\nSome text.\n" + FENCE + language + "\n" + block + FENCE + "\n\nMore text.\n";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }
}
