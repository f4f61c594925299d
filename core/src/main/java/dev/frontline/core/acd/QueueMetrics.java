package dev.frontline.core.acd;

import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Tier;

import java.time.Duration;

/**
 * Live figures of one queue (intent) on one tier. Service level, ASA, AHT and abandon rate cover the finished
 * calls of the configured metrics window; the others are now.
 *
 * @param estimatedWait       what a caller joining now would be told
 * @param serviceLevelPercent answered within {@code target} over answered plus abandoned (100 with no calls)
 * @param averageHandleTime   talk plus wrap-up
 * @param breached            someone is waiting longer than the target right now
 */
public record QueueMetrics(Intent intent, Tier tier, String queue, int waiting, Duration longestWait,
                           Duration estimatedWait, double serviceLevelPercent, Duration target,
                           Duration averageSpeedOfAnswer, Duration averageHandleTime, double abandonRatePercent,
                           int callbacksPending, int operatorsStaffed, int operatorsReady, boolean breached) {}
