package org.carepath.journey.campaign;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.carepath.compliance.Communication;
import org.carepath.compliance.decision.ContractJson;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The SQL of campaigns and their members (schema {@code carepath}, owned by Flyway). */
@Repository
class CampaignTable {

    /** Rows per JDBC batch when writing members: 100,000 ids are 100 round trips, not 100,000. */
    private static final int INSERT_BATCH = 1000;
    private static final String COLUMNS = "id, process_key, segment_id, communication::text as communication, state,"
            + " member_count, created_by, created_at, reviewed_by, reviewed_at, launched_at, cancelled_by, cancelled_at,"
            + " process_definition_id";

    private final JdbcTemplate jdbc;

    CampaignTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** False when a campaign with this id exists already. */
    boolean insert(String id, String processKey, String processDefinitionId, String segmentId,
                   Communication communication, int members, String createdBy, Instant at) {
        return jdbc.update("insert into carepath.campaign (id, process_key, process_definition_id, segment_id,"
                + " communication, state, member_count, created_by, created_at)"
                + " values (?, ?, ?, ?, ?::jsonb, 'AWAITING_APPROVAL', ?, ?, ?) on conflict (id) do nothing", id,
                processKey, processDefinitionId, segmentId, json(communication), members, createdBy,
                Timestamp.from(at)) == 1;
    }

    void insertMembers(String campaignId, List<String> patientIds) {
        for (int from = 0; from < patientIds.size(); from += INSERT_BATCH) {
            int offset = from;
            int size = Math.min(INSERT_BATCH, patientIds.size() - from);
            jdbc.batchUpdate("insert into carepath.campaign_member (campaign_id, patient_id, seq, state)"
                    + " values (?, ?, ?, 'PENDING')", new BatchPreparedStatementSetter() {
                        @Override
                        public void setValues(PreparedStatement ps, int i) throws SQLException {
                            ps.setString(1, campaignId);
                            ps.setString(2, patientIds.get(offset + i));
                            ps.setInt(3, offset + i);
                        }

                        @Override
                        public int getBatchSize() {
                            return size;
                        }
                    });
        }
    }

    /** Ids that are not in the registry are not started: one set-based statement, not a lookup per id. */
    int skipUnknownPatients(String campaignId) {
        return jdbc.update("update carepath.campaign_member m set state = 'SKIPPED', reason = 'unknown patient'"
                + " where m.campaign_id = ? and m.state = 'PENDING'"
                + " and not exists (select 1 from carepath.patient p where p.id = m.patient_id)", campaignId);
    }

    Optional<CampaignView> find(String id) {
        return jdbc.query("select " + COLUMNS + " from carepath.campaign where id = ?", this::view, id).stream()
                .findFirst();
    }

    List<CampaignView> list() {
        return jdbc.query("select " + COLUMNS + " from carepath.campaign order by created_at desc", this::view);
    }

    Map<MemberState, Long> memberCounts(String campaignId) {
        Map<MemberState, Long> counts = new EnumMap<>(MemberState.class);
        for (MemberState state : MemberState.values()) {
            counts.put(state, 0L);
        }
        jdbc.query("select state, count(*) from carepath.campaign_member where campaign_id = ? group by state",
                rs -> {
                    counts.put(MemberState.valueOf(rs.getString(1)), rs.getLong(2));
                }, campaignId);
        return counts;
    }

    /** What the launcher needs of a campaign that is launching. */
    record Launch(String id, String processKey, String processDefinitionId, Communication communication) {
    }

    List<Launch> launching() {
        return jdbc.query("select id, process_key, process_definition_id, communication::text from carepath.campaign"
                + " where state = 'LAUNCHING' order by created_at",
                (rs, n) -> new Launch(rs.getString(1), rs.getString(2), rs.getString(3), communication(rs.getString(4))));
    }

    /** Campaigns being cancelled, with the Camunda batch that ends their instances (null: none yet). */
    Map<String, String> cancelling() {
        Map<String, String> batches = new java.util.LinkedHashMap<>();
        jdbc.query("select id, delete_batch_id from carepath.campaign where state = 'CANCELLING'",
                rs -> {
                    batches.put(rs.getString(1), rs.getString(2));
                });
        return batches;
    }

    /**
     * The state, read with a share lock for the length of a launch batch: a cancel, which updates this row first,
     * waits for the batch to commit, and the next batch waits for the cancel and then sees CANCELLING.
     */
    Optional<CampaignState> lockForLaunch(String id) {
        return jdbc.queryForList("select state from carepath.campaign where id = ? for share", String.class, id)
                .stream().findFirst().map(CampaignState::valueOf);
    }

