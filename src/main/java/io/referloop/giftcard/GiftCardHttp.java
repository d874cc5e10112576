package io.referloop.giftcard;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.BufferingClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The client of a gift-card API: an {@code @HttpExchange} interface on Spring's RestClient over the JDK's
 * HttpClient. Built here, not from Spring Boot's RestClient.Builder, so no HTTP library that Boot might pick
 * (Apache HttpClient 5 retries 429 and 503 after their Retry-After on its own) ever sends an attempt that
 * {@link HttpGiftCardProvider}'s retry does not count.
 */
public final class GiftCardHttp {

    private GiftCardHttp() {
    }

    /**
     * @param timeout bounds connecting and each whole exchange; a late answer is an unknown outcome
     */
    public static <T> T client(Class<T> api, URI baseUrl, String authorization, Duration timeout, ObjectMapper json) {
        // HTTP/1.1: an attempt that times out or is reset takes only its own connection down.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        JdkClientHttpRequestFactory jdk = new JdkClientHttpRequestFactory(http);
        jdk.setReadTimeout(timeout);
        RestClient rest = RestClient.builder()
                // buffered: the body goes out with a Content-Length, as one array, not chunked
                .requestFactory(new BufferingClientHttpRequestFactory(jdk))
                .baseUrl(baseUrl.toString().replaceAll("/+$", ""))
                .defaultHeader(HttpHeaders.AUTHORIZATION, authorization)
                .messageConverters(converters -> {
                    converters.clear();
                    converters.add(new MappingJackson2HttpMessageConverter(json));
                })
                .defaultStatusHandler(status -> status.value() != 200 && status.value() != 201, GiftCardHttp::notAnOrder)
                .build();
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest)).build().createClient(api);
    }

    /** Gift-card APIs answer an order with 200 or 201; anything else, 3xx included, is handed over unread. */
    private static void notAnOrder(HttpRequest request, ClientHttpResponse response) throws IOException {
        throw new RestClientResponseException("answered " + response.getStatusCode().value(),
                response.getStatusCode(), response.getStatusText(), response.getHeaders(),
                response.getBody().readAllBytes(), null);
    }
}
