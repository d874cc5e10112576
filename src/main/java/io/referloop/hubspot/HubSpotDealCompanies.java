package io.referloop.hubspot;

import io.referloop.mapping.LiveMapping;
import io.referloop.referral.Emails;
import io.referloop.hubspot.HubSpotClient.Association;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The company domains a won deal converts through. When a rep has marked a primary company (HubSpot-defined
 * association type 5) only that one counts, since it is the company that bought; otherwise every associated
 * company does. Two calls for up to 100 deals (associations v4, then companies batch read), through the same
 * client, so the rate limiter, retries and circuit breaker apply as to every other HubSpot call.
 *
 * <p>A private app set up before companies were read lacks {@code crm.objects.companies.read}; HubSpot then
 * refuses the companies read (403). Its deals convert through their contacts only, as they did before, instead of
 * waiting in the inbox until they fail; every such batch logs a warning naming the scope to grant.
 */
final class HubSpotDealCompanies {

    private static final Logger log = LoggerFactory.getLogger(HubSpotDealCompanies.class);

    private final HubSpotClient client;
    private final LiveMapping<HubSpotMapping> mapping;

    HubSpotDealCompanies(HubSpotClient client, LiveMapping<HubSpotMapping> mapping) {
        this.client = client;
        this.mapping = mapping;
    }

    /**
     * For each of up to 100 deal ids, the distinct domains of its converting companies, normalised. A deal whose
     * converting companies have no usable domain is absent.
     */
    Map<String, List<String>> domainsOf(Collection<String> dealIds) {
        Map<String, List<String>> companiesOf = new LinkedHashMap<>();
        client.associationsWithTypes("deals", "companies", dealIds)
                .forEach((deal, links) -> companiesOf.put(deal, converting(links)));
        Set<String> companyIds = new LinkedHashSet<>();
        companiesOf.values().forEach(companyIds::addAll);
        if (companyIds.isEmpty()) {
            return Map.of();
        }
        Map<String, String> domainOfCompany;
        try {
            domainOfCompany = domains(companyIds);
        } catch (HubSpotApiException e) {
            if (e.status() != 403) {
                throw e;
            }
            log.warn("Won deals {} convert through their contacts only: HubSpot refused to read their companies; grant "
                    + "the private app the crm.objects.companies.read scope ({})", dealIds, e.getMessage());
            return Map.of();
        }
        Map<String, List<String>> domainsOfDeal = new LinkedHashMap<>();
        companiesOf.forEach((deal, companies) -> {
            List<String> domains = companies.stream().map(domainOfCompany::get)
                    .filter(java.util.Objects::nonNull).distinct().toList();
            if (!domains.isEmpty()) {
                domainsOfDeal.put(deal, domains);
            }
        });
        return domainsOfDeal;
    }

    private Map<String, String> domains(Collection<String> companyIds) {
        Map<String, String> domainOfCompany = new HashMap<>();
        String domainProperty = mapping.current().company().domainProperty();
        for (HubSpotObject company : client.batchReadAll("companies", companyIds, List.of(domainProperty))) {
            String domain = Emails.normaliseDomain(company.properties().get(domainProperty));
            if (domain != null) {
                domainOfCompany.put(company.id(), domain);
            }
        }
        return domainOfCompany;
    }

    private static List<String> converting(List<Association> links) {
        List<String> primary = links.stream().filter(link -> link.hasType(HubSpotClient.DEAL_TO_PRIMARY_COMPANY))
                .map(Association::toId).toList();
        return primary.isEmpty() ? links.stream().map(Association::toId).toList() : primary;
    }
}
