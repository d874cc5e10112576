package io.referloop.console;

import io.referloop.support.SharedContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browsers keep the console's scripts and styles instead of downloading them on every page: the WebJars' paths
 * carry their version, and the console's own assets are linked by a name carrying a hash of their content.
 */
@SharedContext
class StaticAssetCachingTest {

    private static final String A_YEAR = "max-age=31536000";
    private static final Pattern HASHED_STYLESHEET = Pattern.compile("/console/assets/console-[0-9a-f]{32}\\.css");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aWebJarIsCachedForAYear() throws Exception {
        HttpResponse<String> htmx = get("/webjars/htmx.org/2.0.4/dist/htmx.min.js");

        assertThat(htmx.statusCode()).isEqualTo(200);
        assertThat(htmx.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains(A_YEAR));
    }

    @Test
    void pagesLinkTheConsolesStylesheetByAContentHashThatIsCachedForAYear() throws Exception {
        Matcher link = HASHED_STYLESHEET.matcher(get("/login").body());
        assertThat(link.find()).as("the sign-in page links the stylesheet by its hashed name").isTrue();

        HttpResponse<String> stylesheet = get(link.group());

        assertThat(stylesheet.statusCode()).isEqualTo(200);
        assertThat(stylesheet.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains(A_YEAR));
    }

    @Test
    void pagesThemselvesAreNotCached() throws Exception {
        HttpResponse<String> login = get("/login");

        assertThat(login.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
