package io.parley.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * The console's users, from configuration: the host ({@code parley.console.user} / {@code .password}, that is
 * {@code PARLEY_CONSOLE_USER} / {@code PARLEY_CONSOLE_PASSWORD}), who may do everything, and optionally a producer
 * ({@code parley.console.producer-user} / {@code .producer-password}), who screens and edits but does not take
 * callers on air or drop them. With no host configured the console serves this machine only.
 */
@ApplicationScoped
public class ConsoleUsers {

    public static final String HOST = "host";
    public static final String PRODUCER = "producer";

    @Inject
    Config config;

    /** A user the console knows: their name and roles. */
    public record User(String name, Set<String> roles) {
        public boolean is(String role) {
            return roles.contains(role);
        }
    }

    /** Whether logins are configured (else the console is open to this machine only). */
    public boolean configured() {
        return text("parley.console.user").isPresent() && text("parley.console.password").isPresent();
    }

    /** The user these credentials name, if they are right. Compared in constant time. */
    public Optional<User> check(String name, String password) {
        if (name == null || password == null) {
            return Optional.empty();
        }
        if (matches(name, password, "parley.console.user", "parley.console.password")) {
            return Optional.of(new User(name, Set.of(HOST, PRODUCER)));
        }
        if (matches(name, password, "parley.console.producer-user", "parley.console.producer-password")) {
            return Optional.of(new User(name, Set.of(PRODUCER)));
        }
        return Optional.empty();
    }

    private boolean matches(String name, String password, String userKey, String passwordKey) {
        Optional<String> user = text(userKey);
        Optional<String> secret = text(passwordKey);
        if (user.isEmpty() || secret.isEmpty()) {
            return false;
        }
        boolean nameOk = MessageDigest.isEqual(user.get().getBytes(StandardCharsets.UTF_8),
                name.getBytes(StandardCharsets.UTF_8));
        boolean passwordOk = MessageDigest.isEqual(secret.get().getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8));
        return nameOk & passwordOk;
    }

    private Optional<String> text(String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty());
    }
}
