package org.chatapp.bench;

import java.util.List;
import org.chatapp.redis.RedisNode;

/**
 * A server setup the peers are measured on.
 *
 * @param name shown in the report, such as {@code standalone}
 * @param nodes the single node, or the cluster's nodes
 * @param cluster whether the nodes form a Redis Cluster
 */
record Topology(String name, List<RedisNode> nodes, boolean cluster) {
}
