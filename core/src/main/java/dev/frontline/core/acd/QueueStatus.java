package dev.frontline.core.acd;

import java.time.Duration;

/** Where a waiting caller stands: 1-based position among the callers ahead in its queue, and the estimated wait. */
public record QueueStatus(int position, Duration estimatedWait) {}
