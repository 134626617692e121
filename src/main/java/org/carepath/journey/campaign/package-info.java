/**
 * Campaigns: one journey started for many patients (a segment or a list of ids). The API only records the
 * campaign and its members; {@link org.carepath.journey.campaign.CampaignLauncher} starts the process instances
 * in small transactions on any node, and a cancel stops it and ends the running instances.
 */
package org.carepath.journey.campaign;
