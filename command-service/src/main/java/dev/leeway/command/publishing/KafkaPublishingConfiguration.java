package dev.leeway.command.publishing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
class KafkaPublishingConfiguration {

    @Bean
    TopicProvisioner topicProvisioner(KafkaAdmin admin, KafkaPublishingProperties properties) {
        return new TopicProvisioner(admin, properties);
    }

    @Bean
    KafkaEventPublisher kafkaEventPublisher(KafkaTemplate<String, String> kafka, Serializer serializer,
                                            TopicProvisioner topic, KafkaPublishingProperties properties,
                                            MeterRegistry metrics, ObjectProvider<Tracer> tracer,
                                            ObjectProvider<Propagator> propagator) {
        PublishTracing tracing = tracer.getIfAvailable() == null || propagator.getIfAvailable() == null
                ? PublishTracing.off() : new PublishTracing(tracer.getObject(), propagator.getObject());
        return new KafkaEventPublisher(kafka, new EventRecordMapper(serializer, properties.topic()), topic, properties,
                metrics, tracing);
    }

    @Bean
    PublisherLag publisherLag(EventProcessingConfiguration processing, EventStore events) {
        return new PublisherLag(processing, events);
    }

    @Bean
    PublisherWarmUp publisherWarmUp(TopicProvisioner topic, KafkaTemplate<String, String> kafka,
                                    KafkaPublishingProperties properties) {
        return new PublisherWarmUp(topic, kafka, properties.topic());
    }

    /**
     * Axon's default listener error handler logs a failed event and moves on, which for a publisher means an
     * event silently missing from Kafka. Propagating the error instead rolls the batch back and the tracking
     * processor retries it, in order, until Kafka takes it.
     */
    @Bean
    ConfigurerModule publisherFailsLoudly() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                KafkaEventPublisher.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
