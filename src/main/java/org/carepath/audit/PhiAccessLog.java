package org.carepath.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.carepath.platform.PhiRead;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Who read which patient's PHI, and when (45 CFR 164.312(b) audit controls). */
@Service
public class PhiAccessLog {

    private final JdbcTemplate jdbc;

    public PhiAccessLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Access(Instant at, String actor, String patientId, String action) {
    }

    /** Synchronous: the read is on record before the answer that carries the PHI leaves the server. */
    @EventListener
    public void record(PhiRead read) {
        jdbc.update("insert into carepath.phi_access (at, actor, patient_id, action) values (?, ?, ?, ?)",
                Timestamp.from(Instant.now()), read.actor(), read.patientId(), read.action());
    }

    public List<Access> ofPatient(String patientId) {
        return jdbc.query("select * from carepath.phi_access where patient_id = ? order by at",
                (rs, n) -> new Access(rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                        rs.getString("patient_id"), rs.getString("action")), patientId);
    }
}
