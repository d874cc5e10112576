package io.referloop.console;

import io.referloop.support.SharedContext;
import io.referloop.support.SharedContextProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect sign-in, the whole round trip: the console sends the browser to the provider (found through its
 * discovery document), the provider sends it back with a code, the console swaps the code for a signed id_token,
 * checks it against the provider's keys and gives the roles of the console user with that email. The browser is
 * an HTTP client that keeps cookies and follows redirects, as a browser does.
 * <p>
 * The {@link SharedContext}, whose console signs in only through its OpenID provider.
 */
@SharedContext
class ConsoleOpenIdLoginTest {

    static final FakeOpenIdProvider provider = SharedContextProperties.openIdProvider();

    @LocalServerPort
    int port;

    @Test
    void aConsoleUserSignsInAtTheProviderAndGetsTheRolesOfTheirConsoleUser() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> login = browser.get("/console");
        assertThat(login.uri().getPath()).isEqualTo("/login");
        assertThat(login.body()).contains("href=\"/oauth2/authorization/company-sso\"").contains("Company SSO");

        provider.nextSignIn("ada@ops.example", true);
        HttpResponse<String> console = browser.get("/oauth2/authorization/company-sso");

        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.uri().getPath()).isEqualTo("/console");
        assertThat(console.body()).contains("id=\"signed-in-as\">ada@ops.example<").contains("class=\"roles\">admin<");
    }

    @Test
    void aConsoleUserNamedByTheirEmailGetsTheirOwnRoleOnly() throws Exception {
        Browser browser = new Browser();
        provider.nextSignIn("vic@ops.example", true);
        HttpResponse<String> console = browser.get("/oauth2/authorization/company-sso");

        assertThat(console.uri().getPath()).isEqualTo("/console");
        assertThat(console.body()).contains("id=\"signed-in-as\">vic@ops.example<").contains("class=\"roles\">viewer<");
        assertThat(browser.get("/console/referrals").body()).doesNotContain("id=\"enrol\"");
    }

    @Test
    void someoneWhoIsNoConsoleUserIsRefused() throws Exception {
        Browser browser = new Browser();
        provider.nextSignIn("mallory@elsewhere.example", true);
        HttpResponse<String> refused = browser.get("/oauth2/authorization/company-sso");

        assertThat(refused.uri().getPath()).isEqualTo("/login");
        assertThat(refused.uri().getQuery()).contains("error");
        assertThat(refused.body()).contains("id=\"login-error\"");
        assertThat(browser.get("/console").uri().getPath()).isEqualTo("/login");
    }

    @Test
    void anEmailTheProviderHasNotVerifiedIsRefused() throws Exception {
        Browser browser = new Browser();
        provider.nextSignIn("ada@ops.example", false);
        HttpResponse<String> refused = browser.get("/oauth2/authorization/company-sso");

        assertThat(refused.uri().getPath()).isEqualTo("/login");
        assertThat(browser.get("/console").uri().getPath()).isEqualTo("/login");
    }

    /** Keeps its cookies and follows redirects, to the provider and back. */
    private final class Browser {

        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
