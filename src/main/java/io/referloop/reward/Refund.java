package io.referloop.reward;

import java.util.List;

/** A full refund or a dispute of a payment, named by every reference billing gave for it. */
public record Refund(String source, String kind, List<String> paymentRefs) {
}
