package io.referloop.ingest;

/**
 * A route an admin keeps in {@code routes/} that the connector cannot work without in its present
 * configuration (a poller, while its CRM is configured). Feature packages declare theirs as beans;
 * {@link RequiredRoutesCheck} stops start-up when one is missing, instead of starting healthy and
 * processing nothing.
 *
 * @param id   the route id
 * @param file the file under {@code routes/} that ships it
 * @param why  the setting that makes it required
 * @param required whether that setting is on here
 */
public record RequiredRoute(String id, String file, String why, boolean required) {
}
