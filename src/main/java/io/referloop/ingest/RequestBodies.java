package io.referloop.ingest;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.io.InputStream;

/** Reads a webhook body as the exact bytes sent, refusing (413) anything over the limit without reading it all. */
public final class RequestBodies {

    public static final int MAX_BYTES = 1024 * 1024;

    private RequestBodies() {
    }

    public static byte[] read(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "body over 1 MiB");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "body over 1 MiB");
            }
            return body;
        }
    }
}
