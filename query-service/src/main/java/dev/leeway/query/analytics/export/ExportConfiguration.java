package dev.leeway.query.analytics.export;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExportSettings.class)
class ExportConfiguration {
}
