package org.chatapp.redis.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.chatapp.redis.DedicatedConnection;
import org.chatapp.redis.RedisCommandException;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.RedisServiceException;
import org.chatapp.redis.StreamOperations;
import org.chatapp.redis.StreamOperations.ClaimedEntries;
import org.chatapp.redis.StreamOperations.StreamEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link StreamWorker}: a reader thread that reads, claims and trims, and a pool that runs
 * the handlers. A batch is handed out only once the one before has been handled, so no entry is
 * ever with two handlers of one worker, and a read of the worker's own pending list never returns
 * an entry still being handled. Everything named "reader state" below is touched by the reader
 * thread only.
 */
final class DefaultStreamWorker implements StreamWorker {

    private static final Logger log = LoggerFactory.getLogger(DefaultStreamWorker.class);

    private static final String NEW_ENTRIES = ">";
    private static final String ALL_OWN_PENDING = "0";
    private static final String CLAIM_SCAN_START = "0-0";
    private static final String NO_GROUP = "NOGROUP";
    private static final String GROUP_EXISTS = "BUSYGROUP";
    /** An acknowledgement is idempotent, so a failed one is simply sent again, this many times in all. */
    private static final int ACK_ATTEMPTS = 3;
    /** The longest close waits for the reader thread once the handlers are done. */
    private static final Duration READER_JOIN_BOUND = Duration.ofSeconds(5);

    private final RedisService redis;
    private final StreamOperations streams;
    private final StreamWorkerOptions options;
    private final StreamHandler handler;
    private final LongSupplier nanoClock;
    private final DedicatedConnection reads;
    private final DeadLetters deadLetters;
    private final DeliveryCounts deliveryCounts;
    private final RetryBackoff backoff;
    private final ExecutorService handlers;
    private final Thread reader;
    private final Object wakeUp = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean running = true;

    private final LongAdder delivered = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder claimed = new LongAdder();
    private final LongAdder recovered = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder deletedBeforeHandled = new LongAdder();
    private final LongAdder readFailures = new LongAdder();

    // Reader state.
    private boolean groupReady;
    /** Whether the next read is of this consumer's own pending list: at start and after a failed read. */
    private boolean recovering = true;
    private String recoverAfter = ALL_OWN_PENDING;
    private String claimCursor = CLAIM_SCAN_START;
    private long nextClaimNanos;
    private long failuresInARow;

    private DefaultStreamWorker(RedisService redis, StreamWorkerOptions options, StreamHandler handler, LongSupplier nanoClock) {
        this.redis = redis;
        this.streams = redis.streams();
        this.options = options;
        this.handler = handler;
        this.nanoClock = nanoClock;
        this.deadLetters = new DeadLetters(redis, options);
        this.deliveryCounts = new DeliveryCounts(redis, options.stream(), options.group());
        this.backoff = new RetryBackoff(options.retryBackoff(), options.maxRetryBackoff());
        this.reads = redis.connections().dedicated();
        this.handlers = Executors.newFixedThreadPool(options.concurrency(), threads("chatapp-stream-handler-" + options.consumer()));
        this.reader = threads("chatapp-stream-reader-" + options.consumer()).newThread(this::readUntilClosed);
    }

