package dev.frontline.core.acd;

import dev.frontline.core.call.CallConnector;
import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcAcdEventLog;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The process {@link AcdRestartTest} kills: an ACD on a SQLite file (or a PostgreSQL database) under steady traffic (callers queue, some take
 * a callback, three operators answer and hang up). It prints {@code ACK <callId>} once a call's CallQueued event is
 * logged, {@code CB <callId>} once its callback is, and runs until killed.
 */
public final class AcdRestartChild {
    private AcdRestartChild() {}

    public static void main(String[] args) throws Exception {
        String store = args[0]; // a SQLite file, or a PostgreSQL JDBC URL (user and password postgres: the test server)
        String prefix = args[1];
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        AcdFixtures.Directory operators = new AcdFixtures.Directory().add("anna").add("bob").add("carl");
        ScheduledExecutorService phones = Executors.newSingleThreadScheduledExecutor();
        AtomicReference<AcdService> ref = new AtomicReference<>();
        CallConnector connector = new CallConnector() {
            @Override
            public void connect(CallId callId, OperatorId operator, String endpoint) {
                phones.schedule(() -> ref.get().operatorAnswered(callId), 5, TimeUnit.MILLISECONDS);
                phones.schedule(() -> ref.get().callEnded(callId), 40, TimeUnit.MILLISECONDS);
                phones.schedule(() -> ref.get().endWrapUp(operator), 45, TimeUnit.MILLISECONDS);
            }

            @Override
            public void originateCallback(String attemptId, OperatorId operator, String endpoint, String number,
                                          String callerId) {
                phones.schedule(() -> ref.get().callbackAnswered(attemptId), 5, TimeUnit.MILLISECONDS);
                phones.schedule(() -> ref.get().callEnded(new CallId(attemptId)), 40, TimeUnit.MILLISECONDS);
                phones.schedule(() -> ref.get().endWrapUp(operator), 45, TimeUnit.MILLISECONDS);
            }
        };
        Database db = store.startsWith("jdbc:") ? Database.open(store, "postgres", "postgres")
                : Database.sqlite(Path.of(store));
        AcdService acd = new AcdService(AcdConfig.defaults(), Clock.systemUTC(), new JdbcAcdEventLog(db), operators,
                BusinessHours.always(), connector, new RecordingSms(), new CallbackNotices("")).start(true);
        ref.set(acd);
        acd.subscribe(e -> {
            if (e instanceof AcdEvent.CallQueued q) {
                out.println("ACK " + q.callId());
            } else if (e instanceof AcdEvent.CallbackQueued c && c.fromCall().isPresent()) {
                out.println("CB " + c.fromCall().get());
            }
        });
        for (String op : new String[]{"anna", "bob", "carl"}) {
            acd.setOperatorState(new OperatorId(op), OperatorState.READY, "");
        }
        Intent[] intents = Intent.values();
        for (int n = 0; ; n++) {
            CallId id = new CallId(prefix + "-" + n);
            acd.enqueue(AcdFixtures.call(id.value(), intents[n % 3], Clock.systemUTC().instant()));
            if (n % 4 == 3) {
                try {
                    acd.keepPlaceByCallback(id, "+3706" + String.format("%07d", n));
                } catch (NotConfirmed refused) {
                    // already with an operator: nothing kept, nothing told
                }
            }
            Thread.sleep(3);
        }
    }
}
