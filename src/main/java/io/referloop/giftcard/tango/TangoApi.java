package io.referloop.giftcard.tango;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.PostExchange;

import java.math.BigDecimal;
import java.util.List;

/**
 * Tango Card RaaS v2 as the connector uses it: {@code POST /orders} and the shapes of its body, its answer and
 * its error ({@code {"i18nKey","message","errors":[{"path","message"}]}}). Unset fields are not sent.
 */
public interface TangoApi {

    @PostExchange("/orders")
    ResponseEntity<OrderAnswer> createOrder(@RequestBody OrderRequest order);

    /**
     * {@code sendEmail}: Tango emails the recipient the card. No currency: Tango charges in the currency of the
     * UTID's catalogue item.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OrderRequest(String customerIdentifier, String accountIdentifier, String utid, BigDecimal amount,
                        Recipient recipient, boolean sendEmail, @JsonProperty("externalRefID") String externalRefId,
                        String message) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Recipient(String email, String firstName, String lastName) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OrderAnswer(@JsonProperty("referenceOrderID") String referenceOrderId, String status) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Error(String i18nKey, String message, List<Detail> errors) {
    }

    /** One field's problem in a validation error. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Detail(String path, String message) {
    }
}
