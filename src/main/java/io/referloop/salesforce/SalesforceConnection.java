package io.referloop.salesforce;

import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Locale;

/**
 * The camel-salesforce component, configured from {@code referloop.salesforce.*} (not from
 * {@code camel.component.salesforce.*}, so every Referloop setting lives under one prefix).
 * camel-salesforce owns the session: login, re-login on expiry, revoke on stop.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("referloop.salesforce.authentication-type")
class SalesforceConnection {

    @Bean("salesforce")
    SalesforceComponent salesforce(SalesforceProperties p) {
        SalesforceComponent component = new SalesforceComponent();
        component.setLoginUrl(p.loginUrl());
        if (p.instanceUrl() != null && !p.instanceUrl().isBlank()) {
            component.setInstanceUrl(p.instanceUrl());
        }
        component.setAuthenticationType(AuthenticationType.valueOf(p.authenticationType().trim().toUpperCase(Locale.ROOT)));
        component.setClientId(p.clientId());
        component.setClientSecret(p.clientSecret());
        component.setUserName(p.username());
        component.setPassword(p.password());
        component.setRefreshToken(p.refreshToken());
        if (p.jwtAudience() != null) {
            component.setJwtAudience(p.jwtAudience());
        }
        if (p.keystoreResource() != null && !p.keystoreResource().isBlank()) {
            KeyStoreParameters keystore = new KeyStoreParameters();
            keystore.setResource(p.keystoreResource());
            keystore.setPassword(p.keystorePassword());
            keystore.setType(p.keystoreType());
            component.setKeystore(keystore);
        }
        SalesforceEndpointConfig config = new SalesforceEndpointConfig();
        config.setApiVersion(p.apiVersion());
        component.setConfig(config);
        component.setLazyLogin(true);
        return component;
    }
}
