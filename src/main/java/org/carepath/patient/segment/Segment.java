package org.carepath.patient.segment;

import java.util.Set;

import org.carepath.compliance.PhiCategory;

/** A saved, named segment, with the PHI categories it reads. */
public record Segment(String id, String name, SegmentCriteria criteria, Set<PhiCategory> phiUsed) {
}
