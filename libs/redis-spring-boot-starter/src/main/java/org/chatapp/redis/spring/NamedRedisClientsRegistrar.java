package org.chatapp.redis.spring;

import org.chatapp.redis.RedisService;
import org.chatapp.redis.health.RedisHealthIndicator;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.env.Environment;

/**
 * Defines, per name under {@code chatapp.redis.clients}, a {@link RedisService} bean named
 * {@code <name>RedisService} and its {@link RedisHealthIndicator} named {@code <name>RedisHealthCheck},
 * both qualified by the name, unless a bean of that name exists.
 */
final class NamedRedisClientsRegistrar implements BeanDefinitionRegistryPostProcessor {

    private final Environment environment;

    NamedRedisClientsRegistrar(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        BeanFactory beanFactory = (BeanFactory) registry;
        for (String name : NamedRedisClients.names(environment)) {
            String serviceName = NamedRedisClients.serviceBeanName(name);
            if (!registry.containsBeanDefinition(serviceName)) {
                RootBeanDefinition service = new RootBeanDefinition(RedisService.class,
                        () -> beanFactory.getBean(RedisServiceFactory.class).create(name));
                service.setDestroyMethodName("close");
                register(registry, serviceName, service, name);
            }
            // Also when the application defined the service itself: the health check looks it up by name.
            String healthCheckName = NamedRedisClients.healthCheckBeanName(name);
            if (!registry.containsBeanDefinition(healthCheckName)) {
                RootBeanDefinition healthCheck = new RootBeanDefinition(RedisHealthIndicator.class,
                        () -> beanFactory.getBean(RedisServiceFactory.class)
                                .healthCheck(beanFactory.getBean(serviceName, RedisService.class)));
                healthCheck.setDestroyMethodName("close");
                register(registry, healthCheckName, healthCheck, name);
            }
        }
    }

    /**
     * Registers a named client's bean: injected only where asked for by its qualifier, so that an
     * unqualified injection point still finds the default client, even one without {@code @Primary}.
     */
    private static void register(BeanDefinitionRegistry registry, String beanName, RootBeanDefinition definition, String clientName) {
        definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, clientName));
        definition.setDefaultCandidate(false);
        registry.registerBeanDefinition(beanName, definition);
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    }
}
