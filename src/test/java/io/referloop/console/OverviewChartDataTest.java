package io.referloop.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OverviewChartDataTest {

    private final ObjectMapper json = new ObjectMapper();
    private final OverviewChartData data = new OverviewChartData(json);
    private final ConsoleQueries.Funnel funnel = new ConsoleQueries.Funnel(40, 12, 5, 3);
    private final List<ConsoleQueries.Week> weeks = List.of(
            new ConsoleQueries.Week(LocalDate.parse("2026-11-16"), 2, 1, 0),
            new ConsoleQueries.Week(LocalDate.parse("2026-11-23"), 4, 2, 1));

    @Test
    void theFunnelGoesFromLinkClicksToRewarded() throws Exception {
        JsonNode funnelNode = read(List.of()).get("funnel");
        assertThat(funnelNode.get("labels").toString())
                .isEqualTo("[\"Link clicks\",\"Sign-ups attributed\",\"Converted\",\"Rewarded\"]");
        assertThat(funnelNode.get("values").toString()).isEqualTo("[40,12,5,3]");
    }

    @Test
    void weeksKeepTheirOrderWithOneSeriesPerFigure() throws Exception {
        JsonNode weeksNode = read(List.of()).get("weeks");
        assertThat(weeksNode.get("labels").toString()).isEqualTo("[\"2026-11-16\",\"2026-11-23\"]");
        assertThat(weeksNode.get("attributed").toString()).isEqualTo("[2,4]");
        assertThat(weeksNode.get("converted").toString()).isEqualTo("[1,2]");
        assertThat(weeksNode.get("rewarded").toString()).isEqualTo("[0,1]");
    }

    @Test
    void moneyInDifferentCurrenciesIsNeverAddedUp() throws Exception {
        String text = data.json(funnel, weeks, List.of(
                new ConsoleQueries.Money("HELD", "USD", new BigDecimal("300.00"), 1),
                new ConsoleQueries.Money("ISSUED", "EUR", new BigDecimal("50.00"), 1),
                new ConsoleQueries.Money("ISSUED", "USD", new BigDecimal("100.00"), 2)));
        JsonNode money = json.readTree(text).get("money");
        assertThat(money.get("states").toString()).isEqualTo("[\"held\",\"issued\"]");
        assertThat(money.get("series").get(0).get("currency").asText()).isEqualTo("USD");
        assertThat(money.get("series").get(1).get("currency").asText()).isEqualTo("EUR");
        assertThat(text).contains("\"amounts\":[300.00,100.00]").contains("\"amounts\":[0,50.00]");
    }

    @Test
    void nothingInTheDataCanCloseTheBlockItTravelsIn() throws Exception {
        String text = data.json(funnel, weeks, List.of(
                new ConsoleQueries.Money("</script><script>alert(1)", "USD", BigDecimal.ONE, 1)));
        assertThat(text).doesNotContain("<");
        assertThat(json.readTree(text).get("money").get("states").get(0).asText()).startsWith("</script>");
    }

    private JsonNode read(List<ConsoleQueries.Money> money) throws Exception {
        return json.readTree(data.json(funnel, weeks, money));
    }
}
