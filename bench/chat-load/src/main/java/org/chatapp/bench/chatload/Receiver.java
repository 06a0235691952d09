package org.chatapp.bench.chatload;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One member's socket: completes {@link #ready()} on the gateway's {@code ready} frame, hands every
 * {@code message.created} of the load to its step's ledger with the time it arrived, and ignores
 * the rest (presence, notifications). The JDK calls it for one frame at a time.
 */
final class Receiver implements WebSocket.Listener {

    private static final String PREFIX = "load ";
    /** The quoted type values the receiver parses a frame for; a frame with neither cannot be one. */
    private static final String MESSAGE_CREATED = "\"message.created\"";
    private static final String READY = "\"ready\"";

    private final int conversation;
    private final int member;
    private final IntFunction<DeliveryLedger> ledgers;
    private final JsonMapper json;
    private final LongAdder closed;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    /**
     * @param ledgers the ledger of a step by its tag, null for a tag it does not know
     * @param closed counts sockets that closed or failed during the run
     */
    Receiver(int conversation, int member, IntFunction<DeliveryLedger> ledgers, JsonMapper json, LongAdder closed) {
        this.conversation = conversation;
        this.member = member;
        this.ledgers = ledgers;
        this.json = json;
        this.closed = closed;
    }

    CompletableFuture<Void> ready() {
        return ready;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        long arrived = System.nanoTime();
        if (!last) {
            partial.append(data);
        } else if (partial.length() > 0) {
            partial.append(data);
            frame(partial.toString(), arrived);
            partial.setLength(0);
        } else {
            frame(data.toString(), arrived);
        }
        socket.request(1);
        return null;
    }

    private void frame(String text, long arrived) {
        if (!text.contains(MESSAGE_CREATED) && !text.contains(READY)) {
            // Live notifications and presence: not parsed, so that the load takes less of the CPU it shares with the platform.
            return;
        }
        JsonNode event;
        try {
            event = json.readTree(text);
        } catch (JacksonException e) {
            return; // the gateway only sends JSON; a broken frame shows as a missing delivery
        }
        String type = event.path("type").asString("");
        if (type.equals("message.created")) {
            message(event.path("text").asString(""), arrived);
        } else if (type.equals("ready")) {
            ready.complete(null);
        }
    }

    private void message(String text, long arrived) {
        if (!text.startsWith(PREFIX)) {
            return;
        }
        int tagEnd = text.indexOf(' ', PREFIX.length());
        int seqEnd = tagEnd < 0 ? -1 : text.indexOf(' ', tagEnd + 1);
        if (seqEnd < 0) {
            return;
        }
        DeliveryLedger ledger = ledgers.apply(Integer.parseInt(text, PREFIX.length(), tagEnd, 10));
        if (ledger != null) {
            ledger.received(conversation, member, Integer.parseInt(text, tagEnd + 1, seqEnd, 10), arrived);
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        closed.increment();
        ready.completeExceptionally(new IllegalStateException("socket closed by the gateway: " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        closed.increment();
        ready.completeExceptionally(error);
    }
}
