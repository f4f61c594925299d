package dev.frontline.desktop.demo;

import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.net.ApiClient;
import dev.frontline.desktop.net.LiveConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's embedded server, reached like a remote one: loopback HTTP login and the live WebSocket. */
class EmbeddedDemoTest {
    @TempDir
    Path dir;

    @Test
    void startsOnLoopbackWithLoginsThatWorkOverTheRealProtocol() throws Exception {
        try (EmbeddedDemo demo = EmbeddedDemo.start(dir.resolve("demo.db"))) {
            assertThat(demo.url().getHost()).isEqualTo("127.0.0.1");
            // the web callback form the demo shows is served by this demo (its store, its port)
            java.net.http.HttpResponse<String> form = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(demo.formUrl()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(form.statusCode()).isEqualTo(200);
            assertThat(form.body()).contains("<form");
            assertThat(demo.formUrl().toString()).isEqualTo(demo.url() + "callback");
            ApiClient client = new ApiClient(demo.url(), Runnable::run);

            Views.LoginResponse sup = client.login(demo.supervisor().login(), demo.supervisor().password())
                    .get(20, TimeUnit.SECONDS);
            assertThat(sup.role()).isEqualTo("supervisor");
            CompletableFuture<ServerMessage.QueueSnapshot> snapshot = new CompletableFuture<>();
            try (LiveConnection live = client.connect(sup, m -> {
                if (m instanceof ServerMessage.QueueSnapshot s && !s.operators().isEmpty()) snapshot.complete(s);
            })) {
                ServerMessage.QueueSnapshot s = snapshot.get(30, TimeUnit.SECONDS);
                assertThat(s.queues()).isNotEmpty();
            }

            // the desktop's HTTP queries read the real server's answers
            assertThat(client.searchCustomers(sup, "10000001").get(20, TimeUnit.SECONDS)).isNotEmpty();
            assertThat(client.callbacks(sup).get(20, TimeUnit.SECONDS)).isNotNull();
            assertThat(client.knowledgeBase(sup, "router").get(20, TimeUnit.SECONDS)).isNotEmpty();

            Views.LoginResponse op = client.login(demo.operator().login(), demo.operator().password())
                    .get(20, TimeUnit.SECONDS);
            assertThat(op.role()).isEqualTo("operator");
        }
    }

    /**
     * The desktop's operator is left to its human: the simulation used to make it Ready at start, so the ACD rang it
     * before the window was up; it showed "Missed" and its own Ready was refused ("the operator is on a call").
     */
    @Test
    void theDesktopsOperatorIsNotSimulatedWhileTheOthersWork() throws Exception {
        try (EmbeddedDemo demo = EmbeddedDemo.start(dir.resolve("demo.db"))) {
            ApiClient client = new ApiClient(demo.url(), Runnable::run);
            Views.LoginResponse sup = client.login(demo.supervisor().login(), demo.supervisor().password())
                    .get(20, TimeUnit.SECONDS);
            CompletableFuture<ServerMessage.QueueSnapshot> working = new CompletableFuture<>();
            try (LiveConnection live = client.connect(sup, m -> {
                if (m instanceof ServerMessage.QueueSnapshot s
                        && s.operators().stream().filter(o -> o.state() != dev.frontline.core.acd.OperatorState.OFFLINE).count() >= 5) {
                    working.complete(s); // the simulated operators are at work (they start within 2 s)
                }
            })) {
                ServerMessage.QueueSnapshot s = working.get(30, TimeUnit.SECONDS);
                Thread.sleep(2500); // past the simulation's staggered start
                assertThat(s.operators()).anySatisfy(o -> assertThat(o.login()).isEqualTo(demo.operator().login()));
            }
            CompletableFuture<ServerMessage.QueueSnapshot> later = new CompletableFuture<>();
            try (LiveConnection live = client.connect(sup, m -> {
                if (m instanceof ServerMessage.QueueSnapshot s) later.complete(s);
            })) {
                assertThat(later.get(30, TimeUnit.SECONDS).operators())
                        .filteredOn(o -> o.login().equals(demo.operator().login()))
                        .extracting(Views.OperatorRow::state).containsExactly(dev.frontline.core.acd.OperatorState.OFFLINE);
            }
        }
    }
}
