package org.chatapp.redis.spring.cache;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chatapp.redis.InvalidRedisOptionException;
import org.chatapp.redis.ValueCodec;
import org.chatapp.redis.cache.CacheOptions;
import org.chatapp.redis.cache.NamedTtl;
import org.chatapp.redis.cache.NearCacheOptions;
import org.chatapp.redis.cache.TtlPolicy;
import org.chatapp.redis.spring.InvalidRedisPropertiesException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * The options of every configured cache and of the others (the defaults), checked when made: an
 * invalid setting is an {@link InvalidRedisPropertiesException} naming its property, under the
 * cache's prefix when the cache set it, else under {@code chatapp.redis.cache}.
 */
final class ConfiguredCaches {

    /** One cache's options and whether it takes null values. */
    record Settings(CacheOptions<Object> options, boolean allowNullValues) {
    }

    private final Settings defaults;
    private final Map<String, Settings> named;
    private final boolean dynamic;

    private ConfiguredCaches(Settings defaults, Map<String, Settings> named, boolean dynamic) {
        this.defaults = defaults;
        this.named = named;
        this.dynamic = dynamic;
    }

    /**
     * Resolves the caches of the properties. Each cache's settings are the defaults bound again with
     * the cache's own properties bound over them, so that only what the cache sets differs.
     *
     * @param typedJson the codec of caches without a value type
     * @throws InvalidRedisPropertiesException naming the first property the library rejects
     */
    static ConfiguredCaches of(Binder binder, RedisCacheProperties properties, ValueCodec<Object> typedJson) {
        String prefix = RedisCacheProperties.PREFIX;
        Settings defaults = settings(prefix, properties, typedJson);
        requirePolicyMatches(binder, ConfigurationPropertyName.of(prefix), prefix, properties);
        Map<String, Settings> named = new LinkedHashMap<>();
        for (String name : properties.getCaches().keySet()) {
            CacheSettings own = binder.bindOrCreate(prefix, CacheSettings.class);
            ConfigurationPropertyName source = source(name);
            String cachePrefix = prefix + ".caches." + name;
            binder.bind(source, Bindable.ofInstance(own));
            requirePolicyMatches(binder, source, cachePrefix, own);
            named.put(name, settings(cachePrefix, own, typedJson));
        }
        return new ConfiguredCaches(defaults, Map.copyOf(named), properties.isDynamic());
    }

    /**
     * Returns the name under which a cache's own properties are bound: the map key as it was
     * written ({@code userProfiles}) is matched in Boot's relaxed way, as an element of its own; a
     * key holding a dot ({@code caches[user.profiles]}) as one indexed element.
     */
    private static ConfigurationPropertyName source(String name) {
        ConfigurationPropertyName caches = ConfigurationPropertyName.of(RedisCacheProperties.PREFIX + ".caches");
        return name.contains(".") ? caches.append("[" + name + "]") : caches.append(ConfigurationPropertyName.adapt(name, '.'));
    }

    /** Returns the settings of a cache: its own when configured, else the defaults when caches are made on demand, else null. */
    Settings settingsOf(String name) {
        Settings settings = named.get(name);
        return settings != null ? settings : dynamic ? defaults : null;
    }

    /** Returns the names of the configured caches. */
    Iterable<String> configuredNames() {
        return named.keySet();
    }

    /** Returns the settings of caches that are not configured. */
    Settings defaults() {
        return defaults;
    }

