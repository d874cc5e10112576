package io.referloop.referral;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

@Component
public class ReferralLinks {

    private final String base;

    public ReferralLinks(@Value("${referloop.public-base-url:http://localhost:8080}") String publicBaseUrl) {
        this.base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    public String linkFor(String code) {
        return base + "/r/" + code;
    }
}
