package dev.leeway.query.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.util.List;

/** The analysts' settings, the clock ages are measured with, and CSV as a second answer format. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AnalyticsSettings.class)
class AnalyticsConfiguration implements WebMvcConfigurer {

    private final ObjectMapper json;

    AnalyticsConfiguration(ObjectMapper json) {
        this.json = json;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(new CsvTableConverter(json));
    }
}
