package io.rtx.testkafka;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Gives one RTX service of several in the same JVM (the local stack, the end-to-end tests, the benchmark) event
 * loops of its own. By default every Spring Boot application on Reactor Netty shares Reactor Netty's global
 * resources and disposes them when it closes, which stops the web servers of the services still running beside
 * it. In production each service has its JVM, so this is only for the harnesses that run several:
 * {@code builder.initializers(new OwnNettyResources())}.
 */
public final class OwnNettyResources implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ReactorResourceFactory resources = new ReactorResourceFactory();
        resources.setUseGlobalResources(false);
        context.getBeanFactory().registerSingleton("reactorResourceFactory", resources);
    }
}
