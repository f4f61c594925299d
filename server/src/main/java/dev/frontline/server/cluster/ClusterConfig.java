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
 * @param warmStandby whether a standby follows the log while it waits, so taking over reads only the tail (default
 *                    true; false: it replays from the newest snapshot when elected, ADR 0140)
 * @param standbyPoll how often a warm standby reads the log even without a notification (default 2s)
 */
public record ClusterConfig(String serverId, Duration lease, Duration heartbeat, boolean warmStandby,
                            Duration standbyPoll) {
    public ClusterConfig(String serverId, Duration lease, Duration heartbeat) {
        this(serverId, lease, heartbeat, true, Duration.ofSeconds(2));
    }

    public ClusterConfig {
        if (standbyPoll.toMillis() < 10 || standbyPoll.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new ConfigException("cluster.standby-poll", standbyPoll.toMillis() + "ms must be between 10ms and 1m"
                    + " (the safety net for a lost notification)");
        }
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
                n.duration("lease", Duration.ofSeconds(2)), n.duration("heartbeat", Duration.ofMillis(500)),
                n.bool("warm-standby", true), n.duration("standby-poll", Duration.ofSeconds(2)));
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
