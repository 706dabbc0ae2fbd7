package dev.leeway.query.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.LinkedHashSet;

/**
 * The OpenAPI document at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}). Each handler names the
 * roles that may call it in its {@code @SecurityRequirement(name = BEARER, scopes = ...)} (OpenAPI 3.1 allows role
 * names there); the same roles are written into its description, so that a reader of Swagger UI sees them too.
 * Which roles are actually let through is decided in {@code SecurityConfiguration}; {@code ApiDocumentationIT}
 * checks every documented operation against it.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Leeway query API", version = "1",
        description = "Reads for staff, analysts and auditors: cases and their bends, the rulebook, and the audit "
                + "trail. Every endpoint needs a bearer JWT from the identity provider; its roles claim decides "
                + "what may be read. Refusals are application/problem+json with a stable code."))
@SecurityScheme(name = ApiDocumentation.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "A JWT whose sub is the reader and whose roles claim lists their roles.")
public class ApiDocumentation {

    public static final String BEARER = "bearer";

    @Bean
    OperationCustomizer rolesInDescriptions() {
        return (operation, handler) -> {
            String roles = String.join(", ", roles(operation));
            if (!roles.isEmpty()) {
                String description = operation.getDescription() == null ? "" : operation.getDescription() + "\n\n";
                operation.setDescription(description + "Roles: " + roles + ".");
            }
            return operation;
        };
    }

    private static LinkedHashSet<String> roles(Operation operation) {
        LinkedHashSet<String> roles = new LinkedHashSet<>();
        List<SecurityRequirement> requirements = operation.getSecurity();
        if (requirements != null) {
            requirements.forEach(requirement -> requirement.values().forEach(roles::addAll));
        }
        return roles;
    }
}
