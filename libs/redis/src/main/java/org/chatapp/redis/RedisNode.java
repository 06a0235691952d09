package org.chatapp.redis;

import java.util.ArrayList;
import java.util.List;

/**
 * The address of one Redis node: a cluster seed, a sentinel, or a single server.
 *
 * @param host the host name or IP address, never blank
 * @param port the TCP port, 1 to 65535
 */
public record RedisNode(String host, int port) {

    /**
     * Validates the address.
     *
     * @throws InvalidRedisOptionException naming {@code host} when the host is blank or not a plain
     *     host, {@code port} when the port is outside 1-65535
     */
    public RedisNode {
        requireHost("host", host);
        requirePort("port", port);
    }

    /**
     * Checks a host name or IP address. A URL is refused: it may carry credentials, which would
     * then travel into logs and messages; such a value is never repeated in the message.
     *
     * @throws InvalidRedisOptionException naming the setting when the host is blank or not a plain host
     */
    static void requireHost(String setting, String host) {
        if (host == null || host.isBlank()) {
            throw new InvalidRedisOptionException(setting, setting + " must not be empty, was '" + host + "'");
        }
        if (host.indexOf('@') >= 0) {
            throw new InvalidRedisOptionException(setting, setting + " must be a host name or IP address, not a URL with credentials");
        }
        if (host.indexOf('/') >= 0 || host.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidRedisOptionException(setting, setting + " must be a host name or IP address, was '" + host + "'");
        }
    }

    /**
     * Checks a TCP port.
     *
     * @throws InvalidRedisOptionException naming the setting when the port is outside 1-65535
     */
    static void requirePort(String setting, int port) {
        if (port < 1 || port > 65535) {
            throw new InvalidRedisOptionException(setting, setting + " must be between 1 and 65535, was " + port);
        }
    }

    /**
     * Returns an unmodifiable copy of a list of nodes.
     *
     * @throws InvalidRedisOptionException naming the entry, such as {@code nodes[1]}, when one is null
     */
    static List<RedisNode> copyOf(String setting, List<RedisNode> nodes) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) == null) {
                String entry = setting + "[" + i + "]";
                throw new InvalidRedisOptionException(entry, entry + " must be a host:port, was null");
            }
        }
        return List.copyOf(nodes);
    }

    /** Returns the text for a message, unless it may carry credentials. */
    private static String printable(String text) {
        return text.indexOf('@') >= 0 ? "a URL with credentials (not shown)" : "'" + text + "'";
    }

    /**
     * Parses {@code host:port}; an IPv6 host is written in brackets, {@code [::1]:7000}.
     *
     * @throws InvalidRedisOptionException naming {@code address} when the text is not
     *     {@code host:port}, or {@code host} or {@code port} when either is invalid
     */
    public static RedisNode parse(String address) {
        if (address == null) {
            throw new InvalidRedisOptionException("address", "node address must be host:port, was null");
        }
        String trimmed = address.strip();
        int colon = trimmed.lastIndexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            throw new InvalidRedisOptionException("address", "node address must be host:port, was " + printable(address));
        }
        String host = trimmed.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(trimmed.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidRedisOptionException("address", "node address must be host:port, was " + printable(address));
        }
        return new RedisNode(host, port);
    }

    /**
     * Parses a comma-separated list of {@code host:port} addresses, ignoring blank entries.
     *
     * @throws InvalidRedisOptionException when an entry is not {@code host:port}
     */
    public static List<RedisNode> parseList(String addresses) {
        List<RedisNode> nodes = new ArrayList<>();
        if (addresses == null) {
            return nodes;
        }
        for (String part : addresses.split(",")) {
            if (!part.isBlank()) {
                nodes.add(parse(part));
            }
        }
        return List.copyOf(nodes);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
