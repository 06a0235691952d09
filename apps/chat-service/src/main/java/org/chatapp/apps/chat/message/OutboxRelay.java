package org.chatapp.apps.chat.message;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Does what stored messages owe Redis ({@link MessageEvents}), from the outbox rows written with
 * them: at least once per message, whatever failed between the store and the publish.
 *
 * <p>Two paths do the work and delete the row once done:
 * <ul>
 *   <li>{@link #publishNow}: the send that stored the message, right after its commit, so a
 *       message reaches the sockets in milliseconds. The send has the message in hand and its row
 *       is not due for {@code chat.outbox.send-lease} (default 30 s, far longer than an attempt
 *       bounded by Redis's command timeouts), so it takes no lock and opens no transaction: one
 *       {@code DELETE} when done. If the instance dies before that, the relay of any instance
 *       takes the row once the lease is over. After a failure the fast path rests for one poll
 *       interval: sends then store rows due at once, stay fast while Redis is down, and only the
 *       relay waits on it.</li>
 *   <li>The relay thread: every {@code chat.outbox.poll-interval} (default 1 s) the due rows,
 *       oldest first, up to {@code chat.outbox.batch-size} (50) per transaction that claims them
 *       with {@code FOR UPDATE SKIP LOCKED}, so a row is handled by one instance at a time and a
 *       crash frees it with the transaction. A row that fails is retried after 1 s, 2 s, 4 s ... up
 *       to {@code chat.outbox.max-backoff} (10 s), keeping the steps it did, and ends the round, so
 *       an outage costs one command timeout per round.</li>
 * </ul>
 * Guarantee: at least once to the stream and the counters; a step repeats when an attempt dies
 * after it and before its row is updated (the notification service stores one notification per
 * user and message however often an entry comes). Order across messages holds while Redis answers;
 * a message retried after a failure may reach the stream after later ones.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final Duration MIN_SEND_LEASE = Duration.ofSeconds(1);

    private final MessageOutbox outbox;
    private final MessageEvents events;
    private final History history;
    private final TransactionTemplate transactions;
    private final Duration pollInterval;
    private final int batchSize;
    private final Duration maxBackoff;
    private final Duration sendLease;
    private final Clock clock = Clock.systemUTC();

    /** Until when (epoch millis) the sends leave their rows to the relay thread: set by a failure. */
    private volatile long fastPathResumesAt;
    private volatile boolean running;
    private Thread thread;

    OutboxRelay(MessageOutbox outbox, MessageEvents events, History history, PlatformTransactionManager transactionManager,
            @Value("${chat.outbox.poll-interval:1s}") Duration pollInterval, @Value("${chat.outbox.batch-size:50}") int batchSize,
            @Value("${chat.outbox.max-backoff:10s}") Duration maxBackoff, @Value("${chat.outbox.send-lease:30s}") Duration sendLease,
            ObjectProvider<MeterRegistry> meters) {
        if (pollInterval.toMillis() < 1 || batchSize < 1 || maxBackoff.compareTo(FIRST_BACKOFF) < 0 || sendLease.compareTo(MIN_SEND_LEASE) < 0) {
            throw new IllegalArgumentException("chat.outbox: poll-interval must be at least 1ms (was " + pollInterval + "), batch-size at least 1 (was "
                    + batchSize + "), max-backoff at least " + FIRST_BACKOFF + " (was " + maxBackoff + "), send-lease at least "
                    + MIN_SEND_LEASE + " (was " + sendLease + ")");
        }
        this.outbox = outbox;
        this.events = events;
        this.history = history;
        this.transactions = new TransactionTemplate(transactionManager);
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
        this.maxBackoff = maxBackoff;
        this.sendLease = sendLease;
        meters.ifAvailable(registry -> Gauge.builder("chat.outbox.pending", outbox, MessageOutbox::pending)
                .description("Stored messages whose unread counts, stream entry or live event are not done yet").register(registry));
    }

    /**
     * How long a send's new outbox row is kept from the relay: the send lease while sends publish
     * their messages themselves, zero while a recent failure leaves the work to the relay. A send
     * given a lease must call {@link #publishNow}.
     */
    Duration sendLease() {
        return clock.millis() < fastPathResumesAt ? Duration.ZERO : sendLease;
    }

    /**
     * Does a just-stored message's Redis side now, the row held from the relay by the {@linkplain
     * #sendLease() send lease}. Never throws: whatever is not done stays in the outbox, for the relay.
     *
     * @param evicted whether the send already evicted the conversation's cached history
     */
    void publishNow(PendingMessage pending, boolean evicted) {
        try {
            attempt(pending, evicted);
        } catch (RuntimeException e) {
            log.warn("Outbox row {} left to the relay: {}", pending.outboxId(), e.toString());
        }
    }

    /** Runs one round of the relay: returns how many messages it published. */
    int relayDue() {
        Integer published = transactions.execute(status -> {
            int count = 0;
            for (PendingMessage pending : outbox.claimDue(batchSize)) {
                if (!attempt(pending, false)) {
                    break; // Redis is failing: one command timeout per round is enough
                }
                count++;
            }
            return count;
        });
        return published == null ? 0 : published;
    }

    /** Publishes a row (claimed by the relay, or held by a send's lease) and deletes it, or records the failure; returns whether it was published. */
    private boolean attempt(PendingMessage pending, boolean evicted) {
        int done = pending.doneSteps();
        try {
            if (!evicted) {
                // Before the event: a member told of the message must find it in the history.
                history.evict(pending.message().conversationId());
            }
            events.publish(pending);
            outbox.done(pending.outboxId());
            if (pending.attempts() > 0) {
                log.info("Message {} published after {} failed attempts", pending.message().messageId(), pending.attempts());
            }
            return true;
        } catch (PublishFailure failure) {
            done = failure.doneSteps();
            postpone(pending, done, failure.getCause());
        } catch (RuntimeException e) {
            postpone(pending, done, e);
        }
        return false;
    }

    private void postpone(PendingMessage pending, int done, Throwable cause) {
        Duration backoff = backoff(pending.attempts() + 1, maxBackoff);
        fastPathResumesAt = clock.millis() + pollInterval.toMillis();
        outbox.postpone(pending.outboxId(), done, backoff, cause.toString());
        log.warn("Message {} not published yet (attempt {}, steps done {}), retrying in {}: {}", pending.message().messageId(),
                pending.attempts() + 1, done, backoff, cause.toString());
    }

    /** Returns the wait after failed attempt number {@code attempt} (from 1): 1 s doubling, at most {@code maxBackoff}. */
    static Duration backoff(int attempt, Duration maxBackoff) {
        int doublings = Math.min(attempt - 1, 30);
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << doublings);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    private void loop() {
        while (running) {
            int published = 0;
            try {
                published = relayDue();
            } catch (RuntimeException e) {
                log.warn("Outbox relay round failed, trying again in {}: {}", pollInterval, e.toString());
            }
            if (published < batchSize && running) {
                LockSupport.parkNanos(this, pollInterval.toNanos()); // a full batch goes on at once: there may be more
            }
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "chat-outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the relay thread after its round (bounded by the database's and Redis's timeouts); rows not done stay for the next start. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("The outbox relay did not finish its round within {}; its rows stay claimed until its transaction ends", STOP_WAIT);
        }
        thread = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }
}
