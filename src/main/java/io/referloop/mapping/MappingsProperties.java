package io.referloop.mapping;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

@ConfigurationProperties("referloop.mappings")
public record MappingsProperties(@DefaultValue("mappings") Path dir) {
}
