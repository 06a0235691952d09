package org.chatapp.apps.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One user of {@link ChatFailoverIT} on one gateway instance: sends a numbered message at a fixed
 * pace, retrying an unacknowledged one with the same {@code clientMessageId} (what a real client
 * does, and what the idempotent send is for), and keeps one WebSocket open that records every
 * {@code message.created} it receives. Every attempt, answer and arrival is recorded with its
 * {@link System#nanoTime()} for the test to judge afterwards.
 */
final class FailoverChatter implements AutoCloseable {

    /** The status recorded for an attempt that got no answer within the request timeout: a hang. */
    static final int TIMED_OUT = -1;
    /** The status recorded for an attempt whose connection failed before any answer. */
    static final int NO_ANSWER = -2;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A message the platform acknowledged (2xx): the attempt that got the answer began at {@code sentAt}. */
    record Ack(long sequence, String messageId, long sentAt, long ackedAt) {
    }

    /** An attempt that was not acknowledged: its status (or {@link #TIMED_OUT}, {@link #NO_ANSWER}) and body. */
    record Failure(long sequence, String base, int status, String contentType, String body, long sentAt, long answeredAt) {
        Duration latency() {
            return Duration.ofNanos(answeredAt - sentAt);
        }
    }

    /** A {@code message.created} event that reached this user's socket. */
    record Delivery(String messageId, String senderId, long arrivedAt) {
    }

    private final String name;
    private final List<String> bases;
    private final String userId;
    private final String token;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final List<Ack> acks = new CopyOnWriteArrayList<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final ScheduledExecutorService sender;
    private volatile String socketEnd;
    private WebSocket socket;
    private long sequence; // only the sender thread touches these two
    private long attempts;

    /**
     * A user who keeps a socket on the first of the gateways and sends through each of them in turn,
     * so that every instance's clients must find the new master.
     */
    FailoverChatter(String name, List<String> bases, String userId, String token, HttpClient http, Duration requestTimeout) {
        this.name = name;
        this.bases = List.copyOf(bases);
        this.userId = userId;
        this.token = token;
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "failover-sender-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    String name() {
        return name;
    }

    String userId() {
        return userId;
    }

    String token() {
        return token;
    }

    /**
     * Opens the user's socket on this chatter's gateway and returns once the gateway says
     * {@code ready} (the user's event channel is subscribed).
     *
     * @throws AssertionError when it is not ready within the time
     */
    void openSocket(Duration within) throws InterruptedException {
        socket = http.newWebSocketBuilder().buildAsync(URI.create(bases.get(0).replace("http", "ws") + "/ws?token=" + token), new Listener()).join();
        if (!ready.await(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + "'s socket was not ready within " + within);
        }
    }

    /** Starts sending to the conversation, one attempt every {@code every}; a slow answer delays the next. */
    void startSending(String conversationId, Duration every) {
        sender.scheduleWithFixedDelay(() -> attempt(conversationId), 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops sending and returns once the attempt under way, if any, has its answer. */
    void stopSending() throws InterruptedException {
        sender.shutdown();
        if (!sender.awaitTermination(requestTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + "'s sender did not stop");
        }
    }

    private void attempt(String conversationId) {
        long current = sequence;
        String base = bases.get((int) (attempts++ % bases.size()));
        String body = "{\"text\":\"" + text(current) + "\",\"clientMessageId\":\"" + name + "-" + current + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/conversations/" + conversationId + "/messages"))
                .timeout(requestTimeout).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long sentAt = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long answeredAt = System.nanoTime();
            if (response.statusCode() / 100 == 2) {
                acks.add(new Ack(current, JSON.readTree(response.body()).get("messageId").asString(), sentAt, answeredAt));
                sequence++;
            } else {
                failures.add(new Failure(current, base, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                        response.body(), sentAt, answeredAt));
            }
        } catch (HttpTimeoutException e) {
            failures.add(new Failure(current, base, TIMED_OUT, "", e.toString(), sentAt, System.nanoTime()));
        } catch (IOException e) {
            failures.add(new Failure(current, base, NO_ANSWER, "", e.toString(), sentAt, System.nanoTime()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns the text of the message with this sequence number: unique per chatter. */
    String text(long sequenceNumber) {
        return name + " " + sequenceNumber;
    }

    List<Ack> acks() {
        return List.copyOf(acks);
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Returns how the socket ended (close code or error), or null while it is open. */
    String socketEnd() {
        return socketEnd;
    }

    @Override
    public void close() {
        sender.shutdownNow();
        if (socket != null) {
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long arrivedAt = System.nanoTime();
            partial.append(data);
            if (last) {
                JsonNode event = JSON.readTree(partial.toString());
                partial.setLength(0);
                String type = event.path("type").asString();
                if ("ready".equals(type)) {
                    ready.countDown();
                } else if ("message.created".equals(type)) {
                    deliveries.add(new Delivery(event.get("messageId").asString(), event.get("senderId").asString(), arrivedAt));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            socketEnd = "closed " + statusCode + " " + reason;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            socketEnd = "failed: " + error;
        }
    }
}
