package dev.leeway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes chart ({@code deploy/helm/leeway}) as Helm itself renders and lints it (Helm's Go library, through
 * helm-java), and each rendered object checked against the Kubernetes API's schema for its kind: the JSON schemas
 * fabric8 generates from the Kubernetes types, made strict (no field the API does not know, as kubeconform
 * {@code -strict} does; int-or-string and quantities as the API takes them).
 */
class HelmChartTest {

    private static final Path CHART = Path.of("../helm/leeway").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> DEFINITIONS = Map.of(
            "Deployment", "kubernetes_apps_Deployment",
            "Service", "kubernetes_core_Service",
            "PodDisruptionBudget", "kubernetes_policy_v1_PodDisruptionBudget");

    private static ObjectNode definitions;

    @BeforeAll
    static void kubernetesSchemas() throws Exception {
        definitions = JSON.createObjectNode();
        // Each fabric8 model jar (core, apps, policy) holds the schema of its own API group's types.
        for (var url : java.util.Collections.list(HelmChartTest.class.getClassLoader()
                .getResources("schema/validation-schema.json"))) {
            try (InputStream in = url.openStream()) {
                JsonNode schema = JSON.readTree(in);
                schema.get("definitions").fields().forEachRemaining(entry -> definitions.set(entry.getKey(),
                        strict(entry.getValue().deepCopy())));
            }
        }
        // The API takes these as plain values; fabric8 describes the Java classes that hold them (under more than
        // one name: each jar's schema names the shared types its own way).
        List<String> names = new ArrayList<>();
        definitions.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (name.endsWith("_IntOrString")) {
                definitions.set(name, JSON.readTree("{\"type\": [\"integer\", \"string\"]}"));
            } else if (name.endsWith("_Quantity")) {
                definitions.set(name, JSON.readTree("{\"type\": [\"string\", \"number\"]}"));
            } else if (name.endsWith("_Time") || name.endsWith("_MicroTime")) {
                definitions.set(name, JSON.readTree("{\"type\": \"string\"}"));
            }
        }
    }

    @Test
    void theChartLintsCleanly() {
        LintResult lint = new Helm(CHART).lint().strict().call();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void everyRenderedObjectIsValidForItsKindInTheKubernetesApi() throws Exception {
        List<JsonNode> objects = rendered(Map.of());

        assertThat(objects.stream().map(object -> object.path("kind").asText() + " "
                + object.path("metadata").path("name").asText()).toList()).containsExactlyInAnyOrder(
                "Deployment leeway-command-service", "Service leeway-command-service",
                "PodDisruptionBudget leeway-command-service",
                "Deployment leeway-projection-service", "Service leeway-projection-service",
                "PodDisruptionBudget leeway-projection-service",
                "Deployment leeway-query-service", "Service leeway-query-service",
                "PodDisruptionBudget leeway-query-service");
        for (JsonNode object : objects) {
            assertThat(violations(object)).as(object.path("kind").asText() + " "
                    + object.path("metadata").path("name").asText()).isEmpty();
        }
    }

    @Test
    void theSchemaCheckCatchesAFieldTheApiDoesNotKnowAndAWrongType() throws Exception {
        ObjectNode deployment = (ObjectNode) rendered(Map.of()).stream()
                .filter(object -> object.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
        ObjectNode container = (ObjectNode) deployment.at("/spec/template/spec/containers/0");
        container.put("imagePulPolicy", "Always");
        ((ObjectNode) deployment.get("spec")).put("replicas", "two");

        assertThat(violations(deployment)).anyMatch(message -> message.contains("imagePulPolicy"))
                .anyMatch(message -> message.contains("replicas"));
    }

    @Test
    void everyServiceIsProbedLimitedAndRunsAsANonRootUserWithOnlyItsOwnPasswords() throws Exception {
        Map<String, JsonNode> deployments = new TreeMap<>();
        for (JsonNode object : rendered(Map.of())) {
            if (object.path("kind").asText().equals("Deployment")) {
                deployments.put(object.at("/metadata/labels/app.kubernetes.io~1name").asText(), object);
            }
        }
        assertThat(deployments).containsOnlyKeys("command-service", "projection-service", "query-service");
        deployments.forEach((service, deployment) -> {
            JsonNode pod = deployment.at("/spec/template/spec");
            JsonNode container = pod.at("/containers/0");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).as(service)
                    .isEqualTo("/actuator/health/readiness");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).as(service)
                    .isEqualTo("/actuator/health/liveness");
            assertThat(container.at("/resources/requests/memory").isMissingNode()).as(service).isFalse();
            assertThat(container.at("/resources/limits/memory").isMissingNode()).as(service).isFalse();
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(service).isTrue();
            assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).as(service).isFalse();
            List<String> secrets = new ArrayList<>();
            container.get("env").forEach(variable -> {
                if (variable.has("valueFrom") && variable.get("valueFrom").has("secretKeyRef")) {
                    secrets.add(variable.at("/valueFrom/secretKeyRef/key").asText());
                }
                assertThat(variable.path("value").asText()).as(service + " " + variable.path("name").asText())
                        .doesNotContainIgnoringCase("password");
            });
            assertThat(secrets).as(service).containsExactlyInAnyOrderElementsOf(switch (service) {
                case "command-service" -> List.of("DB_ADMIN_USER", "DB_ADMIN_PASSWORD", "COMMAND_DB_PASSWORD");
                case "projection-service" -> List.of("DB_ADMIN_USER", "DB_ADMIN_PASSWORD", "PROJECTION_DB_PASSWORD",
                        "QUERY_DB_PASSWORD");
                default -> List.of("QUERY_DB_PASSWORD");
            });
        });
    }

    @Test
    void externalPostgresqlAndKafkaValuesReachEveryService() throws Exception {
        List<JsonNode> objects = rendered(Map.of("postgresql.host", "pg-cluster-rw.databases",
                "kafka.bootstrapServers", "events-kafka-bootstrap.kafka:9093", "command.replicas", 4));

        for (JsonNode object : objects) {
            if (!object.path("kind").asText().equals("Deployment")) {
                continue;
            }
            Map<String, String> env = new TreeMap<>();
            object.at("/spec/template/spec/containers/0/env").forEach(variable ->
                    env.put(variable.get("name").asText(), variable.path("value").asText()));
            assertThat(env.get("LEEWAY_DB_URL"))
                    .isEqualTo("jdbc:postgresql://pg-cluster-rw.databases:5432/leeway?sslmode=require");
            assertThat(env.get("LEEWAY_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("events-kafka-bootstrap.kafka:9093");
        }
        assertThat(objects.stream().filter(object -> object.at("/metadata/name").asText()
                .equals("leeway-command-service") && object.path("kind").asText().equals("Deployment"))
                .findFirst().orElseThrow().at("/spec/replicas").asInt()).isEqualTo(4);
    }

    private static List<JsonNode> rendered(Map<String, Object> values) throws Exception {
        var template = new Helm(CHART).template().withName("leeway").withNamespace("support");
        values.forEach(template::set);
        String manifests = template.call();
        List<JsonNode> objects = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(manifests)) {
            Iterator<JsonNode> documents = YAML.readValues(parser, JsonNode.class);
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    objects.add(document);
                }
            }
        }
        return objects;
    }

    private static List<String> violations(JsonNode object) {
        String definition = DEFINITIONS.get(object.path("kind").asText());
        assertThat(definition).as("a schema for " + object.path("kind").asText()).isNotNull();
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$ref", "#/definitions/" + definition);
        schema.set("definitions", definitions);
        JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
        Set<ValidationMessage> messages = validator.validate(object);
        return messages.stream().map(ValidationMessage::getMessage).toList();
    }

    /**
     * An object type with named fields accepts no other field; fields marked {@code "required": true} (fabric8's
     * draft-03 habit) become the draft-07 {@code required} list.
     */
    private static JsonNode strict(JsonNode definition) {
        if (definition instanceof ObjectNode object && object.has("properties")) {
            ArrayNode required = JSON.createArrayNode();
            object.get("properties").fields().forEachRemaining(field -> {
                if (field.getValue() instanceof ObjectNode property && property.has("required")) {
                    if (property.get("required").asBoolean()) {
                        required.add(field.getKey());
                    }
                    property.remove("required");
                }
            });
            if (!required.isEmpty()) {
                object.set("required", required);
            }
            object.put("additionalProperties", false);
        }
        return definition;
    }
}
