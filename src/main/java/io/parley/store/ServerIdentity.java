package io.parley.store;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name under which a server stores its calls, so that at start-up it closes only the calls it left active
 * itself, never those of another server sharing the database: the Liberty server's name at the host's name.
 * Two servers of one name on one host sharing a database must each set {@code parley.server.id}.
 */
final class ServerIdentity {

    private ServerIdentity() {
    }

    static String describe() {
        String server = System.getProperty("wlp.server.name", "parley");
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        return server + "@" + host;
    }
}
