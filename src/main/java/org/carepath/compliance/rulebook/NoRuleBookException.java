package org.carepath.compliance.rulebook;

/** No rule book has ever compiled here, so no decision can be made. */
public class NoRuleBookException extends RuntimeException {

    private final transient RuleBookStatus.Rejection rejection;

    public NoRuleBookException(RuleBookStatus.Rejection rejection) {
        super("no rule book is serving: the rules do not compile"
                + (rejection == null ? "" : " (" + rejection.errors().get(0).describe() + ")"));
        this.rejection = rejection;
    }

    public RuleBookStatus.Rejection rejection() {
        return rejection;
    }
}
