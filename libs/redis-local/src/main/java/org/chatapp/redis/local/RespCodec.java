package org.chatapp.redis.local;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Encodes commands and decodes replies of the Redis serialization protocol (RESP2), the subset a
 * test harness needs: simple strings, errors, integers, bulk strings and arrays.
 */
final class RespCodec {

    private static final byte[] CRLF = {'\r', '\n'};

    private RespCodec() {
    }

    /** Returns a command as a RESP array of bulk strings, text encoded as UTF-8. */
    static byte[] encode(List<String> arguments) {
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least its name");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeAscii(out, "*" + arguments.size());
        for (String argument : arguments) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            writeAscii(out, "$" + bytes.length);
            out.writeBytes(bytes);
            out.writeBytes(CRLF);
        }
        return out.toByteArray();
    }

    /**
     * Reads one complete reply: a {@link String} for simple and bulk strings, a {@link Long} for
     * integers, a {@link List} for arrays and {@code null} for nil.
     *
     * @throws LocalRedisException if the reply is an error or holds one, with the server's message
     * @throws IOException if the stream ends or breaks before the reply is complete
     */
    static Object decode(InputStream in) throws IOException {
        Object reply = read(in);
        LocalRedisException error = firstError(reply);
        if (error != null) {
            throw error;
        }
        return reply;
    }

    // Errors are collected as values while reading so the whole reply is consumed before one is
    // thrown, which keeps the connection usable for the next command.
    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        if (type == -1) {
            throw new EOFException("connection closed by the server");
        }
        String line = readLine(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                return new LocalRedisException(line);
            case ':':
                return Long.parseLong(line);
            case '$':
                return readBulk(in, Integer.parseInt(line));
            case '*':
                return readArray(in, Integer.parseInt(line));
            default:
                throw new IOException("unexpected RESP type '" + (char) type + "' followed by: " + line);
        }
    }

    private static String readBulk(InputStream in, int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("connection closed in the middle of a bulk string");
        }
        if (in.read() != '\r' || in.read() != '\n') {
            throw new IOException("bulk string of " + length + " bytes is not followed by CRLF");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<Object> readArray(InputStream in, int size) throws IOException {
        if (size < 0) {
            return null;
        }
        List<Object> elements = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            elements.add(read(in));
        }
        return Collections.unmodifiableList(elements);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int current = in.read();
            if (current == -1) {
                throw new EOFException("connection closed in the middle of a reply line");
            }
            if (previous == '\r' && current == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(current);
            previous = current;
        }
    }

    private static LocalRedisException firstError(Object reply) {
        if (reply instanceof LocalRedisException error) {
            return error;
        }
        if (reply instanceof List<?> elements) {
            for (Object element : elements) {
                LocalRedisException error = firstError(element);
                if (error != null) {
                    return error;
                }
            }
        }
        return null;
    }

    private static void writeAscii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(CRLF);
    }
}
