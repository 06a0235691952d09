package org.chatapp.examples.readme;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Checks the fenced code blocks of a Markdown text against the project, so a snippet a reader
 * copies is code the build compiles and runs: a {@code java} block must be consecutive lines of a
 * Java file the build compiles, an {@code xml} block well-formed and consecutive lines of an
 * example's {@code pom.xml}, a {@code properties} block free of trailing comments (a
 * {@code .properties} file keeps them as part of the value) and made of properties the starter
 * binds, a {@code yaml} block consecutive lines of a project file. Lines are compared after
 * removing the common leading indentation of the block and of the file lines it is compared with,
 * trailing spaces ignored. Blocks of other languages (shell commands) are not checked.
 */
final class ReadmeSnippets {

    /** A fenced block: its language (lower case, empty without one), the line number of its first content line, its lines. */
    record Block(String language, int firstLine, List<String> lines) {
    }

    private static final Pattern OPENING_FENCE = Pattern.compile("^(\\s*)(`{3,}|~{3,})\\s*([^\\s`]*).*$");
    private static final Pattern LIST_INDEX = Pattern.compile("\\[\\d+]");
    private static final Pattern NAMED_CLIENT = Pattern.compile("chatapp\\.redis\\.clients\\.[^.]+\\.(.+)");
    /** One cache's own settings: the same names as the defaults of every cache, under caches.<name>. */
    private static final Pattern NAMED_CACHE = Pattern.compile("chatapp\\.redis\\.cache\\.caches\\.[^.]+\\.(.+)");
    private static final Pattern COMMENT_IN_VALUE = Pattern.compile("(^|\\s)#");
    /** Spring Boot's own properties; the starter's metadata does not list them, and the README only shows well-known ones. */
    private static final List<String> UNCHECKED_PREFIXES = List.of("spring.", "management.", "logging.");
    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    private static final List<String> JAVA_TREES = List.of(
            "glob:examples/*/src/**/*.java", "glob:libs/*/src/test/java/**/*.java", "glob:libs/*/src/it/**/*.java");
    private static final List<String> POM_TREES = List.of("glob:examples/**/pom.xml", "glob:libs/*/src/it/**/pom.xml");
    private static final List<String> YAML_TREES = List.of("glob:examples/**", "glob:libs/*/src/**");

    private final Path projectRoot;
    private final Set<String> knownProperties;
    private final Map<List<String>, Map<Path, List<String>>> filesByTrees = new HashMap<>();

    /**
     * @param projectRoot the directory holding {@code examples/} and {@code libs/}
     * @param knownProperties the full names of the properties a {@code properties} block may set
     */
    ReadmeSnippets(Path projectRoot, Set<String> knownProperties) {
        this.projectRoot = projectRoot;
        this.knownProperties = Set.copyOf(knownProperties);
    }

