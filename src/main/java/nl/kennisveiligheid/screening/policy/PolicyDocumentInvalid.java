package nl.kennisveiligheid.screening.policy;

import java.util.List;
import nl.kennisveiligheid.screening.common.InvalidInputException;

/**
 * A policy document that breaks the rules: answered as any invalid input (400, each path named in
 * the API's words), and carrying the rules themselves for the console to word in Dutch or English.
 */
public final class PolicyDocumentInvalid extends InvalidInputException {

    private final transient List<PolicyRule.Problem> problems;

    PolicyDocumentInvalid(List<PolicyRule.Problem> problems) {
        super(problems.stream().map(PolicyRule.Problem::asFieldError).toList());
        this.problems = List.copyOf(problems);
    }

    public List<PolicyRule.Problem> problems() {
        return problems;
    }
}
