package dev.frontline.core.acd;

import dev.frontline.core.common.OperatorId;
import dev.frontline.core.operator.Operator;

import java.util.Optional;

/** Where routing reads an operator's skills, tiers, languages and phone when the operator logs in. */
@FunctionalInterface
public interface OperatorDirectory {
    Optional<Operator> find(OperatorId id);

    /** Reads through the operator accounts (one lookup per login; routing keeps the profile while logged in). */
    static OperatorDirectory of(dev.frontline.core.operator.OperatorRepository accounts) {
        return accounts::find;
    }
}
