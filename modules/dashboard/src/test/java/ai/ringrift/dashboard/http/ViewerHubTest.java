package ai.ringrift.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.runtime.http.StatusServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The event streams of the pages, on the JDK's HTTP server as the status endpoint runs it. */
class ViewerHubTest {
  final AtomicInteger state = new AtomicInteger();
  final ViewerHub hub =
      new ViewerHub(
          16, () -> List.of(ServerSentEvent.event("state", "{\"n\":" + state.get() + "}")));
  final StatusServer server = new StatusServer("127.0.0.1", 0);
  final HttpClient http = HttpClient.newHttpClient();
  final List<InputStream> streams = new CopyOnWriteArrayList<>();

  ViewerHubTest() {
    server.stream("/events", hub::open);
  }

  @AfterEach
  void close() throws IOException {
    hub.close();
    server.close();
    for (InputStream s : streams) {
      s.close();
    }
  }

  @Test
  void aNewPageGetsTheWholeStateThenEveryChangeAndBothPagesGetTheSame() throws Exception {
    state.set(1);
    List<String> first = listen();
    List<String> second = listen();
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.viewers() == 2);

    hub.publish(() -> List.of(ServerSentEvent.event("state", "{\"n\":2}")));

    for (List<String> lines : List.of(first, second)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("data: {\"n\":2}"));
      assertThat(lines)
          .containsSubsequence(
              "retry: 1000", "event: state", "data: {\"n\":1}", "event: state", "data: {\"n\":2}");
    }
  }

  @Test
  void droppedStreamsAreCountedOutAndAPageThatReconnectsGetsTheStateOfNow() throws Exception {
    listen();
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.viewers() == 1);

    hub.disconnectAll();
    state.set(7);
    List<String> again = listen();

    await().atMost(Duration.ofSeconds(10)).until(() -> again.contains("data: {\"n\":7}"));
    assertThat(hub.viewers()).isEqualTo(1);
  }

  @Test
  void aPageThatFallsTooFarBehindIsDroppedNotWaitedFor() throws Exception {
    HttpResponse<InputStream> stalled = open(); // never read: its messages pile up
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.viewers() == 1);
    String big = "x".repeat(64 * 1024);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              hub.publish(() -> List.of(ServerSentEvent.event("big", "\"" + big + "\"")));
              return hub.viewers() == 0;
            });
    stalled.body().close();
  }

  @Test
  void multiLineDataIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerSentEvent.event("state", "a\nb"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private HttpResponse<InputStream> open() throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/events")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/event-stream; charset=utf-8");
    streams.add(response.body());
    return response;
  }

  private List<String> listen() throws IOException, InterruptedException {
    InputStream body = open().body();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the stream ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    return lines;
  }
}
