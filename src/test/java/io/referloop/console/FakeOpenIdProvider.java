package io.referloop.console;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * An OpenID Connect provider on WireMock, for one client: discovery document, authorization endpoint, token
 * endpoint and JWKS. It has no sign-in page: whoever comes to the authorization endpoint is the person named by
 * {@link #nextSignIn}, who is sent back at once with a code and the state. The token endpoint swaps that code, once,
 * for an id_token signed with the provider's RSA key, carrying the nonce of the authorization request.
 */
public final class FakeOpenIdProvider implements AutoCloseable {

    private record Person(String email, boolean emailVerified) {
    }

    private record Grant(Person person, String nonce, String redirectUri) {
    }

    private final String clientId;
    private final String clientSecret;
    private final RSAKey key;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private volatile Person next;
    private final WireMockServer server;

    public FakeOpenIdProvider(String clientId, String clientSecret) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        try {
            this.key = new RSAKeyGenerator(2048).keyID("fake-idp-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        this.server = new WireMockServer(options().dynamicPort().extensions(new Authorize(), new Token()));
    }

    public FakeOpenIdProvider start() {
        server.start();
        server.stubFor(get(urlPathEqualTo("/.well-known/openid-configuration")).willReturn(okJson(discovery())));
        server.stubFor(get(urlPathEqualTo("/jwks")).willReturn(okJson(new JWKSet(key.toPublicJWK()).toString())));
        server.stubFor(get(urlPathEqualTo("/authorize")).willReturn(aResponse().withTransformers(Authorize.NAME)));
        server.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withTransformers(Token.NAME)));
        return this;
    }

    @Override
    public void close() {
        server.stop();
    }

    /** The value for {@code spring.security.oauth2.client.provider.<id>.issuer-uri}. */
    public String issuer() {
        return server.baseUrl();
    }

    /** The person the provider vouches for at the next authorization request. */
    public void nextSignIn(String email, boolean emailVerified) {
        next = new Person(email, emailVerified);
    }

    private String discovery() {
        return """
                {"issuer": "%1$s", "authorization_endpoint": "%1$s/authorize", "token_endpoint": "%1$s/token",
                 "jwks_uri": "%1$s/jwks", "response_types_supported": ["code"], "subject_types_supported": ["public"],
                 "id_token_signing_alg_values_supported": ["RS256"], "scopes_supported": ["openid", "email"],
                 "token_endpoint_auth_methods_supported": ["client_secret_basic"]}""".formatted(issuer());
    }

    private final class Authorize implements ResponseDefinitionTransformerV2 {

        static final String NAME = "fake-idp-authorize";

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            Person person = next;
            String redirectUri = request.queryParameter("redirect_uri").firstValue();
            if (person == null || !clientId.equals(request.queryParameter("client_id").firstValue())
                    || !"code".equals(request.queryParameter("response_type").firstValue())) {
                return ResponseDefinitionBuilder.responseDefinition().withStatus(400).withBody("bad request").build();
            }
            String code = UUID.randomUUID().toString();
            codes.put(code, new Grant(person, request.queryParameter("nonce").firstValue(), redirectUri));
            String location = redirectUri + "?code=" + code + "&state="
                    + URLEncoder.encode(request.queryParameter("state").firstValue(), StandardCharsets.UTF_8);
            return ResponseDefinitionBuilder.responseDefinition().withStatus(302).withHeader("Location", location).build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }

    private final class Token implements ResponseDefinitionTransformerV2 {

        static final String NAME = "fake-idp-token";

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            String basic = "Basic " + Base64.getEncoder().encodeToString(
                    (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
            if (!basic.equals(request.getHeader("Authorization"))) {
                return error(401, "invalid_client");
            }
            Map<String, String> form = form(request.getBodyAsString());
            Grant grant = codes.remove(form.getOrDefault("code", ""));
            if (grant == null || !"authorization_code".equals(form.get("grant_type"))
                    || !grant.redirectUri().equals(form.get("redirect_uri"))) {
                return error(400, "invalid_grant");
            }
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("""
                            {"access_token": "%s", "token_type": "Bearer", "expires_in": 300, "scope": "openid email",
                             "id_token": "%s"}""".formatted(UUID.randomUUID(), idToken(grant)))
                    .build();
        }

        private String idToken(Grant grant) {
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer()).subject("sub-" + grant.person().email())
                    .audience(clientId).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                    .claim("nonce", grant.nonce()).claim("email", grant.person().email())
                    .claim("email_verified", grant.person().emailVerified()).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            try {
                jwt.sign(new RSASSASigner(key));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }

        private static ResponseDefinition error(int status, String error) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                    .withHeader("Content-Type", "application/json").withBody("{\"error\": \"" + error + "\"}").build();
        }

        private static Map<String, String> form(String body) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return values;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
