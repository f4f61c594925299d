package dev.frontline.core.api;

import dev.frontline.core.acd.OperatorState;

import java.time.Instant;
import java.util.List;

/** The read models carried by {@link ServerMessage}s: plain data, nothing secret (no PIN hashes). */
public final class Views {
    private Views() {}

    public record CustomerCard(long id, String contractNumber, String name, String mobile, List<String> otherPhones,
                               String email, String address, String serviceArea, String plan, List<String> services,
                               String status, String language) {}

    /** What the caller did in the menu. {@code steps} are human-readable lines: "pressed 1 (technical failure)". */
    public record MenuTrail(String language, List<String> steps, boolean identified, boolean verified, String intent,
                            int priority, String tier, long waitedSeconds) {}

    public record TicketSummary(String ticketId, String subject, String tier, String state, Instant openedAt,
                                Instant dueAt) {}

    public record Contact(Instant at, String channel, String summary, String ticketId) {}

    public record OutageInfo(String area, String description, Instant expectedEnd) {}

    public record QueueStats(String queue, String tier, int waiting, long longestWaitSeconds,
                             long estimatedWaitSeconds, double serviceLevelPercent, long targetSeconds,
                             long averageSpeedOfAnswerSeconds, long averageHandleSeconds, double abandonRatePercent,
                             int callbacksPending, boolean breached) {}

    public record OperatorRow(String login, String name, OperatorState state, String reason, Instant since,
                              List<String> skills, List<String> languages, String currentCallId) {}

    public record Alert(Instant at, String severity, String text, String tier, String queue) {}

    public record KbArticle(long id, String title, String snippet) {}
}
