package dev.leeway.command.eventstore;

import dev.leeway.kernel.codec.EventJson;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.IdGenerator;

import java.sql.SQLException;
import java.time.Clock;
import org.springframework.util.JdkIdGenerator;

/**
 * The Axon event store on PostgreSQL through plain JDBC (no JPA, so no Hibernate large-object mapping to fight).
 * <p>
 * Flyway owns the tables (db/migration/event-store). Payload and metadata are stored as JSON text, so an auditor
 * can read them with {@code psql} ({@code payload::jsonb ->> 'subject'}) and hash exactly the bytes stored.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    static final String SCHEMA = "event_store";

    /**
     * One Jackson serializer for events, messages and tokens, on the kernel's stored-event mapper, not the web
     * one: stored events must keep reading when a later revision adds fields, and whatever an earlier version
     * stored must stay readable ({@link EventJson}), while the HTTP API refuses both.
     */
    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder()
                .objectMapper(EventJson.storedEventMapper())
                .revisionResolver(new AnnotationRevisionResolver())
                .build();
    }

    /**
     * Tells Axon when an append lost a race for an aggregate sequence: PostgreSQL's unique violation (SQLSTATE
     * 23505), wherever it sits in the cause chain. Axon's default resolver misses it inside a batched insert and
     * reports a plain EventStoreException; with this one Axon raises AggregateStreamCreationException or
     * ConcurrencyException, as it should.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return exception -> {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable(SCHEMA + ".domain_event_entry")
                .snapshotTable(SCHEMA + ".snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          EventSchema eventSchema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(new LimitCheckingSerializer(serializer))
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .dataType(String.class)
                .build();
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .contentType(String.class)
                .schema(TokenSchema.builder()
                        .setTokenTable(SCHEMA + ".token_entry")
                        .setProcessorNameColumn("processor_name")
                        .setSegmentColumn("segment")
                        .setTokenColumn("token")
                        .setTokenTypeColumn("token_type")
                        .setTimestampColumn("time_stamp")
                        .setOwnerColumn("owner")
                        .build())
                .build();
    }

    /** Cases and policies between commands, checked against the store before each use ({@link AggregateCache}). */
    @Bean
    Cache aggregateCache(@Value("${leeway.command.aggregate-cache-size}") long size, JdbcTemplate jdbc) {
        return size <= 0 ? NoCache.INSTANCE : new AggregateCache(size, jdbc);
    }

    /** Ids are made outside the aggregates, so that handlers stay deterministic and tests can choose them. */
    @Bean
    IdGenerator idGenerator() {
        return new JdkIdGenerator();
    }

    /**
     * The clock a bend's budget month is read from before it reaches its case; events take their time from Axon's
     * @Timestamp.
     */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
