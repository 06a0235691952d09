package org.chatapp.redis.spring;

import org.chatapp.redis.health.RedisHealthIndicator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * One Actuator health contributor per Redis client, only when Actuator's health support is present:
 * {@code redis} for the default client, {@code redis-<name>} for each named client. Turned off with
 * {@code management.health.redis.enabled=false}.
 */
@AutoConfiguration(after = ChatappRedisAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnEnabledHealthIndicator("redis")
public final class ChatappRedisHealthAutoConfiguration {

    @Bean
    @ConditionalOnBean(name = "redisHealthCheck")
    @ConditionalOnMissingBean(name = "redisHealthIndicator")
    ChatappRedisHealthIndicator redisHealthIndicator(@Qualifier("redisHealthCheck") RedisHealthIndicator redisHealthCheck) {
        return new ChatappRedisHealthIndicator(redisHealthCheck);
    }

    @Bean
    static BeanDefinitionRegistryPostProcessor namedRedisHealthIndicatorsRegistrar(Environment environment) {
        return new BeanDefinitionRegistryPostProcessor() {
            @Override
            public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
                BeanFactory beanFactory = (BeanFactory) registry;
                for (String name : NamedRedisClients.names(environment)) {
                    String beanName = NamedRedisClients.healthBeanName(name);
                    if (registry.containsBeanDefinition(beanName)) {
                        continue;
                    }
                    registry.registerBeanDefinition(beanName, new RootBeanDefinition(ChatappRedisHealthIndicator.class,
                            () -> new ChatappRedisHealthIndicator(beanFactory.getBean(
                                    NamedRedisClients.healthCheckBeanName(name), RedisHealthIndicator.class))));
                }
            }

            @Override
            public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            }
        };
    }
}
