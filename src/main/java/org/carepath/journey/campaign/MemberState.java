package org.carepath.journey.campaign;

/** What became of one patient of a campaign. */
public enum MemberState {
    /** waiting for the launcher */
    PENDING,
    /** its process instance was started (the instance id is kept) */
    STARTED,
    /** not started: the patient is not in the registry */
    SKIPPED,
    /** the start itself failed (the reason names the exception's class) */
    FAILED,
    /** the campaign was cancelled before its turn */
    CANCELLED
}
