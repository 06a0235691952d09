package org.chatapp.redis.local;

/**
 * A program that starts a standalone server and then waits to be killed with SIGKILL, so its
 * shutdown hook never runs; {@link OrphanReapingIT} runs it in a JVM of its own.
 */
public final class AbandoningJvm {

    private AbandoningJvm() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalRedisStandalone redis = LocalRedis.standalone().start();
        System.out.println("redis-pid " + redis.node().pid() + " " + redis.node().directory());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
