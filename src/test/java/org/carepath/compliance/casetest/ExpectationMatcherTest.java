package org.carepath.compliance.casetest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.carepath.compliance.decision.ContractJson;
import org.junit.jupiter.api.Test;

class ExpectationMatcherTest {

    private static JsonNode yaml(String text) throws Exception {
        return ContractJson.yaml().readTree(text);
    }

    @Test
    void expectedFieldsAreASubsetOfTheAnswer() throws Exception {
        JsonNode actual = yaml("{outcome: SEND, deliveryPath: TLS, authorization: {status: VALID, id: a-1}}");
        assertThat(ExpectationMatcher.mismatches(yaml("{outcome: SEND, authorization: {status: VALID}}"), actual))
                .isEmpty();
        assertThat(ExpectationMatcher.mismatches(yaml("{outcome: BLOCK}"), actual))
                .extracting(Object::toString).containsExactly("outcome: expected BLOCK, actual SEND");
    }

    @Test
    void expectedNullMatchesNullOrAbsentButNothingElse() throws Exception {
        JsonNode actual = yaml("{exception: null, deliveryPath: TLS}");
        assertThat(ExpectationMatcher.mismatches(yaml("{exception: null, missing: null}"), actual)).isEmpty();
        assertThat(ExpectationMatcher.mismatches(yaml("{deliveryPath: null}"), actual)).hasSize(1);
    }

    @Test
    void everyExpectedListElementMustBeInTheActualList() throws Exception {
        JsonNode actual = yaml("{defects: [COMPOUND, CONDITIONED], reasons: [{rule: a/b, text: x}]}");
        assertThat(ExpectationMatcher.mismatches(yaml("{defects: [CONDITIONED], reasons: [{rule: a/b}]}"), actual))
                .isEmpty();
        assertThat(ExpectationMatcher.mismatches(yaml("{defects: [KNOWN_FALSE]}"), actual)).hasSize(1);
        assertThat(ExpectationMatcher.mismatches(yaml("{reasons: [{rule: c/d}]}"), actual)).hasSize(1);
    }
}
