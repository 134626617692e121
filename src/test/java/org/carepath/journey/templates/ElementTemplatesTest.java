package org.carepath.journey.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Modeler element templates in {@code processes/.camunda/element-templates} follow Camunda 7's element
 * templates JSON schema (a copy in src/test/resources, so no network), and bind the delegates the journeys use.
 */
class ElementTemplatesTest {

    private static final Path TEMPLATES = Path.of("processes/.camunda/element-templates");
    private static final String SCHEMA_ID = "http://camunda.org/schema/element-templates/1.0";
    private static final String SCHEMA_URL =
            "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Both names of the schema, its {@code $id} and the URL templates cite, lead to the local copy. */
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            registry -> registry.schemaIdResolvers(ids -> ids
                    .mapPrefix(SCHEMA_ID, "classpath:element-templates-schema/schema.json")
                    .mapPrefix(SCHEMA_URL, "classpath:element-templates-schema/schema.json")))
            .getSchema(SchemaLocation.of(SCHEMA_ID));

    static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("templates")
    void everyTemplateFollowsTheCamunda7Schema(Path file) throws IOException {
        JsonNode template = JSON.readTree(file.toFile());
        assertThat(errors(template)).as(file.toString()).isEmpty();
        assertThat(template.get("$schema").asText()).isEqualTo(SCHEMA_URL);
        assertThat(template.get("id").asText()).startsWith("org.carepath.");
        assertThat(template.get("version").asInt()).isPositive();
    }

    @Test
    void theTemplatesBindTheJourneyDelegates() throws IOException {
        assertThat(templates()).extracting(p -> delegate(JSON.readTree(p.toFile()))).containsExactlyInAnyOrder(
                "${checkAuthorization}", "${complianceDecision}", "${sendSecureMessage}", "${waitForEngagement}");
        JsonNode send = JSON.readTree(TEMPLATES.resolve("send-secure-message.json").toFile());
        assertThat(inputs(send)).containsExactly("template", "purpose", "encouragesPurchaseOrUse", "sponsor",
                "remuneration", "phiUsed", "sensitivity");
    }

    @Test
    void theValidatorRefusesABindingTypeThatDoesNotExist() throws IOException {
        JsonNode broken = JSON.readTree("""
                { "$schema": "%s", "id": "org.carepath.broken", "version": 1, "name": "Broken",
                  "appliesTo": [ "bpmn:ServiceTask" ],
                  "properties": [ { "label": "Purpose", "type": "String",
                                    "binding": { "type": "camunda:inputParameterz", "name": "purpose" } } ] }
                """.formatted(SCHEMA_URL));
        assertThat(errors(broken)).anyMatch(e -> e.contains("/properties/0/binding/type"));
    }

    @Test
    void theValidatorRefusesADropdownWithoutChoicesAndATemplateWithoutAppliesTo() throws IOException {
        assertThat(errors(JSON.readTree("""
                { "id": "org.carepath.broken", "name": "Broken", "appliesTo": [ "bpmn:ServiceTask" ],
                  "properties": [ { "label": "Purpose", "type": "Dropdown",
                                    "binding": { "type": "camunda:inputParameter", "name": "purpose" } } ] }
                """))).anyMatch(e -> e.contains("required property 'choices' not found"));
        assertThat(errors(JSON.readTree("""
                { "id": "org.carepath.broken", "name": "Broken", "properties": [] }
                """))).anyMatch(e -> e.contains("required property 'appliesTo' not found"));
    }

    private static List<String> errors(JsonNode template) {
        return SCHEMA.validate(template).stream().map(Error::toString).toList();
    }

    private static String delegate(JsonNode template) {
        for (JsonNode property : template.get("properties")) {
            if (property.path("binding").path("name").asText().equals("camunda:delegateExpression")) {
                return property.get("value").asText();
            }
        }
        return null;
    }

    private static List<String> inputs(JsonNode template) {
        return template.get("properties").findParents("binding").stream()
                .map(p -> p.get("binding"))
                .filter(b -> b.get("type").asText().equals("camunda:inputParameter"))
                .map(b -> b.get("name").asText()).toList();
    }
}
