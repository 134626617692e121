package org.carepath.journey.campaign;

/** LAUNCHING while members are pending; CANCELLING until the instances it started have ended. */
public enum CampaignState {
    LAUNCHING, LAUNCHED, CANCELLING, CANCELLED
}
