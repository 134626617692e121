package org.carepath.patient.segment;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.carepath.compliance.decision.ContractJson;
import org.carepath.patient.PatientRegistry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Saved segments and their members. PHI is encrypted at rest, so membership is decided in memory over the
 * decrypted registry, one patient at a time, never by SQL over plaintext.
 */
@Service
public class Segments {

    private final JdbcTemplate jdbc;
    private final PatientRegistry patients;
    private final Clock clock = Clock.systemUTC();

    public Segments(JdbcTemplate jdbc, PatientRegistry patients) {
        this.jdbc = jdbc;
        this.patients = patients;
    }

    public Segment save(String name, SegmentCriteria criteria, String createdBy) {
        String id = "s-" + UUID.randomUUID();
        try {
            jdbc.update("insert into carepath.segment (id, name, criteria, created_at, created_by)"
                    + " values (?, ?, ?::jsonb, ?, ?)", id, name, json(criteria), Timestamp.from(clock.instant()),
                    createdBy);
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("a segment named so already exists");
        }
        return new Segment(id, name, criteria, criteria.phiUsed());
    }

    public Optional<Segment> find(String id) {
        return jdbc.query("select id, name, criteria::text as criteria from carepath.segment where id = ?",
                (rs, n) -> {
                    SegmentCriteria criteria = criteria(rs.getString("criteria"));
                    return new Segment(rs.getString("id"), rs.getString("name"), criteria, criteria.phiUsed());
                }, id).stream().findFirst();
    }

    public List<Segment> list() {
        return jdbc.query("select id, name, criteria::text as criteria from carepath.segment order by name",
                (rs, n) -> {
                    SegmentCriteria criteria = criteria(rs.getString("criteria"));
                    return new Segment(rs.getString("id"), rs.getString("name"), criteria, criteria.phiUsed());
                });
    }

    /** The ids of the patients the criteria select now. */
    public List<String> members(SegmentCriteria criteria) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        try (var all = patients.all()) {
            return all.filter(p -> criteria.matches(p, today, now)).map(p -> p.id()).toList();
        }
    }

    private static String json(SegmentCriteria criteria) {
        try {
            return ContractJson.json().writeValueAsString(criteria);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SegmentCriteria criteria(String json) {
        try {
            return ContractJson.json().readValue(json, SegmentCriteria.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored segment criteria are unreadable", e);
        }
    }
}
