package dev.frontline.server.testing;

import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.customer.Customer;
import dev.frontline.core.customer.CustomerRepository;
import dev.frontline.core.customer.Outage;
import dev.frontline.core.customer.OutageRepository;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.operator.OperatorRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Customers, operators (with plain test passwords) and outages for API tests that do not test the store. */
public final class InMemoryDirectory implements CustomerRepository, OperatorRepository, OutageRepository {
    private final Map<Long, Customer> customers = new ConcurrentHashMap<>();
    private final Map<String, Operator> operators = new ConcurrentHashMap<>();
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final List<Outage> outages = new CopyOnWriteArrayList<>();

    public void add(Customer c) {
        customers.put(c.id().value(), c);
    }

    public void add(Operator o, String password) {
        operators.put(o.id().value(), o);
        passwords.put(o.id().value(), password);
    }

    @Override
    public Optional<Customer> findByPhone(String e164) {
        return customers.values().stream().filter(c -> c.mobile().map(e164::equals).orElse(false)
                || c.otherPhones().contains(e164)).findFirst();
    }

    @Override
    public Optional<Customer> findByContract(String contractNumber) {
        return customers.values().stream().filter(c -> c.contractNumber().equals(contractNumber)).findFirst();
    }

    @Override
    public Optional<Customer> findById(CustomerId id) {
        return Optional.ofNullable(customers.get(id.value()));
    }

    @Override
    public List<Customer> search(String text, int limit) {
        return customers.values().stream().filter(c -> c.name().toLowerCase().contains(text.toLowerCase())
                || c.contractNumber().contains(text)).limit(limit).toList();
    }

    @Override
    public Optional<Operator> find(OperatorId id) {
        return Optional.ofNullable(operators.get(id.value()));
    }

    @Override
    public List<Operator> all() {
        return new ArrayList<>(operators.values());
    }

    @Override
    public Optional<Operator> authenticate(String login, char[] password) {
        String expected = passwords.get(login);
        return expected != null && expected.equals(new String(password)) ? find(new OperatorId(login)) : Optional.empty();
    }

    @Override
    public Optional<Outage> activeIn(String area, Instant now) {
        return outages.stream().filter(o -> o.area().equals(area)).findFirst();
    }

    @Override
    public List<Outage> active(Instant now) {
        return List.copyOf(outages);
    }

    @Override
    public Outage report(String area, String description, Instant startedAt, Optional<Instant> expectedEnd) {
        Outage o = new Outage(outages.size() + 1, area, description, startedAt, expectedEnd);
        outages.add(o);
        return o;
    }

    @Override
    public void resolve(long id, Instant at) {
        if (!outages.removeIf(o -> o.id() == id)) {
            throw new dev.frontline.core.store.StoreException("outage " + id + " does not exist or is already resolved", null);
        }
    }

    @Override
    public void extend(long id, Instant expectedEnd) {
        for (int i = 0; i < outages.size(); i++) {
            Outage o = outages.get(i);
            if (o.id() == id) {
                outages.set(i, new Outage(o.id(), o.area(), o.description(), o.startedAt(), Optional.of(expectedEnd)));
                return;
            }
        }
        throw new dev.frontline.core.store.StoreException("outage " + id + " does not exist or is already resolved", null);
    }
}
