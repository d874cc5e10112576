package io.referloop.giftcard.tango;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.referloop.giftcard.GiftCardHttp;
import io.referloop.giftcard.HttpGiftCardProvider;
import io.referloop.giftcard.tango.TangoApi.OrderAnswer;
import io.referloop.giftcard.tango.TangoApi.OrderRequest;
import io.referloop.reward.GiftCardOrder;
import io.referloop.reward.GiftCardReceipt;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

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
public class TangoProvider extends HttpGiftCardProvider<OrderRequest, OrderAnswer> {

    private static final Duration MIN_GAP = Duration.ofSeconds(1);

    private final TangoProperties properties;
    private final TangoApi api;
    private final Duration minGap;
    private final RateLimiter rateLimiter;
    private final CallSpacing spacing;

    @Autowired
    public TangoProvider(TangoProperties properties, ObjectMapper json) {
        this(properties, json, MIN_GAP);
    }

    /** {@code minGap}: Tango's one second ({@link #MIN_GAP}); shorter only against a fake that allows more. */
    TangoProvider(TangoProperties properties, ObjectMapper json, Duration minGap) {
        super("Tango Card", "externalRefID", properties.timeout(), properties.maxAttempts(), json);
        this.properties = properties;
        this.api = GiftCardHttp.client(TangoApi.class, properties.baseUrl(), basic(properties), properties.timeout(), json);
        this.minGap = minGap;
        this.spacing = new CallSpacing(minGap);
        this.rateLimiter = RateLimiter.of("tango", RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(minGap)
                .timeoutDuration(Duration.ofMinutes(2))
                .build());
    }

    /** The least time between two Tango calls, retries included: what the limiter and the spacing both keep. */
    Duration minGap() {
        return minGap;
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

    private static String basic(TangoProperties properties) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (properties.platformName() + ":" + properties.apiKey()).getBytes(StandardCharsets.UTF_8));
    }

    /** Tango charges in the currency of the UTID's catalogue item: {@link GiftCardOrder#currency()} is not sent. */
    @Override
    protected OrderRequest request(GiftCardOrder order) {
        String[] names = names(order);
        String message = order.message() == null || order.message().isBlank() ? null : order.message();
        return new OrderRequest(properties.customerIdentifier(), properties.accountIdentifier(), properties.utid(),
                order.amount(), new TangoApi.Recipient(order.recipientEmail(), names[0],
                        names[1].isEmpty() ? null : names[1]),
                true, order.idempotencyKey(), message);
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

    /** Sends at least the gap ({@link #MIN_GAP}) after the previous call ended, one call at a time. */
    @Override
    protected ResponseEntity<OrderAnswer> post(OrderRequest request) {
        try {
            return spacing.call(() -> api.createOrder(request));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResourceAccessException("interrupted while spacing Tango Card calls");
        }
    }

    @Override
    protected GiftCardReceipt accepted(int status, OrderAnswer answer) {
        if (answer == null || answer.referenceOrderId() == null) {
            throw unreadable(status, "a referenceOrderID");
        }
        return new GiftCardReceipt(answer.referenceOrderId(), answer.status(), status == 200);
    }

    /** Tango's {@code i18nKey: message}, then each entry of {@code errors}. */
    @Override
    protected String errorMessage(byte[] body) {
        TangoApi.Error error = read(body, TangoApi.Error.class);
        if (error == null || error.message() == null) {
            return null;
        }
        List<String> details = error.errors() == null ? List.of() : error.errors().stream()
                .map(detail -> Objects.toString(detail.path(), "") + " " + Objects.toString(detail.message(), ""))
                .toList();
        String key = Objects.toString(error.i18nKey(), "");
        return (key.isEmpty() ? "" : key + ": ") + error.message() + (details.isEmpty() ? "" : " " + details);
    }

    /** Tango: on an error wait (at least) a second, longer if the answer named a longer wait. */
    @Override
    protected long backoff(int attempt) {
        return minGap.toMillis();
    }
}
