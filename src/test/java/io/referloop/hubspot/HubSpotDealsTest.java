package io.referloop.hubspot;

import io.referloop.demo.FakeHubSpot;
import io.referloop.ingest.Inbox;
import io.referloop.ingest.InboxEvent;
import io.referloop.reward.Conversion;
import io.referloop.reward.RewardService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * Won deals as the reward logic receives them, read from the fake HubSpot with the shipped {@code hubspot.yaml}:
 * the deal's contacts and its company (by domain) convert.
 */
class HubSpotDealsTest {

    private static final String TOKEN = "pat-deals-test";

    private final FakeHubSpot hubspot = new FakeHubSpot(TOKEN).start();
    private final RewardService rewards = mock(RewardService.class);
    private final Inbox inbox = mock(Inbox.class);
    private final HubSpotDeals deals = new HubSpotDeals(ShippedHubSpot.client(hubspot, TOKEN), ShippedHubSpot.mapping(), inbox, rewards,
            new TransactionTemplate(mock(PlatformTransactionManager.class)), Clock.systemUTC(),
            ShippedHubSpot.properties(hubspot, TOKEN));

    @AfterEach
    void stop() {
        hubspot.close();
    }

    @Test
    void aWonDealsContactConvertsWithTheCompanysDomainAndTheCompanyConvertsToo() {
        String deal = wonDeal();
        hubspot.associateDeal(deal, "contacts", contact("grace@acme.com", "Grace", "Hopper"));
        hubspot.associateDeal(deal, "companies", company("Acme", "acme.com"));

        List<Conversion> conversions = process(deal);

        assertThat(conversions).extracting(Conversion::email, Conversion::name, Conversion::companyDomain)
                .containsExactly(tuple("grace@acme.com", "Grace Hopper", "acme.com"), tuple(null, null, "acme.com"));
        assertThat(conversions).allSatisfy(c -> {
            assertThat(c.kind()).isEqualTo(Conversion.Kind.DEAL_WON);
            assertThat(c.externalRef()).isEqualTo(deal);
            assertThat(c.crmDealId()).isEqualTo(deal);
            assertThat(c.revenue()).isEqualByComparingTo("12000");
        });
    }

    @Test
    void aWonDealWithACompanyAndNoContactsConvertsThroughTheCompany() {
        String deal = wonDeal();
        hubspot.associateDeal(deal, "companies", company("Acme", "acme.com"));

        assertThat(process(deal)).extracting(Conversion::email, Conversion::companyDomain)
                .containsExactly(tuple(null, "acme.com"));
    }

    @Test
    void theDealsPrimaryCompanyIsTheOneItConvertsThrough() {
        String deal = wonDeal();
        hubspot.associateDeal(deal, "contacts", contact("grace@acme.com", "Grace", "Hopper"));
        hubspot.associateDeal(deal, "companies", company("Reseller", "reseller.io"));
        hubspot.associateDealWithPrimaryCompany(deal, company("Acme", "acme.com"));

        assertThat(process(deal)).extracting(Conversion::email, Conversion::companyDomain)
                .containsExactly(tuple("grace@acme.com", "acme.com"), tuple(null, "acme.com"));
    }

    @Test
    void withoutAPrimaryEachCompanyConvertsAndTheContactsCarryNoDomain() {
        String deal = wonDeal();
        hubspot.associateDeal(deal, "contacts", contact("grace@acme.com", "Grace", "Hopper"));
        hubspot.associateDeal(deal, "companies", company("Acme", "acme.com"));
        hubspot.associateDeal(deal, "companies", company("Acme UK", "acme.co.uk"));

        assertThat(process(deal)).extracting(Conversion::email, Conversion::companyDomain)
                .containsExactly(tuple("grace@acme.com", null), tuple(null, "acme.com"), tuple(null, "acme.co.uk"));
    }

    @Test
    void aCompanysWebsiteStyleDomainConvertsAsItsBareDomain() {
        String deal = wonDeal();
        hubspot.associateDeal(deal, "companies", company("Acme", "https://www.Acme.com/pricing"));

        assertThat(process(deal)).extracting(Conversion::companyDomain).containsExactly("acme.com");
    }

    @Test
    void withoutTheCompaniesReadScopeAWonDealStillConvertsThroughItsContacts() {
        hubspot.revokeScope("crm.objects.companies.read");
        String deal = wonDeal();
        hubspot.associateDeal(deal, "contacts", contact("grace@acme.com", "Grace", "Hopper"));
        hubspot.associateDeal(deal, "companies", company("Acme", "acme.com"));

        assertThat(process(deal)).extracting(Conversion::email, Conversion::companyDomain)
                .containsExactly(tuple("grace@acme.com", null));
    }

    @Test
    void aDealHubSpotRefusesToReadIsTriedAgainAfterFiveMinutesLikeAContact() {
        hubspot.revokeScope("crm.objects.deals.read");
        String deal = wonDeal();
        InboxEvent won = event(deal);

        deals.process(Map.of(deal, List.of(won)));

        verify(inbox).retryLater(eq(List.of(won)), anyString(), eq(Duration.ofMinutes(5)));
        verify(rewards, never()).onConversion(any());
    }

    private List<Conversion> process(String deal) {
        deals.process(Map.of(deal, List.of(event(deal))));
        verify(inbox).markDone(List.of(1L));
        ArgumentCaptor<Conversion> conversions = ArgumentCaptor.forClass(Conversion.class);
        verify(rewards, atLeast(0)).onConversion(conversions.capture());
        return conversions.getAllValues();
    }

    private String wonDeal() {
        return hubspot.createDeal(Map.of("dealname", "Acme licence", "amount", "12000", "dealstage", "closedwon",
                "pipeline", "default"));
    }

    private String contact(String email, String first, String last) {
        return hubspot.createContact(Map.of("email", email, "firstname", first, "lastname", last));
    }

    private String company(String name, String domain) {
        return hubspot.createCompany(Map.of("name", name, "domain", domain));
    }

    private static InboxEvent event(String deal) {
        return new InboxEvent(1L, "hubspot", "deal-" + deal, "deal.propertyChange", deal,
                "{\"subscriptionType\":\"deal.propertyChange\",\"objectId\":" + deal + "}", Instant.now(), 0);
    }
}
