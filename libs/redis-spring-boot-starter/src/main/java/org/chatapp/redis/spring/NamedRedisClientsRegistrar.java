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
        for (String name : NamedRedisClients.names(environment)) {
            String beanName = NamedRedisClients.serviceBeanName(name);
            if (registry.containsBeanDefinition(beanName)) {
                continue;
            }
            BeanFactory beanFactory = (BeanFactory) registry;
            RootBeanDefinition definition = new RootBeanDefinition(RedisService.class,
                    () -> beanFactory.getBean(RedisServiceFactory.class).create(name));
            definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
            definition.setDestroyMethodName("close");
            registry.registerBeanDefinition(beanName, definition);

            String healthCheckName = NamedRedisClients.healthCheckBeanName(name);
            if (!registry.containsBeanDefinition(healthCheckName)) {
                RootBeanDefinition healthCheck = new RootBeanDefinition(RedisHealthIndicator.class,
                        () -> beanFactory.getBean(RedisServiceFactory.class)
                                .healthCheck(beanFactory.getBean(beanName, RedisService.class)));
                healthCheck.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
                healthCheck.setDestroyMethodName("close");
                registry.registerBeanDefinition(healthCheckName, healthCheck);
            }
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    }
}
