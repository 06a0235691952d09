package org.chatapp.redis.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The lines of a {@code redis.conf} or {@code sentinel.conf}, kept in order and rendered with
 * every argument quoted where Redis' own parser would otherwise split or misread it.
 */
final class ServerConfig {

    /** One configuration line: a directive name and its arguments. */
    record Directive(String name, List<String> arguments) {

        Directive {
            if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("config name must be one word but was '" + name + "'");
            }
            arguments = List.copyOf(arguments);
        }
    }

    private final List<Directive> directives = new ArrayList<>();

    /**
     * Returns the lines every node needs, data node or sentinel: where it listens, that it stays in
     * the foreground, and where its directory and log file are.
     */
    static ServerConfig base(int port, Path directory, Path logFile) {
        return new ServerConfig()
                .set("port", Integer.toString(port))
                .set("bind", LocalRedisNode.HOST)
                .set("protected-mode", "no")
                .set("daemonize", "no")
                .set("dir", directory.toAbsolutePath().toString())
                .set("logfile", logFile.toAbsolutePath().toString());
    }

    /** Returns the lines that make a data node a throwaway: no persistence, fast replica sync. */
    static ServerConfig throwawayData() {
        return new ServerConfig()
                .set("save", "")
                .set("appendonly", "no")
                // Redis 7 waits 5 s by default before a diskless sync so more replicas can join it;
                // a test setup wants its replica in sync at once.
                .set("repl-diskless-sync", "yes")
                .set("repl-diskless-sync-delay", "0");
    }

    /** Appends one line. */
    ServerConfig set(String name, String... arguments) {
        directives.add(new Directive(name, List.of(arguments)));
        return this;
    }

    /** Appends all lines of another configuration. */
    ServerConfig append(ServerConfig other) {
        directives.addAll(other.directives);
        return this;
    }

    List<Directive> directives() {
        return Collections.unmodifiableList(directives);
    }

    /** Returns the text of the configuration file. */
    String render() {
        StringBuilder text = new StringBuilder();
        for (Directive directive : directives) {
            text.append(directive.name());
            for (String argument : directive.arguments()) {
                text.append(' ').append(quote(argument));
            }
            text.append('\n');
        }
        return text.toString();
    }

    /**
     * Returns the argument as Redis' config parser reads it back unchanged: bare when it is a plain
     * word, otherwise double-quoted with the escapes that parser understands.
     */
    static String quote(String argument) {
        if (!argument.isEmpty() && argument.chars().allMatch(ServerConfig::isPlain)) {
            return argument;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : argument.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        quoted.append(String.format("\\x%02x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static boolean isPlain(int c) {
        return c > 0x20 && c < 0x7f && c != '"' && c != '\'' && c != '\\';
    }
}
