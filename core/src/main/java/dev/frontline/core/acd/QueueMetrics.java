package dev.frontline.core.acd;

import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Tier;

import java.time.Duration;

/**
 * Live figures of one queue (intent) on one tier. Service level, ASA, AHT and abandon rate cover the finished
 * calls of the configured metrics window; the others are now.
 *
 * @param waiting             callers on the line (callbacks that keep their place are in {@code callbacksPending})
 * @param longestWait         of the callers on the line
 * @param estimatedWait       what a caller joining now would be told (behind the callbacks ahead of it too)
 * @param serviceLevelPercent answered within {@code target} over answered plus abandoned (100 with no calls)
 * @param averageHandleTime   talk plus wrap-up
 * @param breached            a caller has been on the line longer than the on-line target right now
 */
public record QueueMetrics(Intent intent, Tier tier, String queue, int waiting, Duration longestWait,
                           Duration estimatedWait, double serviceLevelPercent, Duration target,
                           Duration averageSpeedOfAnswer, Duration averageHandleTime, double abandonRatePercent,
                           int callbacksPending, int operatorsStaffed, int operatorsReady, boolean breached) {}