    static Settings settings(String prefix, CacheSettings settings, ValueCodec<Object> typedJson) {
        try {
            CacheSettings.NearCache near = settings.getNearCache();
            CacheOptions<Object> options = CacheOptions.builder(codec(settings.getValueType(), typedJson))
                    .ttl(ttl(settings.getTtl()))
                    // Without null values there is no "absent" to cache.
                    .negativeTtl(settings.isAllowNullValues() ? settings.getNegativeTtl() : Duration.ZERO)
                    .maxValueBytes(settings.getMaxValueBytes())
                    .errorPolicy(settings.getErrorPolicy())
                    .leaseTime(settings.getLeaseTime())
                    .leaseWait(settings.getLeaseWait())
                    .pollInterval(settings.getPollInterval())
                    .earlyRefreshBeta(settings.getEarlyRefreshBeta())
                    .staleWhileRevalidate(settings.getStaleWhileRevalidate())
                    .nearCache(near.isEnabled() ? new NearCacheOptions(near.getMaxEntries(), near.getMaxWeightBytes(), near.getMaxAge()) : null)
                    .build();
            return new Settings(options, settings.isAllowNullValues());
        } catch (InvalidRedisOptionException e) {
            throw InvalidRedisPropertiesException.forSetting(prefix, new InvalidRedisOptionException(property(e.setting()), e.getMessage(), e));
        }
    }

    /** Returns the setting of the properties that holds a setting of the library's options, where their names differ. */
    private static String property(String setting) {
        return switch (setting) {
            case "ttl" -> "ttl.duration";
            case "nearCache" -> "near-cache.enabled";
            default -> setting;
        };
    }

    private static TtlPolicy ttl(CacheSettings.Ttl ttl) {
        if (ttl.getPolicy() == null) {
            throw new InvalidRedisOptionException("ttl.policy", "ttl.policy must be fixed, named or by-size");
        }
        TtlPolicy policy = switch (ttl.getPolicy()) {
            case FIXED -> TtlPolicy.fixed(ttl.getDuration());
            case BY_SIZE -> TtlPolicy.bySize(ttl.getDuration());
            case NAMED -> {
                if (ttl.getNamed() == null) {
                    throw new InvalidRedisOptionException("ttl.named", "ttl.named must be set for ttl.policy=named");
                }
                yield TtlPolicy.named(ttl.getNamed());
            }
        };
        return policy.withJitter(ttl.getJitter());
    }

    /**
     * Refuses a TTL setting that the policy in force would ignore (a named TTL with a fixed policy,
     * a duration with a named one): most likely the policy is not the one meant.
     */
    private static void requirePolicyMatches(Binder binder, ConfigurationPropertyName own, String prefix, CacheSettings settings) {
        CacheSettings.TtlKind policy = settings.getTtl().getPolicy();
        ConfigurationPropertyName ttl = own.append("ttl");
        String mismatch = null;
        if (policy != CacheSettings.TtlKind.NAMED && binder.bind(ttl.append("named"), Bindable.of(NamedTtl.class)).isBound()) {
            mismatch = "ttl.named";
        } else if (policy == CacheSettings.TtlKind.NAMED && binder.bind(ttl.append("duration"), Bindable.of(Duration.class)).isBound()) {
            mismatch = "ttl.duration";
        }
        if (mismatch != null) {
            throw InvalidRedisPropertiesException.forSetting(prefix, new InvalidRedisOptionException(mismatch, mismatch
                    + " does not apply to ttl.policy=" + policy.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                    + "; remove it or set the policy it belongs to"));
        }
    }

    /** Returns the codec of a cache: JSON of its value type, refusing values of another type, or typed JSON. */
    @SuppressWarnings("unchecked")
    private static ValueCodec<Object> codec(Class<?> valueType, ValueCodec<Object> typedJson) {
        if (valueType == null) {
            return typedJson;
        }
        ValueCodec<Object> json = (ValueCodec<Object>) ValueCodec.json(valueType);
        return new ValueCodec<>() {
            @Override
            public byte[] encode(Object value) {
                if (value != null && !valueType.isInstance(value)) {
                    throw new IllegalArgumentException("the cache holds values of " + valueType.getName() + " (value-type), was "
                            + value.getClass().getName());
                }
                return json.encode(value);
            }

            @Override
            public Object decode(byte[] bytes) {
                return json.decode(bytes);
            }

            @Override
            public String toString() {
                return json.toString();
            }
        };
    }
}
