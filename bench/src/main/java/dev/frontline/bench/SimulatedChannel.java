package dev.frontline.bench;

import dev.frontline.server.asterisk.peer.FakeAsteriskAgi;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One caller on a fake Asterisk channel: listens to prompts (answered after their play time), presses 1 in the menu,
 * waits on hold (WAIT FOR DIGIT answered after its full timeout), talks to the operator, hears thanks. A share of
 * operators do not answer, a share of callers hang up in the queue. Measures, for every command, the time from its
 * reply leaving to the next command arriving: the server's added latency.
 */
final class SimulatedChannel implements Runnable {
    private static final Duration READ = Duration.ofSeconds(60);

    private final int port;
    private final String uniqueId;
    private final String callerId;
    private final LoadModel model;
    private final LatencyRecorder latency;
    private final Results results;

    /** Timings and shares of the simulated traffic. */
    record LoadModel(long promptMs, long digitMs, long menuMs, long talkMinMs, long talkMaxMs, long ringNoAnswerMs,
                     double noAnswerShare, double abandonShare) {}

    SimulatedChannel(int port, String uniqueId, String callerId, LoadModel model, LatencyRecorder latency,
                     Results results) {
        this.port = port;
        this.uniqueId = uniqueId;
        this.callerId = callerId;
        this.model = model;
        this.latency = latency;
        this.results = results;
    }

    @Override
    public void run() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        boolean abandons = rnd.nextDouble() < model.abandonShare();
        int holdSlicesBeforeAbandon = 2 + rnd.nextInt(4);
        String dialStatus = "ANSWER";
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(port, "support", uniqueId, callerId)) {
            results.connected();
            long sentAt = 0;
            int holdSlices = 0;
            boolean onHold = false;
            boolean talked = false;
            while (true) {
                String cmd = agi.nextCommand(READ);
                if (cmd == null) {
                    results.closedEarly();
                    return;
                }
                if (sentAt != 0) {
                    latency.record(System.nanoTime() - sentAt);
                }
                if (cmd.startsWith("SET VARIABLE \"AJ_AGISTATUS\"")) {
                    agi.reply("1");
                    results.completed(uniqueId);
                    return;
                }
                if (cmd.startsWith("SET MUSIC")) {
                    onHold = cmd.startsWith("SET MUSIC ON");
                    agi.reply("0");
                } else if (cmd.startsWith("ANSWER")) {
                    agi.reply("0");
                } else if (cmd.startsWith("STREAM FILE")) {
                    sleep(cmd.contains("/digits/") ? model.digitMs() : model.promptMs());
                    agi.reply("0 endpos=8000");
                } else if (cmd.startsWith("GET DATA")) {
                    sleep(model.menuMs());
                    agi.reply(talked ? "5" : "1");
                } else if (cmd.startsWith("WAIT FOR DIGIT")) {
                    long timeout = Long.parseLong(cmd.substring("WAIT FOR DIGIT ".length()).trim());
                    if (onHold) {
                        sleep(timeout);
                        if (abandons && ++holdSlices >= holdSlicesBeforeAbandon) {
                            agi.hangUp();
                            results.abandoned();
                        }
                        agi.reply("0");
                    } else { // a menu (1 = technical) or, after the operator, the rating (5)
                        sleep(Math.min(timeout, model.menuMs()));
                        agi.reply(FakeAsteriskAgi.key(talked ? '5' : '1'));
                    }
                } else if (cmd.startsWith("EXEC \"Dial\"")) {
                    if (rnd.nextDouble() < model.noAnswerShare()) {
                        dialStatus = "NOANSWER";
                        sleep(model.ringNoAnswerMs());
                    } else {
                        dialStatus = "ANSWER";
                        talked = true;
                        sleep(rnd.nextLong(model.talkMinMs(), model.talkMaxMs() + 1));
                    }
                    agi.reply("0");
                } else if (cmd.startsWith("GET VARIABLE \"DIALSTATUS\"")) {
                    agi.reply("1 (" + dialStatus + ")");
                } else if (cmd.startsWith("HANGUP")) {
                    agi.reply("1");
                    agi.hangUp(); // as Asterisk: the channel is gone for every later command
                } else {
                    results.unexpected(cmd);
                    agi.reply("0");
                }
                sentAt = System.nanoTime();
            }
        } catch (IOException e) {
            results.failed(uniqueId, e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