    /** Returns the directory above the working directory (or Maven's {@code basedir}) that holds the README, {@code examples/} and {@code libs/}. */
    static Path projectRoot() {
        Path start = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path directory = start; directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("README.md")) && Files.isDirectory(directory.resolve("examples"))
                    && Files.isDirectory(directory.resolve("libs"))) {
                return directory;
            }
        }
        throw new IllegalStateException("No directory with README.md, examples/ and libs/ at or above " + start);
    }

    /**
     * Returns the names of the {@code chatapp.*} properties in the configuration metadata on the
     * classpath, which the starter's build generates from its properties classes and merges with
     * the hand-written additions.
     *
     * @throws IllegalStateException if the starter's metadata is not on the classpath
     */
    static Set<String> starterProperties() {
        try {
            ConfigurationMetadataRepositoryJsonBuilder repository = ConfigurationMetadataRepositoryJsonBuilder.create();
            Enumeration<URL> resources = ReadmeSnippets.class.getClassLoader().getResources(METADATA);
            boolean found = false;
            // Spring Boot's own jars carry metadata files too; only the starter's is wanted.
            for (URL resource : Collections.list(resources)) {
                byte[] json;
                try (InputStream in = resource.openStream()) {
                    json = in.readAllBytes();
                }
                if (new String(json, StandardCharsets.UTF_8).contains("\"chatapp.redis.")) {
                    repository.withJsonResource(new ByteArrayInputStream(json));
                    found = true;
                }
            }
            if (!found) {
                throw new IllegalStateException("No " + METADATA + " with chatapp.redis.* properties on the classpath: "
                        + "chatapp-redis-spring-boot-starter must be a test dependency");
            }
            return repository.build().getAllProperties().keySet();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + METADATA, e);
        }
    }

    /**
     * Returns the fenced blocks of a Markdown text.
     *
     * @throws IllegalArgumentException if a fence is never closed
     */
    static List<Block> blocks(String markdown) {
        List<String> lines = markdown.lines().toList();
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher opening = OPENING_FENCE.matcher(lines.get(i));
            if (!opening.matches()) {
                continue;
            }
            int indent = opening.group(1).length();
            String fence = opening.group(2);
            Pattern closing = Pattern.compile("^\\s*" + Pattern.quote(fence.substring(0, 1)) + "{" + fence.length() + ",}\\s*$");
            int end = i + 1;
            while (end < lines.size() && !closing.matcher(lines.get(end)).matches()) {
                end++;
            }
            if (end == lines.size()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": the fence " + lines.get(i).strip() + " is never closed");
            }
            List<String> content = lines.subList(i + 1, end).stream().map(line -> removeIndent(line, indent)).toList();
            blocks.add(new Block(opening.group(3).toLowerCase(Locale.ROOT), i + 2, content));
            i = end;
        }
        return blocks;
    }

    /** Returns what is wrong with the checked blocks of a Markdown text, one sentence each; empty when nothing is. */
    List<String> problems(String markdown) {
        return problems(markdown, Set.of("java", "xml", "properties", "yaml", "yml"));
    }

    /** Returns what is wrong with the blocks of the given languages, one sentence each; empty when nothing is. */
    List<String> problems(String markdown, Set<String> languages) {
        List<Block> blocks;
        try {
            blocks = blocks(markdown);
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (Block block : blocks) {
            if (languages.contains(block.language())) {
                problems.addAll(problems(block));
            }
        }
        return problems;
    }

    private List<String> problems(Block block) {
        return switch (block.language()) {
            case "java" -> notFound(block, JAVA_TREES, "a Java file the build compiles (examples/*/src, libs/*/src/test/java, libs/*/src/it)");
            case "xml" -> xmlProblems(block);
            case "properties" -> propertiesProblems(block);
            case "yaml", "yml" -> notFound(block, YAML_TREES, "a file under examples/ or libs/*/src/");
            default -> List.of();
        };
    }

    private List<String> xmlProblems(Block block) {
        String wrapped = "<snippet>\n" + String.join("\n", block.lines()) + "\n</snippet>";
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var builder = factory.newDocumentBuilder();
            // The default handler prints parse errors to stderr; the problem list reports them instead.
            builder.setErrorHandler(new DefaultHandler());
            builder.parse(new InputSource(new StringReader(wrapped)));
        } catch (SAXException e) {
            return List.of("line " + block.firstLine() + ": the xml block is not well-formed: " + e.getMessage());
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException("Cannot parse XML", e);
        }
        return notFound(block, POM_TREES, "a pom.xml under examples/ or libs/*/src/it/");
    }

    private List<String> propertiesProblems(Block block) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(String.join("\n", block.lines())));
        } catch (IOException | IllegalArgumentException e) {
            return List.of("line " + block.firstLine() + ": the properties block cannot be loaded: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            String where = "line " + lineOfKey(block, key) + ": ";
            String value = properties.getProperty(key);
            if (COMMENT_IN_VALUE.matcher(value).find()) {
                problems.add(where + "the value of " + key + " is '" + value
                        + "': a .properties file keeps a # after the value as part of it; put comments on lines of their own");
            }
            if (!isKnownProperty(key)) {
                problems.add(where + key + " is not a property of the starter (nor spring.*, management.*, logging.*)");
            }
        }
        return problems;
    }

    private boolean isKnownProperty(String key) {
        String name = LIST_INDEX.matcher(key).replaceAll("");
        if (UNCHECKED_PREFIXES.stream().anyMatch(name::startsWith) || knownProperties.contains(name)) {
            return true;
        }
        Matcher namedCache = NAMED_CACHE.matcher(name);
        if (namedCache.matches()) {
            return !namedCache.group(1).startsWith("caches.") && knownProperties.contains("chatapp.redis.cache." + namedCache.group(1));
        }
        Matcher namedClient = NAMED_CLIENT.matcher(name);
        return namedClient.matches() && !namedClient.group(1).startsWith("clients.")
                && knownProperties.contains("chatapp.redis." + namedClient.group(1));
    }

    private static int lineOfKey(Block block, String key) {
        for (int i = 0; i < block.lines().size(); i++) {
            String line = block.lines().get(i).strip();
            if (line.startsWith(key) && (line.length() == key.length() || "=: \t".indexOf(line.charAt(key.length())) >= 0)) {
                return block.firstLine() + i;
            }
        }
        return block.firstLine();
    }

    /**
     * Returns a problem naming the first line of the block that no file of the trees continues
     * (after the longest run of the block's lines found in one file), or nothing when one file
     * holds all of them.
     */
    private List<String> notFound(Block block, List<String> trees, String where) {
        List<String> lines = block.lines().stream().map(String::stripTrailing).toList();
        if (lines.stream().allMatch(String::isEmpty)) {
            return List.of("line " + block.firstLine() + ": the " + block.language() + " block is empty");
        }
        int longest = 0;
        Path longestIn = null;
        for (Map.Entry<Path, List<String>> file : files(trees).entrySet()) {
            List<String> candidate = file.getValue();
            for (int start = 0; start < candidate.size(); start++) {
                int matched = matchedLines(lines, candidate, start);
                if (matched == lines.size()) {
                    return List.of();
                }
                if (matched > longest) {
                    longest = matched;
                    longestIn = file.getKey();
                }
            }
        }
        String missing = "line " + (block.firstLine() + longest) + ": '" + lines.get(longest).strip() + "' of the "
                + block.language() + " block at line " + block.firstLine() + " is not in " + where;
        return List.of(longestIn == null ? missing
                : missing + " (the " + longest + " line(s) before it are in " + projectRoot.relativize(longestIn) + ")");
    }

    /**
     * Returns how many lines of the block, from its first, equal the file's lines from {@code start}
     * with one indentation difference for all of them (so that both sides, each without its common
     * indentation, are equal); blank lines match blank lines.
     */
    private static int matchedLines(List<String> block, List<String> file, int start) {
        Integer shift = null;
        int matched = 0;
        for (; matched < block.size() && start + matched < file.size(); matched++) {
            String expected = block.get(matched);
            String actual = file.get(start + matched);
            if (expected.isEmpty() || actual.isEmpty()) {
                if (!(expected.isEmpty() && actual.isEmpty())) {
                    break;
                }
                continue;
            }
            int indentDifference = indent(actual) - indent(expected);
            if (!actual.substring(indent(actual)).equals(expected.substring(indent(expected)))
                    || (shift != null && shift != indentDifference)) {
                break;
            }
            shift = indentDifference;
        }
        return matched;
    }

    /** Returns the lines, trailing spaces removed, of each file under the project root that one of the globs matches, skipping build output. */
    private Map<Path, List<String>> files(List<String> globs) {
        return filesByTrees.computeIfAbsent(globs, key -> {
            List<PathMatcher> matchers = globs.stream().map(FileSystems.getDefault()::getPathMatcher).toList();
            try (Stream<Path> paths = Stream.of("examples", "libs").map(projectRoot::resolve).filter(Files::isDirectory)
                    .flatMap(ReadmeSnippets::walk)) {
                return paths.filter(Files::isRegularFile)
                        .filter(path -> !isBuildOutput(projectRoot.relativize(path)))
                        .filter(path -> matchers.stream().anyMatch(matcher -> matcher.matches(projectRoot.relativize(path))))
                        .collect(Collectors.toMap(path -> path, ReadmeSnippets::strippedLines));
            }
        });
    }

    private static Stream<Path> walk(Path directory) {
        try {
            return Files.walk(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
    }

    private static boolean isBuildOutput(Path relative) {
        for (Path element : relative) {
            if (element.toString().equals("target") || element.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> strippedLines(Path file) {
        try {
            // Decoded leniently: a binary file among the YAML candidates then simply matches nothing.
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().map(String::stripTrailing).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static String removeIndent(String line, int indent) {
        int removable = 0;
        while (removable < indent && removable < line.length() && line.charAt(removable) == ' ') {
            removable++;
        }
        return line.substring(removable);
    }

    private static int indent(String line) {
        int indent = 0;
        while (indent < line.length() && Character.isWhitespace(line.charAt(indent))) {
            indent++;
        }
        return indent;
    }
}
