package dev.frontline.server.asterisk;

import dev.frontline.core.common.OperatorId;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.operator.OperatorRepository;

import java.util.List;
import java.util.Optional;

/** A fixed list of operators (no store needed: the AMI code only reads endpoints). */
final class StaticOperators implements OperatorRepository {
    private final List<Operator> operators;

    StaticOperators(List<Operator> operators) {
        this.operators = List.copyOf(operators);
    }

    @Override
    public Optional<Operator> find(OperatorId id) {
        return operators.stream().filter(o -> o.id().equals(id)).findFirst();
    }

    @Override
    public List<Operator> all() {
        return operators;
    }

    @Override
    public Optional<Operator> authenticate(String login, char[] password) {
        return Optional.empty();
    }
}