    /** The next pending members, locked; rows another node holds are skipped, not waited for. */
    List<String> claimPending(String campaignId, int limit) {
        return jdbc.queryForList("select patient_id from carepath.campaign_member"
                + " where campaign_id = ? and state = 'PENDING' order by seq limit ? for update skip locked",
                String.class, campaignId, limit);
    }

    void markStarted(String campaignId, List<String[]> patientAndInstance) {
        List<Object[]> args = new ArrayList<>();
        for (String[] started : patientAndInstance) {
            args.add(new Object[] {started[1], campaignId, started[0]});
        }
        jdbc.batchUpdate("update carepath.campaign_member set state = 'STARTED', process_instance_id = ?"
                + " where campaign_id = ? and patient_id = ?", args);
    }

    void markFailed(String campaignId, String patientId, String reason) {
        jdbc.update("update carepath.campaign_member set state = 'FAILED', reason = ?"
                + " where campaign_id = ? and patient_id = ?", reason, campaignId, patientId);
    }

    /** LAUNCHING becomes LAUNCHED once no member is pending. */
    boolean markLaunchedIfDone(String id, Instant at) {
        return jdbc.update("update carepath.campaign set state = 'LAUNCHED', launched_at = ?"
                + " where id = ? and state = 'LAUNCHING' and not exists (select 1 from carepath.campaign_member"
                + " where campaign_id = ? and state = 'PENDING')", Timestamp.from(at), id, id) == 1;
    }

    /**
     * Stops the launch: the campaign row first (so the next launch batch waits and then sees CANCELLING), then
     * every pending member. Members a launch batch holds are waited for; they commit as STARTED and are not
     * touched. Returns false when the campaign was not launching or launched.
     */
    boolean beginCancel(String id, String who, Instant at) {
        // a campaign still awaiting approval has no instances to end: it is cancelled at once
        int changed = jdbc.update("update carepath.campaign set state = case when state = 'AWAITING_APPROVAL'"
                + " then 'CANCELLED' else 'CANCELLING' end, cancelled_by = ?, cancelled_at = ?"
                + " where id = ? and state in ('AWAITING_APPROVAL', 'LAUNCHING', 'LAUNCHED')", who,
                Timestamp.from(at), id);
        if (changed == 1) {
            jdbc.update("update carepath.campaign_member set state = 'CANCELLED', reason = 'campaign cancelled'"
                    + " where campaign_id = ? and state = 'PENDING'", id);
        }
        return changed == 1;
    }

    /**
     * Approves (LAUNCHING) or rejects (REJECTED, pending members CANCELLED) a campaign awaiting approval.
     * False when it was not awaiting approval (already reviewed, cancelled).
     */
    boolean review(String id, boolean approved, String who, Instant at) {
        int changed = jdbc.update("update carepath.campaign set state = ?, reviewed_by = ?, reviewed_at = ?"
                + " where id = ? and state = 'AWAITING_APPROVAL'", approved ? "LAUNCHING" : "REJECTED", who,
                Timestamp.from(at), id);
        if (changed == 1 && !approved) {
            jdbc.update("update carepath.campaign_member set state = 'CANCELLED', reason = 'campaign rejected'"
                    + " where campaign_id = ? and state = 'PENDING'", id);
        }
        return changed == 1;
    }

    /** The process instances the campaign started. */
    List<String> startedInstances(String id) {
        return jdbc.queryForList("select process_instance_id from carepath.campaign_member"
                + " where campaign_id = ? and process_instance_id is not null", String.class, id);
    }

    void deleteBatch(String id, String batchId) {
        jdbc.update("update carepath.campaign set delete_batch_id = ? where id = ?", batchId, id);
    }

    void markCancelled(String id) {
        jdbc.update("update carepath.campaign set state = 'CANCELLED' where id = ? and state = 'CANCELLING'", id);
    }

    private CampaignView view(ResultSet rs, int row) throws SQLException {
        String id = rs.getString("id");
        return new CampaignView(id, rs.getString("process_key"), rs.getString("process_definition_id"),
                rs.getString("segment_id"),
                CampaignState.valueOf(rs.getString("state")), communication(rs.getString("communication")),
                rs.getString("created_by"), instant(rs.getTimestamp("created_at")), rs.getString("reviewed_by"),
                instant(rs.getTimestamp("reviewed_at")), instant(rs.getTimestamp("launched_at")), rs.getString("cancelled_by"),
                instant(rs.getTimestamp("cancelled_at")), rs.getInt("member_count"), memberCounts(id), null);
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }

    private static String json(Communication communication) {
        try {
            return ContractJson.json().writeValueAsString(communication);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Communication communication(String json) {
        try {
            return ContractJson.json().readValue(json, Communication.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored campaign communication is unreadable", e);
        }
    }
}
