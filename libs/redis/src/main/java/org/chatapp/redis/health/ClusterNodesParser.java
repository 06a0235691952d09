package org.chatapp.redis.health;

import java.util.ArrayList;
import java.util.List;

/** Parses a CLUSTER NODES reply into the nodes the health check needs to look at. */
final class ClusterNodesParser {

    static final int SLOTS = 16384;

    /** One line of CLUSTER NODES: address, flags and whether it serves slots. */
    record Node(String id, String host, int port, String flags, boolean servesSlots) {

        String address() {
            return host + ":" + port;
        }

        boolean failed() {
            return flags.contains("fail") && !flags.contains("fail?");
        }
    }

    private ClusterNodesParser() {
    }

    static List<Node> parse(String reply) {
        List<Node> nodes = new ArrayList<>();
        if (reply == null) {
            return nodes;
        }
        for (String line : reply.split("\r?\n")) {
            String[] fields = line.strip().split(" ");
            if (fields.length < 8) {
                continue;
            }
            // ip:port@cport[,hostname]
            String endpoint = fields[1];
            int at = endpoint.indexOf('@');
            String hostPort = at >= 0 ? endpoint.substring(0, at) : endpoint;
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            String host = hostPort.substring(0, colon);
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            String flags = fields[2];
            boolean master = flags.contains("master");
            boolean hasSlots = false;
            for (int i = 8; i < fields.length; i++) {
                if (!fields[i].startsWith("[")) {
                    hasSlots = true;
                    break;
                }
            }
            nodes.add(new Node(fields[0], host, port, flags, master && hasSlots && !flags.contains("noaddr")));
        }
        return nodes;
    }
}
