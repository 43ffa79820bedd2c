package io.rtx.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.core.io.ClassPathResource;

/**
 * Spring Boot ignores a name in {@code spring.autoconfigure.exclude} that is not on the class path, without a
 * warning. When Boot renames an auto-configuration (as 4.0 renamed every one of them), a stale name silently
 * switches R2DBC, Redis or security back on inside the processors. This module has every service on one class
 * path, so here each excluded name must be an auto-configuration Boot would really load.
 */
class AutoConfigurationExclusionsTest {

    /** Auto-configurations that only act on the beans of an excluded one (health, metrics, endpoints, ...). */
    private static final List<String> FOLLOWERS = List.of(".health.", ".observation.", ".metrics.", "Initialization",
            "Proxy", "RSocket", "Endpoint");

    @Test
    void everyExcludedNameIsAnAutoConfigurationOnTheClassPath() {
        List<String> excluded = processorExclusions();
        Set<String> candidates = new HashSet<>();
        ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).forEach(candidates::add);

        assertThat(excluded).as("rtx-processor.yml excludes R2DBC, JDBC, Flyway, Redis and security").hasSizeGreaterThan(10);
        assertThat(candidates).as("auto-configurations Boot would load for a processor here").containsAll(excluded);
    }

    @Test
    void theDataAndSecurityAutoConfigurationsOnTheClassPathAreExcluded() {
        List<String> excluded = processorExclusions();
        Set<String> candidates = new HashSet<>();
        ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).forEach(candidates::add);
        // The ones that would create a connection factory, a data source, a Redis client or a security filter.
        List<String> mustBeOff = candidates.stream()
                .filter(name -> name.matches(".*\\.(R2dbc|DataR2dbc|DataSource|Flyway|DataRedis)[A-Za-z]*AutoConfiguration")
                        || name.matches(".*security\\.autoconfigure\\..*(Security|UserDetailsService|SecurityFilter)AutoConfiguration"))
                .filter(name -> FOLLOWERS.stream().noneMatch(name::contains))
                .toList();

        assertThat(mustBeOff).as("found on the class path").isNotEmpty();
        assertThat(excluded).containsAll(mustBeOff);
    }

    private static List<String> processorExclusions() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("rtx-processor.yml"));
        Properties properties = yaml.getObject();
        assertThat(properties).isNotNull();
        return properties.stringPropertyNames().stream()
                .filter(key -> key.startsWith("spring.autoconfigure.exclude["))
                .map(properties::getProperty)
                .toList();
    }
}
