package dev.frontline.server.api;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an operator may read: customers of calls offered to it and customers its own searches returned, tickets it
 * created, and the open tickets of its lines (with their customers) once it listed them. Supervisors may read everything (checked by the caller). In memory; a restart forgets grants. Thread-safe.
 */
public final class Visibility {
    private final ConcurrentHashMap<String, Set<Long>> customers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> calls = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> tickets = new ConcurrentHashMap<>();

    void grantCustomer(String login, long customerId) {
        customers.computeIfAbsent(login, k -> ConcurrentHashMap.newKeySet()).add(customerId);
    }

    void grantCall(String login, String callId) {
        calls.computeIfAbsent(login, k -> ConcurrentHashMap.newKeySet()).add(callId);
    }

    void grantTicket(String login, String ticketId) {
        tickets.computeIfAbsent(login, k -> ConcurrentHashMap.newKeySet()).add(ticketId);
    }

    boolean customer(String login, long customerId) {
        return customers.getOrDefault(login, Set.of()).contains(customerId);
    }

    boolean call(String login, String callId) {
        return calls.getOrDefault(login, Set.of()).contains(callId);
    }

    boolean ticket(String login, String ticketId) {
        return tickets.getOrDefault(login, Set.of()).contains(ticketId);
    }
}
