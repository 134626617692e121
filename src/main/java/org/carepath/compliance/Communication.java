package org.carepath.compliance;

import java.time.Instant;
import java.util.List;

/**
 * The message being judged. Defaults are the contract's; {@code encouragesPurchaseOrUse} stays null when not
 * given, and the rules read null as "encourages", which only an administrative message escapes.
 */
public record Communication(
        String campaignId,
        Instant sendAt,
        Channel channel,
        Purpose purpose,
        Boolean encouragesPurchaseOrUse,
        String sponsor,
        Remuneration remuneration,
        Refill refill,
        boolean nominalValueGift,
        boolean saleOfPhi,
        List<PhiCategory> phiUsed,
        Sensitivity sensitivity,
        List<Processor> processors) {

    public Communication {
        channel = channel == null ? Channel.EMAIL : channel;
        remuneration = remuneration == null ? Remuneration.NONE : remuneration;
        phiUsed = Lists.orEmpty(phiUsed);
        sensitivity = sensitivity == null ? Sensitivity.STANDARD : sensitivity;
        processors = Lists.orEmpty(processors);
    }

    public Communication withSendAt(Instant at) {
        return new Communication(campaignId, at, channel, purpose, encouragesPurchaseOrUse, sponsor, remuneration,
                refill, nominalValueGift, saleOfPhi, phiUsed, sensitivity, processors);
    }
}
