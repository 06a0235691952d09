package org.chatapp.redis.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Redis cluster of local nodes, handed out only once every slot is served and every
 * replica is in sync; closing it kills all nodes and deletes their directories.
 *
 * <p>Roles are not fixed: {@link #masters()} and {@link #replicas()} ask the cluster, so they
 * reflect failovers caused by {@link LocalRedisNode#kill()} or {@link LocalRedisNode#pause()}.
 */
public final class LocalRedisCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalRedisCluster.class);

    private final NodeGroup group;
    private final List<LocalRedisNode> nodes;
    private final int masterCount;
    private final Duration nodeTimeout;
    private volatile List<ClusterNodeEntry> lastHealthyView = List.of();

    private LocalRedisCluster(NodeGroup group, int masterCount, Duration nodeTimeout) {
        this.group = group;
        this.nodes = group.nodes();
        this.masterCount = masterCount;
        this.nodeTimeout = nodeTimeout;
    }

    /** Returns all nodes in start order: the initial masters first, then the initial replicas. */
    public List<LocalRedisNode> nodes() {
        return nodes;
    }

    /**
     * Returns the running nodes the cluster currently lists as healthy masters, as seen by the
     * first reachable node, in start order.
     *
     * @throws LocalRedisException if no node answers
     */
    public List<LocalRedisNode> masters() {
        return runningNodesWhere(ClusterNodeEntry::isMaster);
    }

    /**
     * Returns the running nodes the cluster currently lists as healthy replicas, as seen by the
     * first reachable node, in start order.
     *
     * @throws LocalRedisException if no node answers
     */
    public List<LocalRedisNode> replicas() {
        return runningNodesWhere(ClusterNodeEntry::isReplica);
    }

    /** Returns the {@code cluster-node-timeout} the nodes run with. */
    public Duration nodeTimeout() {
        return nodeTimeout;
    }

    /** Returns {@code 127.0.0.1:p1,127.0.0.1:p2,...} for all nodes, the seed list for a cluster client. */
    public String seedAddresses() {
        return nodes.stream().map(LocalRedisNode::address).collect(Collectors.joining(","));
    }

    /**
     * Waits until every reachable node (running and not paused) reports {@code cluster_state:ok}
     * with all 16384 slots ok, every reachable replica is in sync with its master, and all of them
     * agree on which node is master of which slots and which replica follows which master.
     *
     * @throws LocalRedisException if that does not happen within the timeout
     */
    public void awaitHealthy(Duration timeout) {
        lastHealthyView = Polling.await("the cluster to be healthy", timeout, this::checkHealthy);
    }

    /**
     * Waits until a replica of a failed (killed or paused) master has taken over its slots, every
     * reachable node agrees on that and reports {@code cluster_state:ok}, and returns that replica.
     *
     * @throws IllegalArgumentException if the node is not part of this cluster or served no slots
     * @throws LocalRedisException if no replica takes over within the timeout
     */
    public LocalRedisNode awaitPromotion(LocalRedisNode failedMaster, Duration timeout) {
        if (!nodes.contains(failedMaster)) {
            throw new IllegalArgumentException(failedMaster + " is not a node of this cluster");
        }
        int slot = firstSlotServedBy(failedMaster);
        return Polling.await("a replica of " + failedMaster + " to take over slot " + slot, timeout,
                () -> promotedOwnerOf(slot, failedMaster));
    }

    /** Kills all nodes and deletes their directories; calling it again does nothing. */
    @Override
    public void close() {
        group.close();
    }

    @Override
    public String toString() {
        return "LocalRedisCluster[" + seedAddresses() + "]";
    }

    private List<LocalRedisNode> runningNodesWhere(Predicate<ClusterNodeEntry> role) {
        Set<Integer> ports = currentView().stream()
                .filter(entry -> entry.isSettled() && !entry.isFailing())
                .filter(role)
                .map(ClusterNodeEntry::port)
                .collect(Collectors.toSet());
        return nodes.stream().filter(node -> node.isAlive() && ports.contains(node.port())).toList();
    }

    private List<ClusterNodeEntry> currentView() {
        LocalRedisException lastFailure = null;
        for (LocalRedisNode node : nodes) {
            if (node.isReachable()) {
                try {
                    return view(node);
                } catch (LocalRedisException e) {
                    lastFailure = e;
                }
            }
        }
        throw new LocalRedisException("No node of the cluster answers CLUSTER NODES", lastFailure);
    }

    private List<LocalRedisNode> reachableNodes() {
        return nodes.stream().filter(LocalRedisNode::isReachable).toList();
    }

    private List<ClusterNodeEntry> checkHealthy() throws Polling.NotReady {
        List<LocalRedisNode> reachable = reachableNodes();
        if (reachable.isEmpty()) {
            throw new Polling.NotReady("no node is running and unpaused");
        }
        List<ClusterNodeEntry> agreedView = null;
        Set<String> agreedRoles = null;
        for (LocalRedisNode node : reachable) {
            requireClusterOk(node);
            List<ClusterNodeEntry> view = view(node);
            Set<String> roles = roles(view);
            if (agreedRoles == null) {
                agreedView = view;
                agreedRoles = roles;
            } else if (!agreedRoles.equals(roles)) {
                throw new Polling.NotReady(node.address() + " sees " + roles + " but " + reachable.get(0).address()
                        + " sees " + agreedRoles);
            }
            boolean isReplica = view.stream().anyMatch(entry -> entry.isMyself() && entry.isReplica());
            if (isReplica) {
                String link = node.infoFields("replication").get("master_link_status");
                if (!"up".equals(link)) {
                    throw new Polling.NotReady(node.address() + " is a replica with master_link_status:" + link);
                }
            }
        }
        requireReplicationFlows(agreedView);
        return agreedView;
    }

    // A replica fresh from a sync reports master_link_status:up before its master streams writes
    // to it (see LocalRedisNode#acknowledgedReplicas); a write it acknowledges proves the stream.
    private void requireReplicationFlows(List<ClusterNodeEntry> view) throws Polling.NotReady {
        Set<Integer> reachablePorts = reachableNodes().stream().map(LocalRedisNode::port).collect(Collectors.toSet());
        for (ClusterNodeEntry master : view) {
            if (!master.isMaster() || master.isFailing() || master.slots().isEmpty()) {
                continue;
            }
            int reachableReplicas = (int) view.stream()
                    .filter(entry -> entry.isReplica() && !entry.isFailing() && master.id().equals(entry.masterId()))
                    .filter(entry -> reachablePorts.contains(entry.port()))
                    .count();
            LocalRedisNode node = nodeOnPort(master.port());
            if (reachableReplicas == 0 || node == null || !reachablePorts.contains(node.port())) {
                continue;
            }
            String key = replicationCheckKey(master.slots().get(0));
            long acknowledged = node.acknowledgedReplicas(key, reachableReplicas, LocalRedisNode.REPLICATION_CHECK_WAIT);
            if (acknowledged < reachableReplicas) {
                throw new Polling.NotReady(acknowledged + " of the " + reachableReplicas + " replicas of " + node.address()
                        + " acknowledged a write within " + Polling.describe(LocalRedisNode.REPLICATION_CHECK_WAIT));
            }
        }
    }

    private LocalRedisNode nodeOnPort(int port) {
        return nodes.stream().filter(node -> node.port() == port).findFirst().orElse(null);
    }

    /** Returns a key of the readiness check that falls in the given slots. */
    static String replicationCheckKey(SlotRange slots) {
        for (int i = 0; ; i++) {
            String key = "{chatapp-redis-local:" + i + "}:replication-check";
            if (slots.contains(SlotRange.slotOf(key))) {
                return key;
            }
        }
    }

    private static void requireClusterOk(LocalRedisNode node) throws Polling.NotReady {
        Map<String, String> info = LocalRedisNode.parseFields(
                (String) node.commandWithin(LocalRedisNode.POLL_TIMEOUT, "CLUSTER", "INFO"));
        if (!"ok".equals(info.get("cluster_state"))) {
            throw new Polling.NotReady(node.address() + " reports cluster_state:" + info.get("cluster_state"));
        }
        if (!Integer.toString(SlotRange.SLOT_COUNT).equals(info.get("cluster_slots_ok"))) {
            throw new Polling.NotReady(node.address() + " reports cluster_slots_ok:" + info.get("cluster_slots_ok"));
        }
    }

    private static Set<String> roles(List<ClusterNodeEntry> view) {
        return view.stream()
                .filter(entry -> entry.isSettled() && !entry.isFailing())
                .map(ClusterNodeEntry::roleDescription)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<ClusterNodeEntry> view(LocalRedisNode node) {
        return ClusterNodeEntry.parseAll((String) node.commandWithin(LocalRedisNode.POLL_TIMEOUT, "CLUSTER", "NODES"));
    }

    private int firstSlotServedBy(LocalRedisNode master) {
        List<ClusterNodeEntry> current;
        try {
            current = currentView();
        } catch (LocalRedisException noNodeAnswers) {
            current = List.of();
        }
        // Once the failover is over the failed master serves nothing any more; what it served
        // before is in the last view in which the cluster was healthy.
        for (List<ClusterNodeEntry> view : List.of(current, lastHealthyView)) {
            for (ClusterNodeEntry entry : view) {
                if (entry.port() == master.port() && entry.isMaster() && !entry.slots().isEmpty()) {
                    return entry.slots().get(0).first();
                }
            }
        }
        throw new IllegalArgumentException(master + " served no slots, so it was not a master");
    }

    private LocalRedisNode promotedOwnerOf(int slot, LocalRedisNode failedMaster) throws Polling.NotReady {
        List<LocalRedisNode> observers = reachableNodes().stream().filter(node -> node != failedMaster).toList();
        if (observers.isEmpty()) {
            throw new Polling.NotReady("no other node is running and unpaused");
        }
        ClusterNodeEntry agreedOwner = null;
        for (LocalRedisNode observer : observers) {
            requireClusterOk(observer);
            ClusterNodeEntry owner = view(observer).stream()
                    .filter(entry -> entry.isMaster() && !entry.isFailing() && entry.owns(slot))
                    .findFirst()
                    .orElseThrow(() -> new Polling.NotReady(observer.address() + " sees no healthy master of slot " + slot));
            if (owner.port() == failedMaster.port()) {
                throw new Polling.NotReady(observer.address() + " still sees " + failedMaster.address() + " serving slot " + slot);
            }
            if (agreedOwner != null && !agreedOwner.id().equals(owner.id())) {
                throw new Polling.NotReady("nodes disagree on the master of slot " + slot);
            }
            agreedOwner = owner;
        }
        int ownerPort = agreedOwner.port();
        LocalRedisNode promoted = Optional.ofNullable(nodeOnPort(ownerPort))
                .orElseThrow(() -> new LocalRedisException("slot " + slot + " is served by port " + ownerPort
                        + ", which is not a node of this cluster"));
        if (!promoted.isReachable() || !"master".equals(promoted.infoFields("replication").get("role"))) {
            throw new Polling.NotReady(promoted.address() + " does not report role:master yet");
        }
        return promoted;
    }

    // Builds the cluster the way redis-cli --cluster create does, without needing redis-cli.
    private void form(int replicasPerMaster, Duration timeout) {
        for (int i = 0; i < nodes.size(); i++) {
            // Distinct config epochs up front, so the masters never start with a collision to resolve.
            nodes.get(i).command("CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1));
        }
        LocalRedisNode first = nodes.get(0);
        for (LocalRedisNode node : nodes.subList(1, nodes.size())) {
            node.command("CLUSTER", "MEET", LocalRedisNode.HOST, Integer.toString(first.port()));
        }
        Polling.await("every node to know all " + nodes.size() + " nodes", timeout, this::checkEveryoneMet);

        List<SlotRange> ranges = SlotRange.evenlySplit(masterCount);
        for (int i = 0; i < masterCount; i++) {
            List<String> addSlots = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
            addSlots.addAll(ranges.get(i).slotArguments());
            nodes.get(i).command(addSlots.toArray(String[]::new));
        }
        for (int i = masterCount; i < nodes.size(); i++) {
            LocalRedisNode replica = nodes.get(i);
            LocalRedisNode master = nodes.get((i - masterCount) % masterCount);
            String masterId = (String) master.command("CLUSTER", "MYID");
            // Fails with "Unknown node" until the replica has heard of the master through gossip.
            Polling.await(replica + " to replicate " + master, timeout,
                    () -> replica.command("CLUSTER", "REPLICATE", masterId));
        }
        int expectedReplicas = masterCount * replicasPerMaster;
        lastHealthyView = Polling.await("the new cluster to be ready", timeout, () -> {
            List<ClusterNodeEntry> view = checkHealthy();
            long masters = view.stream().filter(entry -> entry.isMaster() && entry.slotCount() > 0).count();
            long replicas = view.stream().filter(ClusterNodeEntry::isReplica).count();
            if (masters != masterCount || replicas != expectedReplicas) {
                throw new Polling.NotReady("the cluster has " + masters + " masters and " + replicas
                        + " replicas instead of " + masterCount + " and " + expectedReplicas);
            }
            return view;
        });
    }

    private boolean checkEveryoneMet() throws Polling.NotReady {
        for (LocalRedisNode node : nodes) {
            long known = view(node).stream().filter(ClusterNodeEntry::isSettled).count();
            if (known != nodes.size()) {
                throw new Polling.NotReady(node.address() + " knows " + known + " of " + nodes.size() + " nodes");
            }
        }
        return true;
    }

    /** Returns the lines that make a data node a cluster node. */
    static ServerConfig clusterLines(Duration nodeTimeout) {
        return new ServerConfig()
                .set("cluster-enabled", "yes")
                .set("cluster-config-file", "nodes.conf")
                .set("cluster-node-timeout", Long.toString(nodeTimeout.toMillis()))
                // Otherwise a replica that lost its master too long ago refuses to take over, and a
                // test that paused a master for a while would see no failover at all.
                .set("cluster-replica-validity-factor", "0")
                .set("cluster-require-full-coverage", "yes");
    }

    /** Configures and starts a {@link LocalRedisCluster}; get one from {@link LocalRedis#cluster()}. */
    public static final class Builder extends LocalRedisBuilder<Builder> {

        static final int MIN_MASTERS = 3;

        private int masters = 3;
        private int replicasPerMaster = 1;
        private Duration nodeTimeout = Duration.ofSeconds(5);

        Builder() {
        }

        /**
         * Sets the number of masters; by default 3.
         *
         * @throws IllegalArgumentException if fewer than 3, the fewest that can elect a failover
         */
        public Builder masters(int masters) {
            if (masters < MIN_MASTERS) {
                throw new IllegalArgumentException("a cluster needs at least " + MIN_MASTERS + " masters but was given " + masters);
            }
            this.masters = masters;
            return this;
        }

        /** Sets the number of replicas of each master; by default 1. */
        public Builder replicasPerMaster(int replicas) {
            if (replicas < 0) {
                throw new IllegalArgumentException("replicasPerMaster must not be negative but was " + replicas);
            }
            this.replicasPerMaster = replicas;
            return this;
        }

        /**
         * Sets {@code cluster-node-timeout}, after which an unreachable node counts as failed; by
         * default 5 s.
         */
        public Builder nodeTimeout(Duration timeout) {
            this.nodeTimeout = requirePositive(timeout, "nodeTimeout");
            return this;
        }

        /**
         * Starts the nodes, forms the cluster and waits until it is healthy.
         *
         * @throws LocalRedisException if a node does not start or the cluster does not form in time
         * @throws IllegalStateException if no redis-server binary can be found
         */
        public LocalRedisCluster start() {
            long started = System.nanoTime();
            RedisServerBinary binary = options.resolveBinary();
            NodeGroup group = NodeGroup.create("cluster");
            try {
                ServerConfig config = options.dataNodeConfig(clusterLines(nodeTimeout));
                int total = masters * (1 + replicasPerMaster);
                for (int i = 1; i <= total; i++) {
                    group.start(options.dataNode("node-" + i, group.directory(), binary, NodeSpec.Role.CLUSTER, 0, config));
                }
                LocalRedisCluster cluster = new LocalRedisCluster(group, masters, nodeTimeout);
                cluster.form(replicasPerMaster, options.startupTimeout());
                log.info("Redis cluster ready in {}: {} masters x {} replicas at {}, node timeout {} ({})",
                        Polling.describe(Duration.ofNanos(System.nanoTime() - started)), masters, replicasPerMaster,
                        cluster.seedAddresses(), Polling.describe(nodeTimeout), binary.describe());
                return cluster;
            } catch (RuntimeException e) {
                group.closeAfterFailure(e);
                throw e;
            }
        }
    }
}
