package io.referloop.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The sObject types the fake knows, their fields (names match case-insensitively, as in Salesforce), value
 * coercion per field type, and the describe and global describe bodies. The router locks.
 */
final class FakeSalesforceSchema {

    static final List<String> SYSTEM_FIELDS = List.of("Id", "CreatedDate", "LastModifiedDate", "SystemModstamp");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** Field types as describe names them. */
    enum FieldType {
        ID("id"), STRING("string"), EMAIL("email"), URL("url"), PICKLIST("picklist"), REFERENCE("reference"),
        DOUBLE("double"), CURRENCY("currency"), BOOLEAN("boolean"), DATETIME("datetime"), DATE("date");

        final String describeName;

        FieldType(String describeName) {
            this.describeName = describeName;
        }

        boolean textual() {
            return this == ID || this == STRING || this == EMAIL || this == URL || this == PICKLIST || this == REFERENCE;
        }

        boolean numeric() {
            return this == DOUBLE || this == CURRENCY;
        }
    }

    /** One field: canonical name, type, whether the API may write it, whether it may be empty, referenced type. */
    record Field(String name, FieldType type, boolean updateable, boolean nillable, String referenceTo) {

        String label() {
            String base = name.endsWith("__c") ? name.substring(0, name.length() - 3) : name;
            if (type == FieldType.REFERENCE && base.endsWith("Id")) {
                base = base.substring(0, base.length() - 2) + " ID";
            }
            return base.replace('_', ' ').replaceAll("([a-z])([A-Z])", "$1 $2");
        }

        /**
         * The value as stored: String (text types, date-times in Salesforce form, dates as yyyy-MM-dd), Number,
         * Boolean, or null for empty; throws IllegalArgumentException when the value has the wrong type.
         */
        Object coerce(Object value) {
            if (value == null || (value instanceof CharSequence text && text.isEmpty())) {
                return type == FieldType.BOOLEAN ? Boolean.FALSE : null;
            }
            switch (type) {
                case DOUBLE, CURRENCY -> {
                    if (value instanceof Number) {
                        return value;
                    }
                    if (value instanceof CharSequence text) {
                        try {
                            return new BigDecimal(text.toString().trim());
                        } catch (NumberFormatException ignored) {
                            // falls through to the type error
                        }
                    }
                }
                case BOOLEAN -> {
                    if (value instanceof Boolean) {
                        return value;
                    }
                    if (value instanceof CharSequence text
                            && (text.toString().equalsIgnoreCase("true") || text.toString().equalsIgnoreCase("false"))) {
                        return Boolean.valueOf(text.toString());
                    }
                }
                case DATETIME -> {
                    Instant instant = FakeSalesforceJson.toInstant(value);
                    if (instant != null) {
                        return FakeSalesforceJson.format(instant);
                    }
                }
                case DATE -> {
                    LocalDate date = FakeSalesforceJson.toDate(value);
                    if (date != null) {
                        return date.toString();
                    }
                }
                case ID, REFERENCE -> {
                    if (value instanceof CharSequence text && FakeSalesforceJson.isId(text.toString())) {
                        return FakeSalesforceJson.normalizeId(text.toString());
                    }
                }
                default -> {
                    if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
                        return value.toString();
                    }
                }
            }
            throw new IllegalArgumentException(label() + ": value not of required type: " + value);
        }

        /** Whether a text value is acceptable beyond its type (e-mail syntax). */
        boolean validText(Object stored) {
            return type != FieldType.EMAIL || stored == null || EMAIL.matcher(stored.toString()).matches();
        }

