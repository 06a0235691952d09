package org.chatapp.redis.spring.ratelimit;

import java.util.Map;
import org.chatapp.redis.ratelimit.RateLimiter;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Defines, per name under {@code chatapp.redis.ratelimit.limiters}, a {@link RateLimiter} bean
 * named {@code <name>RateLimiter} and qualified by the name, unless a bean of that name exists. The
 * names are read here, before any bean is made; each limiter's settings are checked when its bean is
 * made, so an invalid one fails startup with the property named.
 */
final class RateLimitersRegistrar implements BeanDefinitionRegistryPostProcessor {

    private final Environment environment;

    RateLimitersRegistrar(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        BeanFactory beanFactory = (BeanFactory) registry;
        for (String name : names(environment)) {
            String beanName = beanName(name);
            if (registry.containsBeanDefinition(beanName)) {
                continue;
            }
            // The RedisService is looked up inside the supplier, which makes the limiter a dependent of it.
            RootBeanDefinition limiter = new RootBeanDefinition(RateLimiter.class,
                    () -> ChatappRedisRateLimitAutoConfiguration.limiter(beanFactory, name));
            limiter.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
            registry.registerBeanDefinition(beanName, limiter);
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    }

    /** Returns the names under {@code chatapp.redis.ratelimit.limiters}, in the order they are configured. */
    static Iterable<String> names(Environment environment) {
        return Binder.get(environment)
                .bind(RateLimitProperties.PREFIX + ".limiters", Bindable.mapOf(String.class, RateLimitProperties.Limiter.class))
                .map(Map::keySet).orElse(java.util.Set.of());
    }

    /** Returns the bean name of a limiter: {@code login} is {@code loginRateLimiter}. */
    static String beanName(String name) {
        return name + "RateLimiter";
    }
}
