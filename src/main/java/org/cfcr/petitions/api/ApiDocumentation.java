package org.cfcr.petitions.api;

import io.micronaut.core.io.ResourceResolver;
import jakarta.inject.Singleton;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI document that micronaut-openapi generates from the controllers at build time
 * (META-INF/swagger), and the same document read into operations for the service's own API page.
 */
@Singleton
class ApiDocumentation {

    static final String RESOURCE = "classpath:META-INF/swagger/petitions-api-1.yml";

    public record Parameter(String name, String location, boolean required, String description) {
    }

    public record Response(String code, String description) {
    }

    public record Operation(String method, String path, String summary, String description,
                            List<Parameter> parameters, List<Response> responses) {
    }

    private final String yaml;
    private final Map<String, List<Operation>> byTag;

    ApiDocumentation(ResourceResolver resources) {
        try (InputStream in = resources.getResourceAsStream(RESOURCE)
                .orElseThrow(() -> new IllegalStateException("No OpenAPI document at " + RESOURCE))) {
            this.yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.byTag = operations(new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml));
    }

    String yaml() {
        return yaml;
    }

    Map<String, List<Operation>> operationsByTag() {
        return byTag;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<Operation>> operations(Map<String, Object> document) {
        Map<String, List<Operation>> byTag = new LinkedHashMap<>();
        Map<String, Object> paths = (Map<String, Object>) document.getOrDefault("paths", Map.of());
        paths.forEach((path, methods) -> ((Map<String, Object>) methods).forEach((method, value) -> {
            Map<String, Object> operation = (Map<String, Object>) value;
            List<Parameter> parameters = new ArrayList<>();
            for (Object p : (List<Object>) operation.getOrDefault("parameters", List.of())) {
                Map<String, Object> parameter = (Map<String, Object>) p;
                parameters.add(new Parameter(String.valueOf(parameter.get("name")), String.valueOf(parameter.get("in")),
                        Boolean.TRUE.equals(parameter.get("required")), text(parameter.get("description"))));
            }
            List<Response> responses = new ArrayList<>();
            ((Map<String, Object>) operation.getOrDefault("responses", Map.of())).forEach((code, r) ->
                    responses.add(new Response(code, text(((Map<String, Object>) r).get("description")))));
            List<Object> tags = (List<Object>) operation.getOrDefault("tags", List.of("API"));
            byTag.computeIfAbsent(String.valueOf(tags.get(0)), t -> new ArrayList<>()).add(new Operation(
                    method.toUpperCase(), path, text(operation.get("summary")), text(operation.get("description")),
                    parameters, responses));
        }));
        return byTag;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
