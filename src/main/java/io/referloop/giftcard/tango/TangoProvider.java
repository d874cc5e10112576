package io.referloop.giftcard.tango;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.referloop.giftcard.HttpGiftCardProvider;
import io.referloop.reward.GiftCardOrder;
import io.referloop.reward.GiftCardReceipt;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tango Card RaaS v2 {@code POST /orders}, idempotent on {@code externalRefID} (per account): 201 is a new
 * order, 200 the order Tango already had for that key (the original one, even if the item differs).
 * <p>
 * Tango allows 1 request per second. Every attempt passes a Resilience4j RateLimiter of one permit per second
 * and, because that limiter refreshes in fixed one-second cycles (two calls either side of a cycle boundary
 * can be milliseconds apart), a gap of at least one second since the previous call ended. On an error Tango
 * advises waiting at least a second before retrying with the same request. Retries and error handling:
 * {@link HttpGiftCardProvider}.
 */
@Component
public class TangoProvider extends HttpGiftCardProvider {

    private static final Duration MIN_GAP = Duration.ofSeconds(1);

    private final TangoProperties properties;
    private final RateLimiter rateLimiter;
    private final ReentrantLock spacing = new ReentrantLock(true);
    private long lastCallEndedNanos;
    private boolean called;

    public TangoProvider(TangoProperties properties, ObjectMapper json) {
        super("Tango Card", "externalRefID", properties.timeout(), properties.maxAttempts(), json);
        this.properties = properties;
        this.rateLimiter = RateLimiter.of("tango", RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(MIN_GAP)
                .timeoutDuration(Duration.ofMinutes(2))
                .build());
    }

    @Override
    public String name() {
        return "tango";
    }

    @Override
    public boolean configured() {
        return properties.configured();
    }

    @Override
    protected String offMessage() {
        return "Tango Card is off: set referloop.tango.platform-name, api-key, "
                + "account-identifier, customer-identifier and utid";
    }

    @Override
    protected URI baseUrl() {
        return properties.baseUrl();
    }

    @Override
    protected String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (properties.platformName() + ":" + properties.apiKey()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The order body; built once per call, so every attempt sends exactly the same bytes. Tango charges in the
     * currency of the UTID's catalogue item: {@link GiftCardOrder#currency()} is not sent.
     */
    @Override
    protected byte[] body(GiftCardOrder order) {
        ObjectNode body = json.createObjectNode();
        body.put("customerIdentifier", properties.customerIdentifier());
        body.put("accountIdentifier", properties.accountIdentifier());
        body.put("utid", properties.utid());
        body.put("amount", order.amount());
        ObjectNode recipient = body.putObject("recipient");
        recipient.put("email", order.recipientEmail());
        String[] names = names(order);
        recipient.put("firstName", names[0]);
        if (!names[1].isEmpty()) {
            recipient.put("lastName", names[1]);
        }
        body.put("sendEmail", true);
        body.put("externalRefID", order.idempotencyKey());
        if (order.message() != null && !order.message().isBlank()) {
            body.put("message", order.message());
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the Tango order", e);
        }
    }

    /** First and last name from the recipient's name; without one, the email's local part as first name. */
    private static String[] names(GiftCardOrder order) {
        String name = order.recipientName() == null ? "" : order.recipientName().trim();
        if (name.isEmpty()) {
            String email = order.recipientEmail() == null ? "" : order.recipientEmail();
            int at = email.indexOf('@');
            return new String[] {at > 0 ? email.substring(0, at) : email, ""};
        }
        int space = name.indexOf(' ');
        return space < 0 ? new String[] {name, ""}
                : new String[] {name.substring(0, space), name.substring(space + 1).trim()};
    }

    @Override
    protected CheckedSupplier<GiftCardReceipt> guard(CheckedSupplier<GiftCardReceipt> attempt) {
        return RateLimiter.decorateCheckedSupplier(rateLimiter, attempt);
    }

    /** Sends at least {@link #MIN_GAP} after the previous call ended, one call at a time. */
    @Override
    protected HttpResponse<byte[]> exchange(HttpRequest request) throws IOException, InterruptedException {
        spacing.lockInterruptibly();
        try {
            if (called) {
                long waitNanos = lastCallEndedNanos + MIN_GAP.toNanos() - System.nanoTime();
                if (waitNanos > 0) {
                    TimeUnit.NANOSECONDS.sleep(waitNanos);
                }
            }
            try {
                return super.exchange(request);
            } finally {
                lastCallEndedNanos = System.nanoTime();
                called = true;
            }
        } finally {
            spacing.unlock();
        }
    }

    @Override
    protected GiftCardReceipt accepted(int status, JsonNode body) {
        if (body == null || !body.hasNonNull("referenceOrderID")) {
            throw unreadable(status, "a referenceOrderID");
        }
        return new GiftCardReceipt(body.get("referenceOrderID").asText(), body.path("status").asText(null), status == 200);
    }

    /** Tango's {@code i18nKey: message}, then each entry of {@code errors}. */
    @Override
    protected String errorMessage(JsonNode body) {
        if (!body.hasNonNull("message")) {
            return null;
        }
        List<String> details = new ArrayList<>();
        body.path("errors").forEach(error -> details.add(error.path("path").asText("") + " "
                + error.path("message").asText("")));
        String key = body.path("i18nKey").asText("");
        return (key.isEmpty() ? "" : key + ": ") + body.get("message").asText() + (details.isEmpty() ? "" : " " + details);
    }

    /** Tango: on an error wait (at least) a second, longer if the answer named a longer wait. */
    @Override
    protected long backoff(int attempt) {
        return MIN_GAP.toMillis();
    }
}
