package org.chatapp.redis.spring;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Warns at startup about settings the starter would otherwise ignore in silence: a property under
 * {@code chatapp.redis.} that it does not know (a typo such as {@code chatapp.redis.prot}, named
 * with the closest known property), and {@code spring.data.redis.*} set while no
 * {@code chatapp.redis.*} is (that prefix configures Spring Data Redis, not this starter). Either
 * would leave the application on the development default or on {@code localhost:6379}.
 *
 * <p>The known names come from the properties classes themselves, so they cannot drift from what
 * is bound; names are compared in Boot's canonical form, so relaxed forms (camelCase, environment
 * variables) count as the same property.
 */
final class RedisPropertyNamesCheck {

    private static final Logger log = LoggerFactory.getLogger(RedisPropertyNamesCheck.class);
    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of(ChatappRedisProperties.PREFIX);
    private static final ConfigurationPropertyName SPRING_DATA_REDIS = ConfigurationPropertyName.of("spring.data.redis");
    private static final String ANY_CLIENT = "*";
    /** Read as system properties by chatapp-redis-local, not bound by the starter. */
    private static final Set<String> READ_ELSEWHERE = Set.of("local.binary");
    /** The features' own properties, each under its name below {@code chatapp.redis}. */
    private static final Map<String, Class<?>> FEATURE_PROPERTIES = Map.of(
            "lock", org.chatapp.redis.spring.lock.LockProperties.class,
            "ratelimit", org.chatapp.redis.spring.ratelimit.RateLimitProperties.class,
            "stream", org.chatapp.redis.spring.stream.StreamProperties.class,
            "session", org.chatapp.redis.spring.session.SessionProperties.class,
            "presence", org.chatapp.redis.spring.presence.PresenceProperties.class,
            "unread", org.chatapp.redis.spring.unread.UnreadProperties.class,
            "idempotency", org.chatapp.redis.spring.idempotency.IdempotencyProperties.class,
            "events", org.chatapp.redis.spring.events.EventsProperties.class,
            "cache", org.chatapp.redis.spring.cache.RedisCacheProperties.class);

    /** The known names in dashed form ({@code key-prefix}, {@code clients.*.host}), by their uniform form ({@code keyprefix}). */
    private final Map<String, String> known;
    /** The same keyed without dots: environment variables ({@code CHATAPP_REDIS_KEY_PREFIX}) cannot tell a dot from a dash. */
    private final Set<String> knownWithoutDots;
    /** The maps whose keys are names the application chooses ({@code clients}, {@code ratelimit.limiters}), in uniform form. */
    private final Set<String> maps;

    RedisPropertyNamesCheck() {
        Set<String> names = new TreeSet<>(READ_ELSEWHERE);
        Set<String> mapNames = new TreeSet<>();
        collect(ChatappRedisProperties.class, "", names, mapNames);
        FEATURE_PROPERTIES.forEach((feature, type) -> collect(type, feature + ".", names, mapNames));
        this.maps = mapNames.stream().map(RedisPropertyNamesCheck::uniform).collect(Collectors.toUnmodifiableSet());
        Map<String, String> byUniform = new TreeMap<>();
        names.forEach(name -> byUniform.put(uniform(name), name));
        this.known = Map.copyOf(byUniform);
        this.knownWithoutDots = byUniform.keySet().stream().map(name -> name.replace(".", "")).collect(Collectors.toUnmodifiableSet());
    }

    /** Logs one warning per unknown {@code chatapp.redis.} property, and one for a lone {@code spring.data.redis.*}. */
    void check(Environment environment) {
        warnings(environment).forEach(log::warn);
    }

