package org.carepath.patient.imports;

import org.hl7.fhir.r4.model.Resource;

/**
 * One entry of a bundle: its index, what may be shown of its type and id, its {@code fullUrl} (other entries
 * may reference it), and either the parsed resource or why it could not be read.
 */
record BundleEntry(int index, String resourceType, String id, String fullUrl, Resource resource,
                   String problem) {

    EntryProblem asProblem(String reason) {
        return new EntryProblem(index, resourceType, id, reason);
    }
}
