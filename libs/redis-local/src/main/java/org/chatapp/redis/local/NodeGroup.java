package org.chatapp.redis.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes and the directory of one setup, released together: close kills every node it
 * started and deletes the directory, also when the setup failed halfway through starting.
 */
final class NodeGroup implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeGroup.class);

    private final Path directory;
    private final List<LocalRedisNode> nodes = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private NodeGroup(Path directory) {
        this.directory = directory;
    }

    /** Creates the directory of a new setup, e.g. {@code cluster-123}, and tracks it for cleanup. */
    static NodeGroup create(String mode) {
        Path directory = Workspace.newSetupDirectory(mode);
        ProcessRegistry.registerDirectory(directory);
        return new NodeGroup(directory);
    }

    Path directory() {
        return directory;
    }

    /** Starts a node and adds it to the group, so it is killed on close even if a later step fails. */
    LocalRedisNode start(NodeSpec spec) {
        if (closed) {
            throw new IllegalStateException("this setup is closed");
        }
        LocalRedisNode node = LocalRedisNode.start(spec);
        nodes.add(node);
        return node;
    }

    List<LocalRedisNode> nodes() {
        return List.copyOf(nodes);
    }

    /**
     * Kills every node (sentinels first, so they do not start a failover while data nodes go), keeps
     * their logs (see {@link NodeLogs}), then deletes the directory.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<LocalRedisNode> killOrder = new ArrayList<>(nodes);
        Collections.reverse(killOrder);
        RuntimeException failure = null;
        for (LocalRedisNode node : killOrder) {
            try {
                node.kill();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
            node.keepLog(directory.getFileName() + "-" + node.name() + ".log");
        }
        try {
            Workspace.deleteRecursively(directory);
            ProcessRegistry.unregisterDirectory(directory);
        } catch (RuntimeException e) {
            failure = failure == null ? e : failure;
        }
        if (failure != null) {
            throw failure;
        }
        log.debug("Killed {} node(s) and deleted {}", killOrder.size(), directory);
    }

    /** Releases a half-started setup, keeping the start failure as the exception that matters. */
    void closeAfterFailure(RuntimeException failure) {
        try {
            close();
        } catch (RuntimeException cleanupFailure) {
            failure.addSuppressed(cleanupFailure);
        }
    }
}
