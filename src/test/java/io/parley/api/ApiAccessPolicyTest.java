package io.parley.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiAccessPolicyTest {

    private final ApiAccessPolicy withKey = new ApiAccessPolicy(Optional.of("s3cret-key"));
    private final ApiAccessPolicy withoutKey = new ApiAccessPolicy(Optional.empty());

    private static int denied(ApiAccessPolicy.Decision decision) {
        return assertInstanceOf(ApiAccessPolicy.Denied.class, decision).status();
    }

    @Test
    void withAKeyTheBearerTokenMustMatchFromAnywhere() {
        assertInstanceOf(ApiAccessPolicy.Allowed.class, withKey.decide("Bearer s3cret-key", "203.0.113.9", true));
        assertInstanceOf(ApiAccessPolicy.Allowed.class, withKey.decide("bearer s3cret-key", "127.0.0.1", false));
        assertEquals(401, denied(withKey.decide("Bearer wrong", "127.0.0.1", false)));
        assertEquals(401, denied(withKey.decide(null, "127.0.0.1", false)));
        assertEquals(401, denied(withKey.decide("Basic czNjcmV0LWtleQ==", "127.0.0.1", false)));
        assertEquals(401, denied(withKey.decide("Bearer s3cret-key-longer", "127.0.0.1", false)));
    }

    @Test
    void withoutAKeyOnlyDirectLoopbackClientsAreServed() {
        assertInstanceOf(ApiAccessPolicy.Allowed.class, withoutKey.decide(null, "127.0.0.1", false));
        assertInstanceOf(ApiAccessPolicy.Allowed.class, withoutKey.decide(null, "0:0:0:0:0:0:0:1", false));
        assertInstanceOf(ApiAccessPolicy.Allowed.class, withoutKey.decide(null, "::1", false));
        assertEquals(403, denied(withoutKey.decide(null, "192.168.1.20", false)));
        assertEquals(403, denied(withoutKey.decide(null, "203.0.113.9", false)));
        assertEquals(403, denied(withoutKey.decide(null, null, false)));
    }

    @Test
    void withoutAKeyATunnelOnThisMachineIsNotTrusted() {
        // ngrok and cloudflared connect from 127.0.0.1 but add forwarding headers
        assertEquals(403, denied(withoutKey.decide(null, "127.0.0.1", true)));
    }
}
