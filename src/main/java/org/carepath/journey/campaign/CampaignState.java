package org.carepath.journey.campaign;

/**
 * AWAITING_APPROVAL until a compliance officer other than its creator approves it (then LAUNCHING while members
 * are pending) or rejects it; CANCELLING until the instances it started have ended.
 */
public enum CampaignState {
    AWAITING_APPROVAL, LAUNCHING, LAUNCHED, REJECTED, CANCELLING, CANCELLED
}
