package org.carepath.compliance;

import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;

/**
 * One rule that shaped the answer. Rules add it on their right-hand side with
 * {@code insertLogical(Reason.of(kcontext))}; the citation and text come from the rule's own
 * {@code @citation} and {@code @text} attributes, so they stand at the top of the rule where an officer reads them.
 */
public record Reason(String rule, String citation, String text) {

    public static Reason of(RuleContext context) {
        Rule rule = context.getRule();
        return new Reason(rule.getName(), attribute(rule, "citation"), attribute(rule, "text"));
    }

    private static String attribute(Rule rule, String name) {
        Object value = rule.getMetaData().get(name);
        return value == null ? null : value.toString();
    }
}
