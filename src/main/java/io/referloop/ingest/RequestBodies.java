package io.referloop.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

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

    /**
     * The body as UTF-8 text, refusing (400) anything that is not UTF-8: overlong forms, surrogates, stray
     * bytes. A lenient decoder would replace them and store text that differs from the bytes that were signed.
     */
    public static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedWebhookException("body is not UTF-8");
        }
    }

    /**
     * The body as exactly one JSON value in UTF-8 (RFC 8259). Parsing the decoded text, not the bytes, keeps
     * Jackson from guessing UTF-16 or UTF-32; anything after the value is refused rather than ignored.
     */
    public static JsonNode json(ObjectMapper mapper, String text) {
        try {
            JsonNode node = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new MalformedWebhookException("body is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedWebhookException("body is not JSON: " + e.getOriginalMessage());
        }
    }
}
