package io.referloop.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Body;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Bean {@code slackAlerts} (route {@code notify-slack}): posts {@code {"text": ...}} to the Slack incoming webhook
 * for held and failed rewards. A failed post throws, so the event comes again; one already posted is not posted twice.
 */
@Component("slackAlerts")
public class SlackAlerts {

    static final String CHANNEL = "slack";

    private final AlertsProperties properties;
    private final NotificationLog log;
    private final ObjectMapper json;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    SlackAlerts(AlertsProperties properties, NotificationLog log, ObjectMapper json,
                @Value("${referloop.public-base-url:http://localhost:8080}") String baseUrl) {
        this.properties = properties;
        this.log = log;
        this.json = json;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    public void send(@Body String event) throws IOException, InterruptedException {
        if (!properties.slack()) {
            return;
        }
        JsonNode node = json.readTree(event);
        String id = node.path("id").asText();
        String text = text(node, baseUrl);
        if (text == null || log.done(id, CHANNEL)) {
            return;
        }
        post(text);
        log.record(id, CHANNEL);
    }

    /** Posts one message; throws when Slack does not take it. */
    void post(String text) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.slackWebhookUrl()))
                .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("text", text)),
                        StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Slack answered HTTP " + response.statusCode());
        }
    }

    /** The alert for an event, or null when it is not one admins hear about. */
    static String text(JsonNode event, String baseUrl) {
        JsonNode reward = event.path("data").path("reward");
        JsonNode advocate = event.path("data").path("advocate");
        String who = advocate.path("email").asText("?")
                + (advocate.hasNonNull("name") ? " (" + advocate.path("name").asText() + ")" : "");
        String amount = reward.path("amount").asText("?") + " " + reward.path("currency").asText("");
        String review = baseUrl + "/console/review/" + reward.path("id").asText();
        return switch (event.path("type").asText()) {
            case EventTypes.REWARD_HELD -> ":hourglass: Reward held for review: " + amount.trim() + " for " + who
                    + ". Reason: " + reward.path("reason").asText("none given") + ". Review: " + review;
            case EventTypes.REWARD_FAILED -> ":warning: Reward failed: " + amount.trim() + " for " + who
                    + " (" + reward.path("provider").asText("provider") + "): "
                    + reward.path("error").asText("no error given") + ". Retry: " + review;
            default -> null;
        };
    }
}
