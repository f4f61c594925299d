package dev.frontline.core.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One report: a row per interval and breakdown key, plus the period's self-service by menu step, callbacks, ratings
 * and operator time. Durations are in seconds; averages are null when nothing was counted.
 *
 * @param onLineTargetSeconds the target the service level is measured against
 */
public record CallReport(ReportQuery query, long onLineTargetSeconds, List<Row> rows, Map<String, Long> selfServedByStep,
                         Callbacks callbacks, Ratings ratings, Transfers transfers, List<OperatorTime> operatorTime,
                         List<AbandonedCaller> abandonedCallers, List<TicketLine> tickets, FirstContact firstContact) {

    /**
     * @param offered      calls that joined a queue
     * @param serviceLevel share (0..1) of offered calls answered within the on-line target
     * @param asa          average speed of answer (queued to answered)
     * @param aht          average handling time: answered to the end of the call
     * @param abandonWait  average wait of callers who hung up before an operator answered
     */
    public record Row(Instant start, String key, long calls, long offered, long answered, long abandoned,
                      Double abandonWait, long selfServed, Double serviceLevel, Double asa, Double aht,
                      long longestWait) {}

    public record Callbacks(long requested, long done, long failed, long pending) {}

    /** {@code counts[i]} is how many rated {@code i + 1}. */
    public record Ratings(long[] counts, Double average, Double shareOfFives) {}

    /**
     * @param line1Answered calls answered on line 1
     * @param line1To2      of those, passed to line 2 (the "one in seven")
     * @param line2To3      calls passed from line 2 to line 3
     */
    public record Transfers(long line1Answered, long line1To2, long line2To3, long other) {
        public Double shareLine1To2() {
            return line1Answered == 0 ? null : (double) line1To2 / line1Answered;
        }
    }

    /** Seconds an operator spent in each state, and on break per reason code, within the period. */
    public record OperatorTime(String operator, Map<String, Long> byState, Map<String, Long> breakByReason) {}

    /** A caller who hung up waiting and was neither answered nor called back since (the "abandoned today" list). */
    public record AbandonedCaller(String callId, String number, Instant queuedAt, Instant abandonedAt, long waited,
                                  String intent, String language) {}

    /**
     * Tickets opened in the period, per line they were worked on (an escalated ticket counts on each line it reached):
     * time to the first answer on the line (the first note, take, disposition or close by an operator; a ticket an
     * operator opened on a call is answered at once) and to resolution (the line's clock start to the close, on the
     * line that closed it), against the line's target. Averages in seconds, null when nothing was counted.
     *
     * @param reached             tickets that reached this line (opened on it or escalated to it)
     * @param answered            of those, answered on this line
     * @param answeredWithinTarget answered on this line within {@code targetSeconds} of reaching it
     * @param unansweredPastTarget not answered on this line and past the target now (or when it left the line)
     * @param resolved            closed while on this line
     */
    public record TicketLine(String line, long targetSeconds, long reached, long answered, long answeredWithinTarget,
                             long unansweredPastTarget, Double avgFirstAnswer, Long longestFirstAnswer, long resolved,
                             long resolvedWithinTarget, Double avgResolution) {}

    /**
     * First-contact resolution of the period's answered calls: a call is resolved at first contact when the same
     * customer (or, unidentified, the same number) did not call the desk again (a call that reached a queue) and its
     * ticket was not reopened within {@code days} days. Calls whose window has not passed yet are {@code pending},
     * not judged.
     *
     * @param rate resolved / judged; null when nothing was judged
     */
    public record FirstContact(int days, long answered, long judged, long resolved, long pending, Double rate) {}
}
