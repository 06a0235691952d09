package org.chatapp.apps.common;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes an {@link ApiError} from a servlet filter, where no message converter is at hand. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    /** Writes the error with its status, unless the response is already committed. */
    public static void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(new ApiError(code, message).toJson());
        response.flushBuffer();
    }
}
