package io.rtx.delivery.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * What a Spring Boot service sees in its pod: the container's environment variables above its own
 * configuration files, with Boot's relaxed binding ({@code RTX_KAFKA_REPLICATION_FACTOR} is
 * {@code rtx.kafka.replication-factor}) and placeholders resolved as at run time.
 */
public final class ServiceEnvironment {

  private ServiceEnvironment() {}

  /** {@code configFiles} in precedence order, the first winning, as Boot orders an imported file first. */
  public static ConfigurableEnvironment of(Map<String, String> containerEnv, List<Path> configFiles) {
    StandardEnvironment environment = new StandardEnvironment();
    MutablePropertySources sources = environment.getPropertySources();
    sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.copyOf(containerEnv)));
    YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
    for (Path file : configFiles) {
      try {
        yaml.load(file.toString(), new FileSystemResource(file)).forEach(sources::addLast);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + file, e);
      }
    }
    ConfigurationPropertySources.attach(environment);
    return environment;
  }
}
