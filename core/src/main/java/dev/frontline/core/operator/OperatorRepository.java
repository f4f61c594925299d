package dev.frontline.core.operator;

import dev.frontline.core.common.OperatorId;

import java.util.List;
import java.util.Optional;

/** Operator accounts. Thread-safe. */
public interface OperatorRepository {

    Optional<Operator> find(OperatorId id);

    List<Operator> all();

    /** The account when {@code password} matches its slow hash; empty for an unknown login or a wrong password. */
    Optional<Operator> authenticate(String login, char[] password);
}
