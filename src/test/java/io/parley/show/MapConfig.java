package io.parley.show;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

/** Configuration from a map, converting text as MicroProfile Config's built-in converters do for the show's keys. */
final class MapConfig implements Config {

    private final Map<String, String> values;

    MapConfig(String... keyValues) {
        java.util.Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        this.values = Map.copyOf(map);
    }

    @Override
    public <T> T getValue(String name, Class<T> type) {
        return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
    }

    @Override
    public ConfigValue getConfigValue(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
        String text = values.get(name);
        if (text == null) {
            return Optional.empty();
        }
        Object value = type == String.class ? text : type == Integer.class ? Integer.valueOf(text)
                : type == Long.class ? Long.valueOf(text) : type == Double.class ? Double.valueOf(text)
                : type == Boolean.class ? Boolean.valueOf(text) : null;
        if (value == null) {
            throw new IllegalArgumentException("no converter for " + type);
        }
        return Optional.of(type.cast(value));
    }

    @Override
    public Iterable<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
        return java.util.List.of();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
        return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        throw new IllegalArgumentException();
    }
}
