package io.referloop.notify;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/events} (admin): the delivery state of the latest events, per channel (routes, webhook), with the
 * last error of a failing one, and the counts per status. The events' data is not repeated here.
 */
@RestController
@RequestMapping("/api/events")
class EventsController {

    private final EventOutbox outbox;

    EventsController(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping
    Map<String, Object> events(@RequestParam(defaultValue = "50") int limit) {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (EventOutbox.Channel channel : EventOutbox.Channel.values()) {
            Map<String, Long> byStatus = new LinkedHashMap<>();
            for (String status : List.of(EventOutbox.PENDING, EventOutbox.DELIVERED, EventOutbox.SKIPPED, EventOutbox.FAILED)) {
                byStatus.put(status.toLowerCase(), outbox.count(channel, status));
            }
            counts.put(channel.name().toLowerCase(), byStatus);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("counts", counts);
        answer.put("latest", outbox.recent(Math.max(1, Math.min(limit, 500))));
        return answer;
    }
}
