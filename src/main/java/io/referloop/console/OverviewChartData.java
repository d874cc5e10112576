package io.referloop.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Overview's figures as the JSON its charts draw from. It travels inside the page as a data block (no inline
 * script: the Content-Security-Policy allows scripts from the connector's own files only), so a {@code <} never
 * appears in it: nothing in it can close the block.
 */
@Component
class OverviewChartData {

    static final List<String> FUNNEL_STEPS = List.of("Link clicks", "Sign-ups attributed", "Converted", "Rewarded");

    private final ObjectMapper json;

    OverviewChartData(ObjectMapper json) {
        this.json = json;
    }

    String json(ConsoleQueries.Funnel funnel, List<ConsoleQueries.Week> weeks, List<ConsoleQueries.Money> money) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("weeks", weeks(weeks));
        data.put("funnel", Map.of("labels", FUNNEL_STEPS,
                "values", List.of(funnel.clicks(), funnel.attributed(), funnel.converted(), funnel.rewarded())));
        data.put("money", money(money));
        try {
            return json.writeValueAsString(data).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> weeks(List<ConsoleQueries.Week> weeks) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("labels", weeks.stream().map(w -> w.monday().toString()).toList());
        result.put("attributed", weeks.stream().map(ConsoleQueries.Week::attributed).toList());
        result.put("converted", weeks.stream().map(ConsoleQueries.Week::converted).toList());
        result.put("rewarded", weeks.stream().map(ConsoleQueries.Week::rewarded).toList());
        return result;
    }

    /** One series per currency, one value per state: amounts in different currencies are never added up. */
    private static Map<String, Object> money(List<ConsoleQueries.Money> money) {
        Set<String> states = new LinkedHashSet<>();
        Set<String> currencies = new LinkedHashSet<>();
        for (ConsoleQueries.Money row : money) {
            states.add(row.status().toLowerCase(Locale.ROOT));
            currencies.add(row.currency());
        }
        List<String> stateList = new ArrayList<>(states);
        List<Map<String, Object>> series = new ArrayList<>();
        for (String currency : currencies) {
            List<BigDecimal> amounts = new ArrayList<>();
            for (String state : stateList) {
                amounts.add(money.stream()
                        .filter(m -> m.currency().equals(currency) && m.status().toLowerCase(Locale.ROOT).equals(state))
                        .map(ConsoleQueries.Money::amount).findFirst().orElse(BigDecimal.ZERO));
            }
            series.add(Map.of("currency", currency, "amounts", amounts));
        }
        return Map.of("states", stateList, "series", series);
    }
}
