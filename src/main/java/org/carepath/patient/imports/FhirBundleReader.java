package org.carepath.patient.imports;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carepath.compliance.decision.RequestValidation;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads a bundle's envelope with Jackson, then each entry's resource with HAPI on its own. Parsing the
 * whole bundle with HAPI would make one malformed date in one resource fail every record of the bundle;
 * entry by entry, that one record is listed and the others are imported.
 */
@Component
class FhirBundleReader {

    private static final Logger log = LoggerFactory.getLogger(FhirBundleReader.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> BUNDLE_TYPES = Set.of("transaction", "collection");

    private final FhirContext fhir;
    private final Set<String> knownTypes;

    FhirBundleReader(FhirContext fhir) {
        this.fhir = fhir;
        this.knownTypes = Set.copyOf(fhir.getResourceTypes());
    }

    List<BundleEntry> read(byte[] body) {
        JsonNode bundle = envelope(body);
        JsonNode entries = bundle.path("entry");
        if (!entries.isMissingNode() && !entries.isArray()) {
            throw new InvalidBundleException("Bundle.entry must be an array");
        }
        // HAPI parsers are cheap and not meant to be shared between threads: one per request
        IParser parser = fhir.newJsonParser().setParserErrorHandler(new ValueErrorsFail());
        List<BundleEntry> read = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            read.add(entry(i, entries.get(i), parser));
        }
        return read;
    }

    private static JsonNode envelope(byte[] body) {
        JsonNode bundle;
        try {
            bundle = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidBundleException(RequestValidation.describe(e));
        } catch (IOException e) {
            throw new InvalidBundleException("the body is unreadable");
        }
        if (bundle == null || !bundle.isObject() || !"Bundle".equals(bundle.path("resourceType").asText())) {
            throw new InvalidBundleException("not a FHIR Bundle: resourceType must be Bundle");
        }
        if (!BUNDLE_TYPES.contains(bundle.path("type").asText())) {
            throw new InvalidBundleException("Bundle.type must be transaction or collection");
        }
        return bundle;
    }

    private BundleEntry entry(int index, JsonNode entry, IParser parser) {
        JsonNode resource = entry.path("resource");
        String fullUrl = entry.path("fullUrl").isTextual() ? entry.path("fullUrl").asText() : null;
        if (!resource.isObject()) {
            return new BundleEntry(index, null, null, fullUrl, null, "entry has no resource");
        }
        String type = FhirResources.shownType(text(resource, "resourceType"), knownTypes);
        String id = FhirResources.shownId(text(resource, "id"));
        Class<? extends Resource> model = FhirResources.SUPPORTED.get(text(resource, "resourceType"));
        if (model == null) {
            return new BundleEntry(index, type, id, fullUrl, null, "unsupported resource type");
        }
        try {
            return new BundleEntry(index, type, id, fullUrl, parser.parseResource(model, resource.toString()), null);
        } catch (ValueErrorsFail.InvalidValue e) {
            return new BundleEntry(index, type, id, fullUrl, null, e.getMessage());
        } catch (RuntimeException e) {
            // HAPI's messages quote the offending value: only the exception's class is logged
            log.debug("entry {} ({}) unreadable: {}", index, type, e.getClass().getSimpleName());
            return new BundleEntry(index, type, id, fullUrl, null, "not a valid FHIR R4 resource");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
