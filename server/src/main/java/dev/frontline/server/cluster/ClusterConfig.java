package dev.frontline.server.cluster;

import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.ConfigNode;

import java.time.Duration;

/**
 * {@code cluster:} how servers sharing a PostgreSQL store elect the ACD leader (ignored on SQLite).
 *
 * @param serverId  unique per server process; names its PostgreSQL sessions (default: host name and pid)
 * @param lease     a leader that has not renewed for this long is taken over (default 2s)
 * @param heartbeat how often the leader renews and a standby tries to lead (default 500ms; at most a third of lease)
 */
public record ClusterConfig(String serverId, Duration lease, Duration heartbeat) {
    public ClusterConfig {
        if (heartbeat.multipliedBy(3).compareTo(lease) > 0) {
            throw new ConfigException("cluster.heartbeat", heartbeat.toMillis() + "ms must be at most a third of"
                    + " cluster.lease (" + lease.toMillis() + "ms), so one late heartbeat does not cost the leadership");
        }
        if (serverId.isBlank() || serverId.length() > 50) {
            throw new ConfigException("cluster.server-id", "must be 1-50 characters, not '" + serverId + "'");
        }
    }

    public static ClusterConfig from(ConfigNode n) {
        ClusterConfig c = new ClusterConfig(n.string("server-id", defaultServerId()).trim(),
                n.duration("lease", Duration.ofSeconds(2)), n.duration("heartbeat", Duration.ofMillis(500)));
        n.rejectUnknownKeys();
        return c;
    }

    static String defaultServerId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "frontline";
        }
        String id = host + "-" + ProcessHandle.current().pid();
        return id.length() <= 50 ? id : id.substring(id.length() - 50);
    }
}
