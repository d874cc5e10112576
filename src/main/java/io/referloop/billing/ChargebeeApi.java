package io.referloop.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The one Chargebee API call Referloop makes: {@code GET /api/v2/events/{id}} (basic auth, the API key as user name
 * and an empty password), answered {@code {"event": {...}}}. Over the JDK's client, which never waits out a
 * Retry-After by itself: a failed read is handed back to the inbox, which tries again later.
 */
@Component
class ChargebeeApi {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final ChargebeeProperties properties;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    ChargebeeApi(ChargebeeProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    /** A failed call; transient ones (no answer, 429, 5xx, or the key refused) are worth trying again. */
    static final class Failure extends RuntimeException {

        final int status;

        Failure(int status, String message, Throwable cause) {
            super("Chargebee answered " + (status == 0 ? "nothing" : status) + ": " + message, cause);
            this.status = status;
        }

        boolean isTransient() {
            // 401/403: the key is wrong or lacks the permission; once it is fixed the event is still there to read
            return status == 0 || status == 401 || status == 403 || status == 429 || status >= 500;
        }
    }

    /**
     * The event as Chargebee has it, or empty when Chargebee does not know that id: a 404 with Chargebee's
     * {@code resource_not_found}. A 404 without it (a wrong base URL, say) is a failure, not a verdict on the event.
     */
    Optional<JsonNode> event(String id) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.apiBaseUrl() + "/events/"
                        + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((properties.apiKey().trim() + ":").getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Failure(0, e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(0, "interrupted", e);
        }
        JsonNode body = parse(response);
        if (response.statusCode() == 404 && body.path("api_error_code").asText().equals("resource_not_found")) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new Failure(response.statusCode(), body.path("message").asText(body.path("api_error_code").asText("")), null);
        }
        if (!body.path("event").isObject()) {
            throw new Failure(response.statusCode(), "no event in the answer", null);
        }
        return Optional.of(body.get("event"));
    }

    private JsonNode parse(HttpResponse<byte[]> response) {
        try {
            return response.body().length == 0 ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException notJson) {
            return json.createObjectNode();
        }
    }
}
