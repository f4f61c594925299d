package dev.frontline.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.frontline.core.api.ApiJson;
import dev.frontline.core.api.ServerMessage;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open desktop connections by login: who gets which message. Thread-safe. */
public final class DesktopHub {
    private static final ObjectWriter WRITER = ApiJson.mapper().writerFor(ServerMessage.class);

    private final ConcurrentHashMap<String, Set<DeskConnection>> byLogin = new ConcurrentHashMap<>();
    private final Set<DeskConnection> supervisors = ConcurrentHashMap.newKeySet();

    void add(DeskConnection c) {
        byLogin.computeIfAbsent(c.session().login(), k -> ConcurrentHashMap.newKeySet()).add(c);
        if (c.session().supervisor()) {
            supervisors.add(c);
        }
    }

    void remove(DeskConnection c) {
        Set<DeskConnection> set = byLogin.get(c.session().login());
        if (set != null) {
            set.remove(c);
        }
        supervisors.remove(c);
    }

    /** True while at least one desktop of {@code login} is connected (demo traffic leaves those operators alone). */
    public boolean isConnected(String login) {
        Set<DeskConnection> set = byLogin.get(login);
        return set != null && !set.isEmpty();
    }

    /** Sends to every desktop of {@code login}; false when none is connected. */
    public boolean toLogin(String login, ServerMessage message) {
        Set<DeskConnection> set = byLogin.get(login);
        if (set == null || set.isEmpty()) {
            return false;
        }
        String json = json(message);
        for (DeskConnection c : set) {
            c.send(json);
        }
        return true;
    }

    /** Sends to every connected desktop (operators and supervisors). */
    public void toAll(ServerMessage message) {
        if (byLogin.isEmpty()) {
            return;
        }
        String json = json(message);
        for (Set<DeskConnection> set : byLogin.values()) {
            for (DeskConnection c : set) {
                c.send(json);
            }
        }
    }

    public void toSupervisors(ServerMessage message) {
        if (supervisors.isEmpty()) {
            return;
        }
        String json = json(message);
        for (DeskConnection c : supervisors) {
            c.send(json);
        }
    }

    public boolean hasSupervisors() {
        return !supervisors.isEmpty();
    }

    /** Writes a new connection's Welcome, then what the hub sent it since it was added. */
    void open(DeskConnection c, ServerMessage.Welcome welcome) {
        c.open(json(welcome));
    }

    void send(DeskConnection c, ServerMessage message) {
        c.send(json(message));
    }

    /** Closes every connection of the session {@code token} with {@code reason} (expiry, logout). */
    void closeSession(String token, int status, String reason) {
        for (Set<DeskConnection> set : byLogin.values()) {
            for (DeskConnection c : set) {
                if (c.session().token().equals(token)) {
                    c.close(status, reason);
                    remove(c);
                }
            }
        }
    }

    void closeAll(int status, String reason) {
        for (Set<DeskConnection> set : byLogin.values()) {
            for (DeskConnection c : set) {
                c.close(status, reason);
            }
            set.clear();
        }
        supervisors.clear();
    }

    int connectionCount() {
        return byLogin.values().stream().mapToInt(Set::size).sum();
    }

    static String json(ServerMessage message) {
        try {
            return WRITER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + message.getClass().getSimpleName(), e);
        }
    }
}