    static StreamWorker start(RedisService redis, StreamWorkerOptions options, StreamHandler handler, LongSupplier nanoClock) {
        DefaultStreamWorker worker = new DefaultStreamWorker(redis, options, handler, nanoClock);
        if (!worker.deadLetters.isAtomic()) {
            log.warn("Dead-letter stream '{}' is in another cluster slot than '{}': moving an entry there is two commands, and a"
                    + " crash between them may add it twice; give both one hash tag to make it atomic",
                    options.deadLetterStream(), options.stream());
        }
        worker.nextClaimNanos = nanoClock.getAsLong();
        worker.reader.start();
        log.info("Stream worker started: stream '{}', group '{}', consumer '{}'", options.stream(), options.group(),
                options.consumer());
        return worker;
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    // --- the reader thread ---

    private void readUntilClosed() {
        while (running) {
            try {
                step();
                if (failuresInARow > 0) {
                    log.info("Stream worker '{}' on '{}' reads again after {} failed attempts", options.consumer(),
                            options.stream(), failuresInARow);
                    failuresInARow = 0;
                }
            } catch (InterruptedException | RejectedExecutionException stopped) {
                // close() interrupts the reader and shuts the handler pool.
                if (!running) {
                    return;
                }
                readFailed(stopped);
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (e instanceof RedisCommandException refused && NO_GROUP.equals(refused.errorCode())) {
                    // The group is gone: the stream was deleted, or a failover lost its creation. Create it again.
                    groupReady = false;
                }
                readFailed(e);
            }
        }
    }

    /** One round: create the group, or read back own pending entries, or claim idle ones, or read new ones. */
    private void step() throws InterruptedException {
        if (!groupReady) {
            createGroup();
            groupReady = true;
        }
        if (recovering) {
            recoverOwnPending();
            return;
        }
        long untilClaim = nextClaimNanos - nanoClock.getAsLong();
        if (!CLAIM_SCAN_START.equals(claimCursor) || untilClaim <= 0) {
            claimIdle();
            return;
        }
        Duration wait = Duration.ofMillis(Math.max(1, Math.min(options.block().toMillis(), TimeUnit.NANOSECONDS.toMillis(untilClaim))));
        List<StreamEntry> fresh = reads.readGroup(options.stream(), options.group(), options.consumer(), NEW_ENTRIES,
                options.batchSize(), wait);
        handle(fresh, id -> 1L);
    }

    private void createGroup() {
        try {
            streams.createGroup(options.stream(), options.group(), options.groupStartId());
            log.info("Created consumer group '{}' on stream '{}' from id {}", options.group(), options.stream(), options.groupStartId());
        } catch (RedisCommandException e) {
            if (!GROUP_EXISTS.equals(e.errorCode())) {
                throw e;
            }
        }
    }

    private void recoverOwnPending() throws InterruptedException {
        List<StreamEntry> own = reads.readGroup(options.stream(), options.group(), options.consumer(), recoverAfter,
                options.batchSize(), Duration.ZERO);
        if (own.isEmpty()) {
            recovering = false;
            recoverAfter = ALL_OWN_PENDING;
            return;
        }
        recoverAfter = own.get(own.size() - 1).id();
        recovered.add(own.size());
        handle(own, counts(own));
    }

    private void claimIdle() throws InterruptedException {
        ClaimedEntries page = streams.autoClaim(options.stream(), options.group(), options.consumer(), options.claimMinIdle(),
                claimCursor, options.batchSize());
        claimCursor = page.nextStartId();
        if (CLAIM_SCAN_START.equals(claimCursor)) {
            trim();
            nextClaimNanos = nanoClock.getAsLong() + options.claimInterval().toNanos();
        }
        if (!page.entries().isEmpty()) {
            claimed.add(page.entries().size());
            handle(page.entries(), counts(page.entries()));
        }
    }

    private ToLongFunction<String> counts(List<StreamEntry> entries) {
        Map<String, Long> counts = deliveryCounts.of(entries.stream().map(StreamEntry::id).toList());
        return id -> counts.getOrDefault(id, 0L);
    }

    private void trim() {
        StreamTrimming trimming = options.trimming();
        if (trimming instanceof StreamTrimming.MaxLength maxLength) {
            streams.trim(options.stream(), maxLength.entries());
        } else if (trimming instanceof StreamTrimming.MaxAge maxAge) {
            long oldestKept = Math.max(0, redis.clock().millis() - maxAge.age().toMillis());
            streams.trimBefore(options.stream(), oldestKept + "-0");
        }
    }

    /**
     * Hands a batch to the handlers and waits until each is done. Entries with nothing to handle
     * (deleted, no longer pending, delivered too often) are settled first, so a failure there
     * leaves no handler running while the reader backs off and reads its pending list again.
     */
    private void handle(List<StreamEntry> batch, ToLongFunction<String> deliveryCount) throws InterruptedException {
        List<StreamDelivery> deliveries = new ArrayList<>(batch.size());
        List<StreamEntry> entries = new ArrayList<>(batch.size());
        for (StreamEntry entry : batch) {
            if (entry.fields().isEmpty()) {
                // Trimmed away since it was delivered: nothing left to handle (XADD needs at least one field).
                streams.acknowledge(options.stream(), options.group(), entry.id());
                deletedBeforeHandled.increment();
                continue;
            }
            long count = deliveryCount.applyAsLong(entry.id());
            if (count == 0) {
                // No longer pending: acknowledged by a consumer that had it before this one claimed it.
                continue;
            }
            if (count > options.maxDeliveries()) {
                if (deadLetters.move(entry, count, DeadLetters.MAX_DELIVERIES)) {
                    deadLettered.increment();
                }
                continue;
            }
            entries.add(entry);
            deliveries.add(new StreamDelivery(options.stream(), entry.id(), entry.fields(), count, dedupeKey(entry)));
        }
        List<CompletableFuture<Void>> inFlight = new ArrayList<>(deliveries.size());
        try {
            for (int i = 0; i < deliveries.size(); i++) {
                StreamEntry entry = entries.get(i);
                StreamDelivery delivery = deliveries.get(i);
                inFlight.add(CompletableFuture.runAsync(() -> deliver(entry, delivery), handlers));
            }
        } finally {
            awaitAll(inFlight);
        }
    }

    private void awaitAll(List<CompletableFuture<Void>> inFlight) throws InterruptedException {
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            // deliver() catches what a handler throws; this is a failure of the worker itself, already logged there.
            log.debug("A delivery of stream '{}' ended abnormally", options.stream(), e.getCause());
        }
    }

    private String dedupeKey(StreamEntry entry) {
        String field = options.dedupeField();
        String value = field == null ? null : entry.fields().get(field);
        return value != null ? value : entry.id();
    }

