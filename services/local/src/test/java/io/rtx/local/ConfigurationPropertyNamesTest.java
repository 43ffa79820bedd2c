package io.rtx.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Spring Boot binds a property it does not know to nothing, without a word: Boot 4 renamed
 * {@code spring.codec.max-in-memory-size} to {@code spring.http.codecs.max-in-memory-size}, and the gateway's
 * 64 KB body limit silently became Boot's 256 KB default. Every framework key in the services' own
 * configuration files must therefore name a property some library on the class path declares (its
 * configuration metadata), or sit below a map-valued one.
 */
class ConfigurationPropertyNamesTest {

    private static final List<String> SERVICE_FILES = List.of(
            "gateway.yml", "ledger.yml", "risk.yml", "matching.yml", "rtx-processor.yml");
    /** Prefixes of the libraries' properties; {@code rtx.*} is RTX's own and bound by its records. */
    private static final List<String> FRAMEWORK_PREFIXES = List.of("spring.", "server.", "management.", "springdoc.",
            "sentry.");

    @Test
    void everyFrameworkKeyInTheServicesConfigurationIsDeclaredByALibrary() throws IOException {
        List<Declared> declared = declaredProperties();
        assertThat(declared).as("configuration metadata on the class path").hasSizeGreaterThan(1_000);

        List<String> unknown = new ArrayList<>();
        for (String file : SERVICE_FILES) {
            for (String key : keys(file)) {
                if (FRAMEWORK_PREFIXES.stream().anyMatch(key::startsWith)
                        && declared.stream().noneMatch(d -> d.covers(ConfigurationPropertyName.adapt(key, '.')))) {
                    unknown.add(file + ": " + key);
                }
            }
        }
        assertThat(unknown).as("keys no library declares (renamed or misspelt)").isEmpty();
    }

    @Test
    void aRenamedKeyIsCaught() throws IOException {
        List<Declared> declared = declaredProperties();
        ConfigurationPropertyName old = ConfigurationPropertyName.adapt("spring.codec.max-in-memory-size", '.');
        ConfigurationPropertyName renamed = ConfigurationPropertyName.adapt("spring.http.codecs.max-in-memory-size", '.');

        assertThat(declared.stream().anyMatch(d -> d.covers(old))).isFalse();
        assertThat(declared.stream().anyMatch(d -> d.covers(renamed))).isTrue();
    }

    private static List<String> keys(String file) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource(file));
        // List entries come back as key[0], key[1]: the list property itself is what is declared.
        return yaml.getObject().stringPropertyNames().stream()
                .map(key -> key.replaceAll("\\[\\d+]$", ""))
                .distinct().sorted().toList();
    }

    private static List<Declared> declaredProperties() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Declared> declared = new ArrayList<>();
        ClassLoader loader = ConfigurationPropertyNamesTest.class.getClassLoader();
        for (String resource : List.of("META-INF/spring-configuration-metadata.json",
                "META-INF/additional-spring-configuration-metadata.json")) {
            for (URL url : Collections.list(loader.getResources(resource))) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        String name = property.path("name").asString();
                        if (ConfigurationPropertyName.isValid(name)) {
                            declared.add(new Declared(ConfigurationPropertyName.of(name),
                                    property.path("type").asString("").startsWith("java.util.Map")));
                        }
                    }
                }
            }
        }
        return declared;
    }

    /** A declared property; a map-valued one also covers every key below it. */
    private record Declared(ConfigurationPropertyName name, boolean map) {
        boolean covers(ConfigurationPropertyName key) {
            return name.equals(key) || (map && name.isAncestorOf(key));
        }
    }
}
