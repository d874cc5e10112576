package io.referloop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ReferloopApplication {
    public static void main(String[] args) {
        SpringApplication.run(ReferloopApplication.class, args);
    }
}
