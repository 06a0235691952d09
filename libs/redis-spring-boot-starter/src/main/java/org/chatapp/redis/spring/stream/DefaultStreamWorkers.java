package org.chatapp.redis.spring.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.stream.StreamHandler;
import org.chatapp.redis.stream.StreamWorker;
import org.chatapp.redis.stream.StreamWorkerOptions;
import org.chatapp.redis.stream.StreamWorkerStats;

/**
 * The workers of one Redis client, tallied per stream and group. Locking: {@code lock} guards
 * {@code groups}, {@code closed} and every tally's list of running workers and its retired counts;
 * starting and closing a worker (which waits for its handlers) happen outside it.
 */
final class DefaultStreamWorkers implements StreamWorkers {

    private static final StreamWorkerStats ZERO = new StreamWorkerStats(0, 0, 0, 0, 0, 0, 0, 0, 0);

    private final RedisService redis;
    private final StreamDefaults defaults;
    private final Object lock = new Object();
    private final Map<GroupKey, GroupTally> groups = new LinkedHashMap<>();
    private final List<Consumer<GroupTally>> groupListeners = new CopyOnWriteArrayList<>();
    private boolean closed;

    DefaultStreamWorkers(RedisService redis, StreamDefaults defaults) {
        this.redis = redis;
        this.defaults = defaults;
    }

    @Override
    public StreamWorkerOptions.Builder options(String stream, String group) {
        return defaults.builder(stream, group);
    }

    @Override
    public StreamWorker start(String stream, String group, StreamHandler handler) {
        return start(options(stream, group).build(), handler);
    }

    @Override
    public StreamWorker start(StreamWorkerOptions options, StreamHandler handler) {
        if (options == null || handler == null) {
            throw new IllegalArgumentException((options == null ? "options" : "handler") + " must not be null");
        }
        GroupKey key = new GroupKey(options.stream(), options.group());
        GroupTally tally;
        boolean newGroup;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the stream workers are closed (the application context is closing)");
            }
            newGroup = !groups.containsKey(key);
            tally = groups.computeIfAbsent(key, GroupTally::new);
            tally.reserve(options.consumer());
        }
        if (newGroup) {
            groupListeners.forEach(listener -> listener.accept(tally));
        }
        StreamWorker worker;
        try {
            worker = StreamWorker.start(redis, options, handler);
        } catch (RuntimeException e) {
            synchronized (lock) {
                tally.release(options.consumer());
            }
            throw e;
        }
        TrackedWorker tracked = new TrackedWorker(worker, tally);
        synchronized (lock) {
            tally.running.add(tracked);
        }
        return tracked;
    }

    @Override
    public List<StreamWorker> running() {
        synchronized (lock) {
            List<StreamWorker> running = new ArrayList<>();
            groups.values().forEach(tally -> running.addAll(tally.running));
            return List.copyOf(running);
        }
    }

    @Override
    public StreamWorkerStats stats(String stream, String group) {
        GroupTally tally;
        synchronized (lock) {
            tally = groups.get(new GroupKey(stream, group));
        }
        return tally == null ? ZERO : tally.total();
    }

    @Override
    public void close() {
        List<StreamWorker> running;
        synchronized (lock) {
            closed = true;
        }
        running = running();
        running.forEach(StreamWorker::close);
    }

    /** Tells a listener of every group that has a worker, now and whenever a new one starts. */
    void onEveryGroup(Consumer<GroupTally> listener) {
        List<GroupTally> known;
        synchronized (lock) {
            groupListeners.add(listener);
            known = List.copyOf(groups.values());
        }
        known.forEach(listener);
    }

    @Override
    public String toString() {
        return "StreamWorkers[running=" + running().size() + "]";
    }

    private record GroupKey(String stream, String group) {
    }

    /** The workers of one group on one stream: those running, and the final counts of those closed. */
    final class GroupTally {

        private final GroupKey key;
        private final List<TrackedWorker> running = new ArrayList<>();
        private final List<String> consumers = new ArrayList<>();
        private StreamWorkerStats retired = ZERO;

        private GroupTally(GroupKey key) {
            this.key = key;
        }

        String stream() {
            return key.stream();
        }

        String group() {
            return key.group();
        }

        /** Returns how many of its workers run now. */
        int runningCount() {
            synchronized (lock) {
                return running.size();
            }
        }

        /** Returns the counts of every worker of the group started here, closed ones included. */
        StreamWorkerStats total() {
            List<TrackedWorker> workers;
            StreamWorkerStats sum;
            synchronized (lock) {
                workers = List.copyOf(running);
                sum = retired;
            }
            for (TrackedWorker worker : workers) {
                sum = add(sum, worker.stats());
            }
            return sum;
        }

        private void reserve(String consumer) {
            // Two workers under one consumer name would take each other's pending entries for their own.
            if (consumers.contains(consumer)) {
                throw new IllegalStateException("a worker of group '" + key.group() + "' on stream '" + key.stream()
                        + "' already runs as consumer '" + consumer + "' here; give each worker a consumer name of its own"
                        + " (options(stream, group).consumer(...)) or raise its concurrency");
            }
            consumers.add(consumer);
        }

        private void release(String consumer) {
            consumers.remove(consumer);
        }

        private void retire(TrackedWorker worker, StreamWorkerStats last) {
            synchronized (lock) {
                if (running.remove(worker)) {
                    retired = add(retired, last);
                    consumers.remove(worker.options().consumer());
                }
            }
        }
    }

    private static StreamWorkerStats add(StreamWorkerStats a, StreamWorkerStats b) {
        return new StreamWorkerStats(a.delivered() + b.delivered(), a.acked() + b.acked(), a.failed() + b.failed(),
                a.retried() + b.retried(), a.claimed() + b.claimed(), a.recovered() + b.recovered(),
                a.deadLettered() + b.deadLettered(), a.deletedBeforeHandled() + b.deletedBeforeHandled(),
                a.readFailures() + b.readFailures());
    }

    /** A worker that, once closed, hands its final counts to its group's tally. */
    private static final class TrackedWorker implements StreamWorker {

        private final StreamWorker worker;
        private final GroupTally tally;
        private final AtomicBoolean retired = new AtomicBoolean();

        TrackedWorker(StreamWorker worker, GroupTally tally) {
            this.worker = worker;
            this.tally = tally;
        }

        @Override
        public StreamWorkerOptions options() {
            return worker.options();
        }

        @Override
        public StreamWorkerStats stats() {
            return worker.stats();
        }

        @Override
        public boolean isRunning() {
            return worker.isRunning();
        }

        @Override
        public void close() {
            worker.close();
            if (retired.compareAndSet(false, true)) {
                tally.retire(this, worker.stats());
            }
        }

        @Override
        public String toString() {
            return worker.toString();
        }
    }
}
