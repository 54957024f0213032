package org.cfcr.petitions.architecture;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/ says the service's settings as README's table does: .env.example lists every one, and the compose files,
 * the Kubernetes manifests and the image set no variable the service does not read; the Grafana dashboard draws
 * only metrics README documents. (deploy/check/run validates the same files against their tools' schemas.)
 */
class DeployFilesTest {

    /** Read by Micronaut, the JVM or the C library themselves, not settings of the service. */
    private static final Set<String> PLATFORM = Set.of("MICRONAUT_ENVIRONMENTS", "JDK_JAVA_OPTIONS", "MALLOC_ARENA_MAX");
    private static final Pattern ENV_LINE = Pattern.compile("(?m)^#?([A-Z][A-Z0-9_]+)=");
    private static final Pattern INTERPOLATED = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+)");
    private static final Pattern DOCKERFILE_ENV = Pattern.compile("(?m)^(?:ENV\\s+|\\s+)([A-Z][A-Z0-9_]+)=");
    private static final Pattern METRIC = Pattern.compile("\\b(petitions_[a-z_]+?)(?:_total|_bucket|_count|_sum)?\\b");

    @Test
    void env_example_lists_every_setting_and_nothing_the_service_does_not_read() throws IOException {
        Set<String> readme = SettingsTest.readmeVariables();
        Set<String> listed = matches(ENV_LINE, read("deploy/.env.example"));
        Set<String> missing = new TreeSet<>(readme);
        missing.removeAll(listed);
        assertEquals(Set.of(), missing, "settings of README's table that deploy/.env.example does not list");

        Set<String> composeOnly = new TreeSet<>();
        for (String file : List.of("deploy/compose.yaml", "deploy/compose.galera.yaml", "deploy/compose.base.yaml")) {
            composeOnly.addAll(matches(INTERPOLATED, read(file)));
        }
        composeOnly.add("COMPOSE_PROJECT_NAME");
        Set<String> unknown = new TreeSet<>(listed);
        unknown.removeAll(readme);
        unknown.removeAll(PLATFORM);
        unknown.removeAll(composeOnly);
        assertEquals(Set.of(), unknown, "variables in deploy/.env.example that neither the service nor compose reads");
    }

    @Test
    void compose_kubernetes_and_the_image_set_only_settings_the_service_reads() throws IOException {
        Set<String> known = new TreeSet<>(SettingsTest.readmeVariables());
        known.addAll(PLATFORM);
        List<String> unknown = new ArrayList<>();
        for (String file : List.of("deploy/compose.base.yaml", "deploy/compose.yaml", "deploy/compose.galera.yaml")) {
            Map<String, Object> services = section(yaml(file).get(0), "services");
            services.forEach((name, service) -> {
                if (name.startsWith("app") || name.equals("service-node")) {
                    section(service, "environment").keySet().stream().filter(key -> !known.contains(key))
                            .forEach(key -> unknown.add(file + ": " + name + " sets " + key));
                }
            });
        }
        section(yaml("deploy/k8s/configmap.yaml").get(0), "data").keySet().stream().filter(key -> !known.contains(key))
                .forEach(key -> unknown.add("deploy/k8s/configmap.yaml sets " + key));
        Matcher env = Pattern.compile("- name: ([A-Z][A-Z0-9_]+)").matcher(read("deploy/k8s/deployment.yaml"));
        while (env.find()) {
            if (!known.contains(env.group(1))) {
                unknown.add("deploy/k8s/deployment.yaml sets " + env.group(1));
            }
        }
        matches(DOCKERFILE_ENV, read("deploy/Dockerfile")).stream().filter(key -> !known.contains(key))
                .forEach(key -> unknown.add("deploy/Dockerfile sets " + key));
        assertEquals(List.of(), unknown);
    }

    @Test
    void the_dashboard_draws_only_documented_metrics() throws IOException {
        Set<String> drawn = matches(METRIC, read("deploy/grafana-dashboard.json"));
        Set<String> documented = matches(METRIC, read("README.md"));
        assertTrue(drawn.size() >= 8, drawn.toString());
        Set<String> undocumented = new TreeSet<>(drawn);
        undocumented.removeAll(documented);
        assertEquals(Set.of(), undocumented, "metrics the dashboard draws that README's table does not name");
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        pattern.matcher(text).results().forEach(m -> found.add(m.group(1)));
        return found;
    }

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file));
    }

    private static List<Object> yaml(String file) throws IOException {
        List<Object> documents = new ArrayList<>();
        new Yaml(new LoaderOptions()).loadAll(read(file)).forEach(documents::add);
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Object node, String key) {
        Object value = node instanceof Map<?, ?> map ? map.get(key) : null;
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }
}
