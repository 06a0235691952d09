package org.chatapp.redis.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running master, its replica and the sentinels that watch them, handed out only once the
 * replica is in sync and every sentinel knows the master, the replica and all other sentinels;
 * closing it kills all processes and deletes their directories.
 */
public final class LocalRedisSentinel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalRedisSentinel.class);
    private static final Set<String> UNHEALTHY_FLAGS = Set.of("s_down", "o_down", "disconnected");

    private final NodeGroup group;
    private final String masterName;
    private final List<LocalRedisNode> dataNodes;
    private final List<LocalRedisNode> sentinels;

    private LocalRedisSentinel(NodeGroup group, String masterName, List<LocalRedisNode> dataNodes,
            List<LocalRedisNode> sentinels) {
        this.group = group;
        this.masterName = masterName;
        this.dataNodes = List.copyOf(dataNodes);
        this.sentinels = List.copyOf(sentinels);
    }

    /** Returns the name the sentinels monitor the master under, e.g. {@code mymaster}. */
    public String masterName() {
        return masterName;
    }

    /** Returns the sentinel processes in start order. */
    public List<LocalRedisNode> sentinels() {
        return sentinels;
    }

    /**
     * Returns the data node the sentinels currently report as master ({@code SENTINEL
     * GET-MASTER-ADDR-BY-NAME}), asking the first sentinel that answers.
     *
     * @throws LocalRedisException if no sentinel answers or the address is not one of the data nodes
     */
    public LocalRedisNode master() {
        LocalRedisException lastFailure = null;
        for (LocalRedisNode sentinel : sentinels) {
            if (sentinel.isReachable()) {
                try {
                    return dataNodeOnPort(reportedMasterPort(sentinel));
                } catch (LocalRedisException e) {
                    lastFailure = e;
                }
            }
        }
        throw new LocalRedisException("No sentinel reports the master " + masterName, lastFailure);
    }

    /**
     * Returns the data node that is not the {@linkplain #master() current master}.
     *
     * @throws LocalRedisException if no sentinel answers
     */
    public LocalRedisNode replica() {
        LocalRedisNode master = master();
        return dataNodes.stream().filter(node -> node != master).findFirst().orElseThrow();
    }

    /** Returns the two data nodes in start order: the initial master, then the initial replica. */
    public List<LocalRedisNode> dataNodes() {
        return dataNodes;
    }

    /**
     * Waits until every reachable sentinel reports a master other than {@code oldMaster} and that
     * node reports {@code role:master}, and returns it.
     *
     * @throws IllegalArgumentException if the node is not a data node of this setup
     * @throws LocalRedisException if no failover completes within the timeout
     */
    public LocalRedisNode awaitFailover(LocalRedisNode oldMaster, Duration timeout) {
        if (!dataNodes.contains(oldMaster)) {
            throw new IllegalArgumentException(oldMaster + " is not a data node of this setup");
        }
        return Polling.await("the sentinels to fail " + masterName + " over from " + oldMaster.address(), timeout, () -> {
            Integer agreedPort = null;
            for (LocalRedisNode sentinel : sentinels) {
                if (!sentinel.isReachable()) {
                    continue;
                }
                int port = reportedMasterPort(sentinel);
                if (port == oldMaster.port()) {
                    throw new Polling.NotReady(sentinel.address() + " still reports " + oldMaster.address());
                }
                if (agreedPort != null && agreedPort != port) {
                    throw new Polling.NotReady("sentinels report different masters: " + agreedPort + " and " + port);
                }
                agreedPort = port;
            }
            if (agreedPort == null) {
                throw new Polling.NotReady("no sentinel is running and unpaused");
            }
            LocalRedisNode promoted = dataNodeOnPort(agreedPort);
            if (!promoted.isReachable() || !"master".equals(promoted.infoFields("replication").get("role"))) {
                throw new Polling.NotReady(promoted.address() + " does not report role:master yet");
            }
            return promoted;
        });
    }

    /** Kills the sentinels, then the data nodes, and deletes their directories; calling it again does nothing. */
    @Override
    public void close() {
        group.close();
    }

    @Override
    public String toString() {
        return "LocalRedisSentinel[" + masterName + ", sentinels " + addresses(sentinels) + ", data nodes " + addresses(dataNodes) + "]";
    }

    private int reportedMasterPort(LocalRedisNode sentinel) {
        Object reply = sentinel.commandWithin(LocalRedisNode.POLL_TIMEOUT, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName);
        if (!(reply instanceof List<?> address) || address.size() != 2) {
            throw new LocalRedisException(sentinel.address() + " does not know a master named " + masterName);
        }
        return Integer.parseInt((String) address.get(1));
    }

    private LocalRedisNode dataNodeOnPort(int port) {
        return dataNodes.stream().filter(node -> node.port() == port).findFirst()
                .orElseThrow(() -> new LocalRedisException("The sentinels report a master on port " + port
                        + ", which is not a data node of this setup"));
    }

    private void checkReady(LocalRedisNode master, LocalRedisNode replica) throws Polling.NotReady {
        String link = replica.infoFields("replication").get("master_link_status");
        if (!"up".equals(link)) {
            throw new Polling.NotReady(replica.address() + " has master_link_status:" + link);
        }
        if (master.acknowledgedReplicas(LocalRedisNode.REPLICATION_CHECK_KEY, 1, LocalRedisNode.REPLICATION_CHECK_WAIT) < 1) {
            throw new Polling.NotReady(replica.address() + " reports master_link_status:up but has not acknowledged a write yet");
        }
        for (LocalRedisNode sentinel : sentinels) {
            int masterPort = reportedMasterPort(sentinel);
            if (masterPort != master.port()) {
                throw new Polling.NotReady(sentinel.address() + " reports the master on port " + masterPort);
            }
            List<Map<String, String>> replicas = instances(sentinel, "REPLICAS");
            boolean knowsReplica = replicas.stream().anyMatch(fields ->
                    Integer.toString(replica.port()).equals(fields.get("port")) && isHealthy(fields));
            if (!knowsReplica) {
                throw new Polling.NotReady(sentinel.address() + " does not see the replica " + replica.address() + " as healthy yet");
            }
            long otherSentinels = instances(sentinel, "SENTINELS").stream().filter(LocalRedisSentinel::isHealthy).count();
            if (otherSentinels != sentinels.size() - 1) {
                throw new Polling.NotReady(sentinel.address() + " knows " + otherSentinels + " of the "
                        + (sentinels.size() - 1) + " other sentinels");
            }
        }
    }

    // SENTINEL REPLICAS and SENTINEL SENTINELS answer with one flat field/value list per instance.
    private List<Map<String, String>> instances(LocalRedisNode sentinel, String kind) {
        List<Map<String, String>> instances = new ArrayList<>();
        Object reply = sentinel.commandWithin(LocalRedisNode.POLL_TIMEOUT, "SENTINEL", kind, masterName);
        for (Object instance : (List<?>) reply) {
            List<?> flat = (List<?>) instance;
            Map<String, String> fields = new HashMap<>();
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                fields.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
            }
            instances.add(fields);
        }
        return instances;
    }

    private static boolean isHealthy(Map<String, String> fields) {
        String flags = fields.getOrDefault("flags", "");
        return Set.of(flags.split(",")).stream().noneMatch(UNHEALTHY_FLAGS::contains);
    }

    private static String addresses(List<LocalRedisNode> nodes) {
        return String.join(",", nodes.stream().map(LocalRedisNode::address).toList());
    }

    /** Configures and starts a {@link LocalRedisSentinel}; get one from {@link LocalRedis#sentinel()}. */
    public static final class Builder extends LocalRedisBuilder<Builder> {

        private String masterName = "mymaster";
        private int sentinelCount = 3;
        private String sentinelPassword;
        private Duration downAfter = Duration.ofSeconds(1);
        private Duration failoverTimeout = Duration.ofSeconds(5);

        Builder() {
        }

        /** Sets the name the sentinels monitor the master under; by default {@code mymaster}. */
        public Builder masterName(String name) {
            if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("masterName must be one non-blank word but was '" + name + "'");
            }
            this.masterName = name;
            return this;
        }

        /**
         * Makes the sentinels themselves require a password ({@code requirepass}, and
         * {@code sentinel sentinel-pass} so they still talk to each other); by default they need none.
         */
        public Builder sentinelPassword(String password) {
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("sentinelPassword must not be empty");
            }
            this.sentinelPassword = password;
            return this;
        }

        /** Sets the number of sentinels; by default 3. A majority of them is the quorum. */
        public Builder sentinels(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("at least one sentinel is needed but was given " + count);
            }
            this.sentinelCount = count;
            return this;
        }

        /** Sets {@code down-after-milliseconds}, after which an unanswering master counts as down; by default 1 s. */
        public Builder downAfter(Duration downAfter) {
            this.downAfter = requirePositive(downAfter, "downAfter");
            return this;
        }

        /** Sets {@code failover-timeout}; by default 5 s. */
        public Builder failoverTimeout(Duration failoverTimeout) {
            this.failoverTimeout = requirePositive(failoverTimeout, "failoverTimeout");
            return this;
        }

        /**
         * Starts the master, the replica and the sentinels, and waits until the sentinels know all
         * of them.
         *
         * @throws LocalRedisException if a process does not start or the sentinels do not settle in time
         * @throws IllegalStateException if no redis-server binary can be found
         */
        public LocalRedisSentinel start() {
            long started = System.nanoTime();
            RedisServerBinary binary = options.resolveBinary();
            NodeGroup group = NodeGroup.create("sentinel");
            try {
                LocalRedisNode master = group.start(options.dataNode("master", group.directory(), binary,
                        NodeSpec.Role.DATA, 0, options.dataNodeConfig(new ServerConfig())));
                LocalRedisNode replica = group.start(options.dataNode("replica", group.directory(), binary,
                        NodeSpec.Role.DATA, 0, options.dataNodeConfig(new ServerConfig()
                                .set("replicaof", LocalRedisNode.HOST, Integer.toString(master.port())))));
                List<LocalRedisNode> sentinels = new ArrayList<>();
                ServerConfig sentinelLines = sentinelLines(master.port());
                for (int i = 1; i <= sentinelCount; i++) {
                    String name = "sentinel-" + i;
                    sentinels.add(group.start(new NodeSpec(name, group.directory().resolve(name), binary,
                            NodeSpec.Role.SENTINEL, 0, sentinelLines,
                            sentinelPassword == null ? Credentials.NONE : Credentials.password(sentinelPassword),
                            options.startupTimeout())));
                }
                LocalRedisSentinel setup = new LocalRedisSentinel(group, masterName, List.of(master, replica), sentinels);
                Polling.await("the sentinels to know the master, the replica and each other", options.startupTimeout(), () -> {
                    setup.checkReady(master, replica);
                    return true;
                });
                log.info("Redis sentinel setup ready in {}: master {} at {}, replica at {}, sentinels at {} ({})",
                        Polling.describe(Duration.ofNanos(System.nanoTime() - started)), masterName, master.address(),
                        replica.address(), addresses(sentinels), binary.describe());
                return setup;
            } catch (RuntimeException e) {
                group.closeAfterFailure(e);
                throw e;
            }
        }

        /** Returns the {@code sentinel ...} lines of every sentinel's config file. */
        ServerConfig sentinelLines(int masterPort) {
            ServerConfig config = new ServerConfig()
                    .set("sentinel", "monitor", masterName, LocalRedisNode.HOST, Integer.toString(masterPort),
                            Integer.toString(sentinelCount / 2 + 1))
                    .set("sentinel", "down-after-milliseconds", masterName, Long.toString(downAfter.toMillis()))
                    .set("sentinel", "failover-timeout", masterName, Long.toString(failoverTimeout.toMillis()))
                    .set("sentinel", "parallel-syncs", masterName, "1");
            if (sentinelPassword != null) {
                config.set("requirepass", sentinelPassword);
                config.set("sentinel", "sentinel-pass", sentinelPassword);
            }
            if (options.hasAclUser()) {
                config.set("sentinel", "auth-user", masterName, options.aclUsername());
                config.set("sentinel", "auth-pass", masterName, options.aclPassword());
            } else if (options.hasPassword()) {
                config.set("sentinel", "auth-pass", masterName, options.password());
            }
            return config;
        }
    }
}
