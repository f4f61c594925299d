package dev.frontline.core.acd;

/**
 * The wait-estimate formula (docs/decisions/0021-wait-estimate-model.md). A caller at position {@code k} waits
 * until the {@code k - 1} callers ahead have left and then one of the {@code N} staffed operators frees up. Handle
 * times are taken as exponential with mean {@code H} and patience as exponential with hazard {@code theta}, so
 * while {@code j} callers are ahead the next departure comes at rate {@code N/H + j*theta}, and
 * {@code E[wait] = sum_{j=0}^{k-1} 1 / (N/H + j*theta)}.
 */
public final class WaitModel {
    private WaitModel() {}

    /**
     * @param position        1-based place among the callers competing for the same operators
     * @param staffed         operators logged in for the queue (at least 1 is assumed)
     * @param handleSeconds   mean handle time (talk plus wrap-up)
     * @param hazardPerSecond abandonment rate per waiting caller per second (0 when nobody abandons)
     * @return expected remaining wait in seconds
     */
    public static double expectedWaitSeconds(int position, int staffed, double handleSeconds, double hazardPerSecond) {
        double serviceRate = Math.max(1, staffed) / Math.max(1.0, handleSeconds);
        double sum = 0;
        for (int j = 0; j < position; j++) {
            sum += 1.0 / (serviceRate + j * hazardPerSecond);
        }
        return sum;
    }
}
