package org.chatapp.bench.chatload;

import java.nio.file.Path;

/**
 * {@code java -jar bench/chat-load/target/chat-load.jar [--connections N] [--conversations M]
 * [--seconds S] [--runs R] [--rate msgs/s] [--targets d1,d2,...] [--platform-jar PATH] [--no-profile]}:
 * runs the load and prints the Markdown report. Without {@code --rate} the steps aim at 2,000,
 * 5,000, 10,000 and 20,000 deliveries per second.
 */
public final class ChatLoad {

    private ChatLoad() {
    }

    public static void main(String[] args) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args, buildDirectory());
        } catch (IllegalArgumentException e) {
            System.err.println("chat-load: " + e.getMessage());
            System.exit(2);
            return;
        }
        LoadRun.Result result;
        try {
            result = LoadRun.run(options, System.out);
        } catch (RuntimeException e) {
            System.err.println("chat-load failed: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        System.out.println();
        System.out.print(Report.markdown(result, "java -jar bench/chat-load/target/chat-load.jar" + (args.length == 0 ? "" : " " + String.join(" ", args))));
        System.exit(0); // the JDK's HTTP clients keep non-daemon threads a while
    }

    /**
     * Returns the module's build directory, where the build copies chat-local's jar: the directory of
     * this jar under {@code java -jar}, of {@code target/classes} otherwise.
     */
    private static Path buildDirectory() {
        String first = System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)[0];
        return first.isEmpty() ? Path.of("bench", "chat-load", "target") : Path.of(first).toAbsolutePath().getParent();
    }
}
