package io.referloop.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * How webhook senders hear about a refused delivery: 401 for signatures, 400 for bodies, and 503
 * when the inbox cannot store (the sender retries; nothing was acknowledged).
 */
@RestControllerAdvice
class WebhookErrors {

    private static final Logger log = LoggerFactory.getLogger(WebhookErrors.class);

    @ExceptionHandler(SignatureException.class)
    ProblemDetail signature(SignatureException e) {
        log.warn("Webhook refused: {}", e.getMessage());
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
    }

    @ExceptionHandler(MalformedWebhookException.class)
    ProblemDetail malformed(MalformedWebhookException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(DataAccessException.class)
    ProblemDetail storage(DataAccessException e) {
        log.error("Could not store an event; the sender will retry", e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "event store unavailable, retry later");
    }
}