        ObjectNode describe() {
            ObjectNode json = FakeJson.object();
            json.put("name", name);
            json.put("type", type.describeName);
            json.put("label", label());
            json.put("updateable", updateable);
            json.put("createable", updateable || name.equals("OpportunityId"));
            json.put("nillable", nillable);
            json.put("custom", name.endsWith("__c"));
            json.put("calculated", false);
            if (type.textual() && type != FieldType.ID && type != FieldType.REFERENCE) {
                json.put("length", type == FieldType.URL ? 1000 : 255);
            }
            ArrayNode references = json.putArray("referenceTo");
            if (referenceTo != null) {
                references.add(referenceTo);
            }
            if (type == FieldType.PICKLIST) {
                json.putArray("picklistValues");
            }
            return json;
        }
    }

    /** One sObject type: API name, label, key prefix and fields by lower-case name, in describe order. */
    static final class SObjectType {
        final String name;
        final String label;
        final String keyPrefix;
        final Map<String, Field> fields = new LinkedHashMap<>();

        SObjectType(String name, String label, String keyPrefix) {
            this.name = name;
            this.label = label;
            this.keyPrefix = keyPrefix;
        }

        /** The field by any casing of its name, or null. */
        Field field(String name) {
            return fields.get(name.toLowerCase(Locale.ROOT));
        }

        Collection<Field> fields() {
            return fields.values();
        }

        private SObjectType add(String name, FieldType type) {
            return add(name, type, true, true, null);
        }

        private SObjectType required(String name, FieldType type) {
            return add(name, type, true, false, null);
        }

        private SObjectType readOnly(String name, FieldType type) {
            return add(name, type, false, false, null);
        }

        private SObjectType reference(String name, String to, boolean updateable, boolean nillable) {
            return add(name, FieldType.REFERENCE, updateable, nillable, to);
        }

        private SObjectType add(String name, FieldType type, boolean updateable, boolean nillable, String to) {
            fields.put(name.toLowerCase(Locale.ROOT), new Field(name, type, updateable, nillable, to));
            return this;
        }

        /** The summary of the global describe, with the fields and URLs the object's own describe adds. */
        ObjectNode describe() {
            ObjectNode json = summary();
            json.put("createable", true);
            ObjectNode urls = json.putObject("urls");
            urls.put("sobject", "/services/data/v66.0/sobjects/" + name);
            urls.put("describe", "/services/data/v66.0/sobjects/" + name + "/describe");
            ArrayNode list = json.putArray("fields");
            fields.values().forEach(field -> list.add(field.describe()));
            return json;
        }

        ObjectNode summary() {
            ObjectNode json = FakeJson.object();
            json.put("name", name);
            json.put("label", label);
            json.put("keyPrefix", keyPrefix);
            json.put("custom", false);
            json.put("queryable", true);
            json.put("updateable", true);
            return json;
        }
    }

    private final Map<String, SObjectType> types = new LinkedHashMap<>();

    FakeSalesforceSchema() {
        SObjectType contact = type("Contact", "Contact", "003")
                .add("Email", FieldType.EMAIL)
                .add("FirstName", FieldType.STRING)
                .required("LastName", FieldType.STRING)
                .reference("AccountId", "Account", true, true)
                .add("NPS_Score__c", FieldType.DOUBLE);
        referralFields(contact);
        system(contact);
        SObjectType lead = type("Lead", "Lead", "00Q")
                .add("Email", FieldType.EMAIL)
                .add("FirstName", FieldType.STRING)
                .required("LastName", FieldType.STRING)
                .required("Company", FieldType.STRING)
                .add("NPS_Score__c", FieldType.DOUBLE);
        referralFields(lead);
        system(lead);
        system(type("Account", "Account", "001")
                .required("Name", FieldType.STRING)
                .add("Website", FieldType.URL));
        system(type("Opportunity", "Opportunity", "006")
                .required("Name", FieldType.STRING)
                .required("StageName", FieldType.PICKLIST)
                .readOnly("IsWon", FieldType.BOOLEAN)
                .readOnly("IsClosed", FieldType.BOOLEAN)
                .add("Amount", FieldType.CURRENCY)
                .reference("AccountId", "Account", true, true)
                .required("CloseDate", FieldType.DATE)
                .add("Referral_Source__c", FieldType.STRING)
                .add("Referred_By_Email__c", FieldType.EMAIL)
                .add("Referral_Reward_Status__c", FieldType.PICKLIST)
                .add("Referral_Reward_Amount__c", FieldType.CURRENCY));
        system(type("OpportunityContactRole", "Opportunity Contact Role", "00K")
                .reference("OpportunityId", "Opportunity", false, false)
                .reference("ContactId", "Contact", true, false)
                .add("IsPrimary", FieldType.BOOLEAN, true, false, null));
    }

    /** The type by any casing of its name, or null. */
    SObjectType type(String name) {
        return name == null ? null : types.get(name.toLowerCase(Locale.ROOT));
    }

    /** The type whose key prefix starts the id, or null. */
    SObjectType typeOfId(String id) {
        if (id == null || id.length() < 3) {
            return null;
        }
        return types.values().stream().filter(t -> id.startsWith(t.keyPrefix)).findFirst().orElse(null);
    }

    Collection<SObjectType> types() {
        return types.values();
    }

    /** Adds a field to the type, of the same kind as its field {@code like}. */
    void addField(SObjectType type, String field, String like) {
        Field model = type.field(like);
        if (model == null) {
            throw new IllegalArgumentException("the fake Salesforce has no field " + type.name + "." + like);
        }
        if (type.field(field) != null) {
            throw new IllegalArgumentException(type.name + "." + field + " exists already");
        }
        type.add(field, model.type());
    }

    /** Removes a custom or standard non-system field from the type. */
    void removeField(SObjectType type, String field) {
        Field existing = type.field(field);
        if (existing == null) {
            throw new IllegalArgumentException("the fake Salesforce has no field " + type.name + "." + field);
        }
        if (SYSTEM_FIELDS.contains(existing.name())) {
            throw new IllegalArgumentException("cannot remove the system field " + existing.name());
        }
        type.fields.remove(field.toLowerCase(Locale.ROOT));
    }

    ObjectNode globalDescribe() {
        ObjectNode json = FakeJson.object();
        json.put("encoding", "UTF-8");
        json.put("maxBatchSize", 200);
        ArrayNode list = json.putArray("sobjects");
        types.values().forEach(type -> list.add(type.summary()));
        return json;
    }

    private SObjectType type(String name, String label, String prefix) {
        SObjectType type = new SObjectType(name, label, prefix);
        type.add("Id", FieldType.ID, false, false, null);
        types.put(name.toLowerCase(Locale.ROOT), type);
        return type;
    }

    private static void referralFields(SObjectType type) {
        type.add("Referral_Code__c", FieldType.STRING)
                .add("Referral_Link__c", FieldType.URL)
                .add("Referred_By_Email__c", FieldType.EMAIL)
                .add("Referral_Attribution__c", FieldType.STRING)
                .add("Referral_Status__c", FieldType.PICKLIST)
                .add("Referrals_Made__c", FieldType.DOUBLE)
                .add("Referrals_Converted__c", FieldType.DOUBLE)
                .add("Referral_Rewards_Total__c", FieldType.CURRENCY);
    }

    private static void system(SObjectType type) {
        type.readOnly("CreatedDate", FieldType.DATETIME)
                .readOnly("LastModifiedDate", FieldType.DATETIME)
                .readOnly("SystemModstamp", FieldType.DATETIME);
    }
}
