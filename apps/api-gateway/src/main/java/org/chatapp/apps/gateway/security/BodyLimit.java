package org.chatapp.apps.gateway.security;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/**
 * A request whose body fails to read past a limit: how a chunked body, which announces no length,
 * is held to the same limit as one that does. The failure reaches the gateway's error handling as
 * {@link TooLarge} in the cause chain and is answered 413.
 */
public final class BodyLimit extends HttpServletRequestWrapper {

    /** The body went past the limit. */
    public static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("the body may be at most " + limit + " bytes");
        }
    }

    private final long limit;
    private ServletInputStream stream;

    public BodyLimit(HttpServletRequest request, long limit) {
        super(request);
        this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            ServletInputStream body = super.getInputStream();
            stream = new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = body.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = body.read(buffer, offset, length);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                private void count(int n) throws TooLarge {
                    read += n;
                    if (read > limit) {
                        throw new TooLarge(limit);
                    }
                }

                @Override
                public boolean isFinished() {
                    return body.isFinished();
                }

                @Override
                public boolean isReady() {
                    return body.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    body.setReadListener(listener);
                }
            };
        }
        return stream;
    }
}
