package org.carepath.journey.campaign;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.carepath.compliance.Communication;
import org.carepath.compliance.PhiCategory;
import org.carepath.delivery.outbox.Outbox;
import org.carepath.patient.segment.Segment;
import org.carepath.patient.segment.Segments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starting, reading and cancelling campaigns. A start only records the campaign and its members, in one
 * transaction of batched inserts, and returns: the {@link CampaignLauncher} starts the instances afterwards,
 * in transactions of its own, so neither the API nor the database holds one transaction per campaign.
 */
@Service
public class Campaigns {

    private static final Logger log = LoggerFactory.getLogger(Campaigns.class);

    private final CampaignTable table;
    private final CampaignInstances instances;
    private final CampaignLauncher launcher;
    private final Segments segments;
    private final Outbox outbox;
    private final RepositoryService repository;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();

    Campaigns(CampaignTable table, CampaignInstances instances, CampaignLauncher launcher, Segments segments,
              Outbox outbox, RepositoryService repository, TransactionTemplate transactions) {
        this.outbox = outbox;
        this.table = table;
        this.instances = instances;
        this.launcher = launcher;
        this.segments = segments;
        this.repository = repository;
        this.transactions = transactions;
    }

    /**
     * Records the campaign and its members (ids not in the registry are SKIPPED at once), awaiting a compliance
     * officer's approval ({@link #review}) before anything starts.
     *
     * @throws CampaignRejectedException 400 incomplete, 422 unknown process or segment, 409 id already used
     */
    public CampaignView start(CampaignRequest request, String createdBy) {
        String problem = CampaignRequests.problem(request);
        if (problem != null) {
            throw new CampaignRejectedException(HttpStatus.BAD_REQUEST, problem);
        }
        ProcessDefinition definition = repository.createProcessDefinitionQuery()
                .processDefinitionKey(request.process()).latestVersion().singleResult();
        if (definition == null) {
            throw new CampaignRejectedException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "process: no process definition with key '" + request.process() + "' is deployed");
        }
        Communication communication = request.communication();
        List<String> members;
        if (request.segmentId() != null) {
            Segment segment = segments.find(request.segmentId()).orElseThrow(() -> new CampaignRejectedException(
                    HttpStatus.UNPROCESSABLE_ENTITY, "segmentId: no segment with id '" + request.segmentId() + "'"));
            // choosing the members reads PHI: every decision of the campaign must say which
            communication = withPhiUsed(communication, segment.phiUsed());
            members = segments.members(segment.criteria());
        } else {
            members = new ArrayList<>(new LinkedHashSet<>(request.patientIds()));
        }
        Communication facts = withCampaignId(communication, request.campaignId());
        CampaignView started = transactions.execute(tx -> {
            if (!table.insert(request.campaignId(), request.process(), definition.getId(), request.segmentId(), facts,
                    members.size(), createdBy, clock.instant())) {
                throw new CampaignRejectedException(HttpStatus.CONFLICT,
                        "campaignId: a campaign with this id exists already (see GET /api/v1/campaigns/"
                                + request.campaignId() + ")");
            }
            table.insertMembers(request.campaignId(), members);
            table.skipUnknownPatients(request.campaignId());
            return table.find(request.campaignId()).orElseThrow();
        });
        log.info("Campaign {} recorded by {}: process {}, {} members", request.campaignId(), createdBy,
                request.process(), members.size());
        return started;
    }

    /**
     * A compliance officer's review: approved, the launcher starts the journeys; rejected, nothing starts.
     * Four eyes: whoever recorded the campaign cannot review it.
     *
     * @throws CampaignRejectedException 403 the reviewer created it, 409 it is not awaiting approval
     */
    public Optional<CampaignView> review(String id, boolean approved, String who) {
        Optional<CampaignView> campaign = table.find(id);
        if (campaign.isEmpty()) {
            return Optional.empty();
        }
        if (campaign.get().createdBy().equals(who)) {
            throw new CampaignRejectedException(HttpStatus.FORBIDDEN,
                    "four eyes: the campaign must be reviewed by someone other than who recorded it");
        }
        if (!Boolean.TRUE.equals(transactions.execute(tx -> table.review(id, approved, who, clock.instant())))) {
            throw new CampaignRejectedException(HttpStatus.CONFLICT,
                    "the campaign is not awaiting approval (state " + campaign.get().state() + ")");
        }
        log.info("Campaign {} {} by {}", id, approved ? "approved" : "rejected", who);
        if (approved) {
            launcher.wake();
        }
        return find(id);
    }

    /** The campaign with its member counts and the counts of its instances in Camunda. */
    public Optional<CampaignView> find(String id) {
        return table.find(id).map(c -> c.withInstances(instances.count(id)));
    }

    public List<CampaignView> list() {
        return table.list();
    }

    /**
     * Stops the launch at once (pending members become CANCELLED; a batch being started finishes first),
     * withdraws the messages its journeys queued that have not gone yet, and ends the running instances through
     * a Camunda batch. Cancelling again changes nothing.
     */
    public Optional<CampaignView> cancel(String id, String who) {
        if (table.find(id).isEmpty()) {
            return Optional.empty();
        }
        boolean cancelled = Boolean.TRUE.equals(transactions.execute(tx -> table.beginCancel(id, who,
                clock.instant())));
        if (cancelled) {
            int withdrawn = outbox.withdrawJourneyMessages(table.startedInstances(id), "not sent: campaign cancelled");
            log.info("Campaign {} cancelled by {}; {} queued messages withdrawn", id, who, withdrawn);
            launcher.endInstances(id);
        }
        return find(id);
    }

    private static Communication withPhiUsed(Communication c, Set<PhiCategory> segmentUses) {
        Set<PhiCategory> used = EnumSet.noneOf(PhiCategory.class);
        used.addAll(c.phiUsed());
        used.addAll(segmentUses);
        return new Communication(c.campaignId(), c.sendAt(), c.channel(), c.purpose(), c.encouragesPurchaseOrUse(),
                c.sponsor(), c.remuneration(), c.refill(), c.nominalValueGift(), c.saleOfPhi(), List.copyOf(used),
                c.sensitivity(), c.processors());
    }

    private static Communication withCampaignId(Communication c, String campaignId) {
        return new Communication(campaignId, c.sendAt(), c.channel(), c.purpose(), c.encouragesPurchaseOrUse(),
                c.sponsor(), c.remuneration(), c.refill(), c.nominalValueGift(), c.saleOfPhi(), c.phiUsed(),
                c.sensitivity(), c.processors());
    }
}