    private void readFailed(Exception e) {
        readFailures.increment();
        failuresInARow++;
        // A read whose reply was lost may have delivered entries to this consumer: read its own pending list first.
        recovering = true;
        recoverAfter = ALL_OWN_PENDING;
        Duration pause = backoff.delay(failuresInARow);
        if (failuresInARow == 1) {
            log.warn("Stream worker '{}' on '{}' cannot read ({}); retrying with backoff", options.consumer(), options.stream(),
                    describe(e));
        } else {
            log.debug("Stream worker '{}' on '{}': attempt {} failed ({}); next in {} ms", options.consumer(), options.stream(),
                    failuresInARow, describe(e), pause.toMillis());
        }
        pause(pause);
    }

    private static String describe(Exception e) {
        return e instanceof RedisServiceException ? e.getClass().getSimpleName() + ": " + e.getMessage() : e.getClass().getName();
    }

    /** Waits for the duration, or until close() wakes it; on any thread of the worker. */
    private void pause(Duration duration) {
        long until = nanoClock.getAsLong() + duration.toNanos();
        synchronized (wakeUp) {
            long left;
            while (running && (left = until - nanoClock.getAsLong()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(wakeUp, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    // --- the handler threads ---

    private void deliver(StreamEntry entry, StreamDelivery delivery) {
        delivered.increment();
        if (delivery.isRedelivery()) {
            retried.increment();
        }
        try {
            handler.handle(delivery);
        } catch (Throwable t) {
            handlerFailed(entry, delivery, t);
            if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
                throw (VirtualMachineError) t;
            }
            return;
        }
        if (acknowledge(delivery.id())) {
            acked.increment();
        }
    }

    private void handlerFailed(StreamEntry entry, StreamDelivery delivery, Throwable failure) {
        failed.increment();
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        if (!running) {
            // Interrupted by close(): that says nothing about the entry, which stays pending as it is.
            log.info("Handler of entry {} of stream '{}' stopped by close ({}); the entry stays pending", delivery.id(),
                    options.stream(), failure.getClass().getName());
            return;
        }
        log.warn("Handler failed on entry {} of stream '{}' (delivery {} of at most {}): {}", delivery.id(), options.stream(),
                delivery.deliveryCount(), options.maxDeliveries(), failure.getClass().getName());
        log.debug("Handler failure on entry {} of stream '{}'", delivery.id(), options.stream(), failure);
        if (delivery.deliveryCount() < options.maxDeliveries()) {
            return;
        }
        try {
            if (deadLetters.move(entry, delivery.deliveryCount(), failure.getClass().getName())) {
                deadLettered.increment();
            }
        } catch (RuntimeException e) {
            log.warn("Could not move entry {} of stream '{}' to '{}' ({}); it stays pending and is moved when next claimed",
                    delivery.id(), options.stream(), options.deadLetterStream(), describe(e));
        }
    }

    /** Acknowledges an entry, sending the XACK again after a failure; returns whether it was acknowledged. */
    private boolean acknowledge(String id) {
        for (int attempt = 1; ; attempt++) {
            try {
                streams.acknowledge(options.stream(), options.group(), id);
                return true;
            } catch (RuntimeException e) {
                if (attempt == ACK_ATTEMPTS || !running || !(e instanceof RedisServiceException)) {
                    log.warn("Could not acknowledge entry {} of stream '{}' ({}); it stays pending and will be delivered again",
                            id, options.stream(), describe(e));
                    return false;
                }
                pause(backoff.delay(attempt));
            }
        }
    }

    // --- the public face ---

    @Override
    public StreamWorkerOptions options() {
        return options;
    }

    @Override
    public StreamWorkerStats stats() {
        return new StreamWorkerStats(delivered.sum(), acked.sum(), failed.sum(), retried.sum(), claimed.sum(), recovered.sum(),
                deadLettered.sum(), deletedBeforeHandled.sum(), readFailures.sum());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        running = false;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        // Ends a blocked read at once; what it may have delivered stays pending for this consumer.
        reads.close();
        handlers.shutdown();
        try {
            if (!handlers.awaitTermination(options.shutdownTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                log.warn("Stream worker '{}' on '{}': handlers still running after {}; interrupting them", options.consumer(),
                        options.stream(), options.shutdownTimeout());
                handlers.shutdownNow();
            }
            reader.interrupt();
            reader.join(READER_JOIN_BOUND.toMillis());
        } catch (InterruptedException e) {
            handlers.shutdownNow();
            reader.interrupt();
            Thread.currentThread().interrupt();
        }
        log.info("Stream worker stopped: stream '{}', group '{}', consumer '{}', {}", options.stream(), options.group(),
                options.consumer(), stats());
    }

    @Override
    public String toString() {
        return "StreamWorker[stream='" + options.stream() + "', group='" + options.group() + "', consumer='" + options.consumer()
                + "', " + (running ? "running" : "closed") + "]";
    }
}