    /** Returns the warnings {@link #check} logs, in a stable order. */
    List<String> warnings(Environment environment) {
        Map<String, String> ours = new TreeMap<>();
        boolean anyOfOurs = false;
        boolean springDataRedis = false;
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            boolean environmentVariables = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
            for (ConfigurationPropertyName name : (Iterable<ConfigurationPropertyName>) iterable.stream()::iterator) {
                if (ROOT.isAncestorOf(name)) {
                    anyOfOurs = true;
                    String uniformName = relative(name, ConfigurationPropertyName.Form.UNIFORM);
                    if (!(environmentVariables && knownWithoutDots.contains(pattern(uniformName).replace(".", "")))) {
                        ours.put(uniformName, relative(name, ConfigurationPropertyName.Form.DASHED));
                    }
                } else if (SPRING_DATA_REDIS.isAncestorOf(name)) {
                    springDataRedis = true;
                }
            }
        }
        List<String> warnings = new ArrayList<>();
        ours.forEach((uniformName, name) -> {
            String pattern = pattern(uniformName);
            if (!known.containsKey(pattern)) {
                warnings.add("Unknown property " + ROOT + "." + name + " is ignored; did you mean " + ROOT + "."
                        + closest(pattern).replace(ANY_CLIENT, mapKeyOf(name)) + "?");
            }
        });
        if (springDataRedis && !anyOfOurs) {
            warnings.add("spring.data.redis.* is set, but this application's Redis comes from chatapp-redis-spring-boot-starter,"
                    + " which reads " + ROOT + ".* (for example " + ROOT + ".host, " + ROOT + ".nodes); spring.data.redis.*"
                    + " configures Spring Data Redis only");
        }
        return warnings;
    }

    /** Returns the name below {@code chatapp.redis}, without list indexes: {@code nodes[0]} is {@code nodes}. */
    private static String relative(ConfigurationPropertyName name, ConfigurationPropertyName.Form form) {
        List<String> elements = new ArrayList<>();
        for (int i = ROOT.getNumberOfElements(); i < name.getNumberOfElements(); i++) {
            if (!name.isNumericIndex(i)) {
                elements.add(name.getElement(i, form));
            }
        }
        return String.join(".", elements);
    }

    /** Returns Boot's uniform form of a dashed name: lower case, without dashes. */
    private static String uniform(String dashedName) {
        return dashedName.replace("-", "").toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the name with the key of a map the application names (a client's, a rate limiter's)
     * replaced by {@code *}, as the known names hold it.
     */
    private String pattern(String uniformName) {
        String map = mapOf(uniformName);
        if (map == null) {
            return uniformName;
        }
        int keyEnd = uniformName.indexOf('.', map.length() + 1);
        return map + "." + ANY_CLIENT + (keyEnd < 0 ? "" : uniformName.substring(keyEnd));
    }

    /** Returns the key of the map a dashed name is under, such as the client's name; {@code *} when it is under none. */
    private String mapKeyOf(String dashedName) {
        String map = mapOf(uniform(dashedName));
        if (map == null) {
            return ANY_CLIENT;
        }
        // The uniform and the dashed form differ within elements only, so the key is at the same index in both.
        String[] parts = dashedName.split("\\.");
        int keyIndex = map.split("\\.").length;
        return keyIndex < parts.length ? parts[keyIndex] : ANY_CLIENT;
    }

    /** Returns the map (uniform form) a uniform name lies under with a key of its own, or null. */
    private String mapOf(String uniformName) {
        return maps.stream().filter(map -> uniformName.startsWith(map + ".") && uniformName.length() > map.length() + 1)
                .max(Comparator.comparingInt(String::length)).orElse(null);
    }

    /** Returns the known dashed name nearest to a uniform one. */
    private String closest(String uniformName) {
        return known.entrySet().stream()
                .min(Comparator.comparingInt((Map.Entry<String, String> candidate) -> distance(uniformName, candidate.getKey()))
                        .thenComparing(Map.Entry::getKey))
                .orElseThrow().getValue();
    }

    /** Returns the edit distance between two names (insertions, deletions and substitutions). */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * Adds the dashed names of a properties class's settings, nested groups and maps included (a
     * map's key as {@code *}), and the names of the maps to {@code maps}.
     */
    private static void collect(Class<?> type, String prefix, Set<String> names, Set<String> maps) {
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
            Method getter = property.getReadMethod();
            if (getter == null || property.getName().equals("class")) {
                continue;
            }
            String name = prefix + DataObjectPropertyName.toDashedForm(property.getName());
            Class<?> valueType = property.getPropertyType();
            if (Map.class.isAssignableFrom(valueType)) {
                Class<?> values = mapValueType(getter);
                maps.add(name);
                if (values != null && isGroup(values)) {
                    collect(values, name + "." + ANY_CLIENT + ".", names, maps);
                } else {
                    names.add(name + "." + ANY_CLIENT);
                }
                continue;
            }
            if (isGroup(valueType)) {
                collect(valueType, name + ".", names, maps);
            } else if (property.getWriteMethod() != null) {
                names.add(name);
            }
        }
    }

    /** Returns whether a type is a group of settings of this starter (or of one of its features' packages) rather than a value. */
    private static boolean isGroup(Class<?> type) {
        String starter = RedisPropertyNamesCheck.class.getPackageName();
        return !type.isEnum() && (type.getPackageName().equals(starter) || type.getPackageName().startsWith(starter + "."));
    }

    private static Class<?> mapValueType(Method getter) {
        if (getter.getGenericReturnType() instanceof ParameterizedType map
                && map.getActualTypeArguments()[1] instanceof Class<?> values) {
            return values;
        }
        return null;
    }
}
