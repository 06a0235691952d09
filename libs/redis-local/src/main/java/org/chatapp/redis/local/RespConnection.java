package org.chatapp.redis.local;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/**
 * One blocking RESP connection to a node, authenticated on open when credentials are given.
 * Harness code opens one per use: nodes come and go, so a pooled connection would mostly be stale.
 */
final class RespConnection implements Closeable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    /**
     * Connects to {@code host:port} and authenticates.
     *
     * @throws IOException if the node cannot be reached or does not answer in time
     * @throws LocalRedisException if the node rejects the credentials
     */
    static RespConnection open(String host, int port, Credentials credentials, Duration connectTimeout,
            Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), Math.toIntExact(connectTimeout.toMillis()));
            socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
            socket.setTcpNoDelay(true);
            RespConnection connection = new RespConnection(socket);
            if (!credentials.isNone()) {
                connection.command(credentials.authArguments());
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Sends one command and returns its decoded reply.
     *
     * @throws LocalRedisException if the server replies with an error
     * @throws IOException if the connection breaks or the reply does not come in time
     */
    Object command(List<String> arguments) throws IOException {
        out.write(RespCodec.encode(arguments));
        out.flush();
        return RespCodec.decode(in);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
