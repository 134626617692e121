package org.carepath.compliance.casetest;

import com.fasterxml.jackson.databind.JsonNode;

/** One case of a {@code rules/tests/*.yaml} file: the facts given and the subset of the answer expected. */
public record RuleCase(String file, String name, JsonNode given, JsonNode expect) {
}
