package io.referloop.hubspot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON bodies of the HubSpot CRM v3/v4 calls the connector makes, as HubSpot documents them. */
final class HubSpotBodies {

    private HubSpotBodies() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Id(String id) {
    }

    record BatchRead(List<String> properties, List<Id> inputs) {
    }

    record Update(String id, Map<String, String> properties) {
    }

    record BatchUpdate(List<Update> inputs) {
    }

    record BatchOfIds(List<Id> inputs) {
    }

    record Filter(String propertyName, String operator, String value) {
    }

    record FilterGroup(List<Filter> filters) {
    }

    record Sort(String propertyName, String direction) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Search(List<FilterGroup> filterGroups, List<Sort> sorts, List<String> properties, int limit, String after) {
    }

    record PropertyGroup(String name, String label) {
    }

    /** The definitions are the Properties API's {@code PropertyCreate}, as {@link HubSpotPropertyCatalog} writes them. */
    record PropertyBatchCreate(List<ObjectNode> inputs) {
    }

    /** What a batch create answers (201, or 207 with {@code errors}); the created definitions are not needed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PropertyBatchAnswer(List<BatchError> errors) {
        PropertyBatchAnswer {
            errors = errors == null ? List.of() : errors;
        }
    }

    /** A CRM object as batch read and search return it; {@code createdAt} is ISO-8601. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CrmObject(String id, Map<String, String> properties, String createdAt) {

        HubSpotObject toObject() {
            return new HubSpotObject(id, properties == null ? Map.of() : properties,
                    createdAt == null ? null : Instant.parse(createdAt));
        }
    }

    /**
     * One error of a 207: its category and message, and for a batch update the ids it did not find
     * ({@code context.ids}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BatchError(String category, String message, Map<String, List<String>> context) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record BatchAnswer(List<CrmObject> results, List<BatchError> errors) {
        BatchAnswer {
            results = results == null ? List.of() : results;
            errors = errors == null ? List.of() : errors;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AssociationType(int typeId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AssociationTarget(String toObjectId, List<AssociationType> associationTypes) {
        AssociationTarget {
            associationTypes = associationTypes == null ? List.of() : associationTypes;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AssociationResult(Id from, List<AssociationTarget> to) {
        AssociationResult {
            to = to == null ? List.of() : to;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AssociationsAnswer(List<AssociationResult> results) {
        AssociationsAnswer {
            results = results == null ? List.of() : results;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Next(String after) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Paging(Next next) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SearchAnswer(List<CrmObject> results, Long total, Paging paging) {
        SearchAnswer {
            results = results == null ? List.of() : results;
        }

        String nextAfter() {
            return paging == null || paging.next() == null ? null : paging.next().after();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Named(String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record NamesAnswer(List<Named> results) {
        NamesAnswer {
            results = results == null ? List.of() : results;
        }
    }

    /** A user of the portal (Users API): who set a property by hand. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record User(String id, String email) {
    }
}
