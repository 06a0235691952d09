package org.chatapp.redis;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.chatapp.redis.local.LocalRedisNode;

/** Helpers of the tests that kill a service's connections under load and then look for duplicates. */
final class ConnectionKills {

    private ConnectionKills() {
    }

    /** Kills, on the server side, every connection of the client with that name; returns how many. */
    static long killConnections(LocalRedisNode node, String clientName) {
        long killed = 0;
        for (String line : ((String) node.command("CLIENT", "LIST", "TYPE", "normal")).split("\n")) {
            if (line.contains(" name=" + clientName + " ")) {
                String id = line.substring(line.indexOf("id=") + 3, line.indexOf(' '));
                killed += (Long) node.command("CLIENT", "KILL", "ID", id);
            }
        }
        return killed;
    }

    /** Returns the values stored more than once (each repeat once per extra copy). */
    static List<String> duplicates(List<String> values) {
        Set<String> seen = new HashSet<>();
        return values.stream().filter(value -> !seen.add(value)).toList();
    }

    /** Pauses the killing thread between rounds; the load threads are what the tests observe. */
    static void pause(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
