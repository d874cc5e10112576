package io.referloop.giftcard.tremendous;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.PostExchange;

import java.math.BigDecimal;
import java.util.List;

/**
 * Tremendous API v2 as the connector uses it: {@code POST /orders} and the shapes of its body, its answer
 * ({@code {"order":{…}}}) and its error ({@code {"errors":{"message","payload"}}}). Unset fields are not sent.
 */
public interface TremendousApi {

    @PostExchange("/orders")
    ResponseEntity<OrderAnswer> createOrder(@RequestBody OrderRequest order);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OrderRequest(@JsonProperty("external_id") String externalId, Payment payment, Reward reward) {
    }

    record Payment(@JsonProperty("funding_source_id") String fundingSourceId) {
    }

    /** Either {@code products} or {@code campaignId}; {@code products} overrides the campaign's products. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Reward(@JsonProperty("campaign_id") String campaignId, List<String> products, Value value,
                  Recipient recipient, Delivery delivery) {
    }

    record Value(BigDecimal denomination, @JsonProperty("currency_code") String currencyCode) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Recipient(String name, String email) {
    }

    /** {@code EMAIL}: Tremendous sends the recipient the reward. */
    record Delivery(String method) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OrderAnswer(Order order) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Order(String id, String status) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Error(Errors errors) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Errors(String message) {
    }
}
