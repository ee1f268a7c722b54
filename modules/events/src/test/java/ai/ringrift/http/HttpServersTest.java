package ai.ringrift.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answers over a raw socket, so the test sees what the JDK's client hides: when the answer leaves
 * and whether the connection stays open.
 */
class HttpServersTest {
  private HttpServer server;
  private ExecutorService threads;

  @BeforeEach
  void start() throws IOException {
    server = HttpServers.create("127.0.0.1", 0, 8, Optional.empty());
    threads = Executors.newFixedThreadPool(2);
    server.setExecutor(threads);
    var context =
        server.createContext(
            "/",
            exchange ->
                HttpServers.answer(
                    exchange, 405, "text/plain", "no\n".getBytes(StandardCharsets.UTF_8)));
    context
        .getFilters()
        .add(
            new BasicAuthFilter(
                "Test",
                HttpUsers.of(Map.of("reader", "pw"), HttpUsers.PLATFORM),
                (exchange, user, roles) -> Optional.empty(),
                BasicAuthFilter.TEXT));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    threads.shutdownNow();
  }

  @Test
  void aRefusalIsAnsweredOnlyOnceTheRequestBodyIsReadAndTheConnectionServesTheNextRequest()
      throws Exception {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(request("POST", 10, null).getBytes(StandardCharsets.US_ASCII));
      out.write("abc".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // the refusal waits for the rest of the body: answered before, the JDK's HTTPS server
      // reads that body after the answer, with the client's next request, and loses the request
      assertThatThrownBy(() -> socket.getInputStream().read())
          .isInstanceOf(SocketTimeoutException.class);
      out.write("defghij".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String refusal = answer(socket.getInputStream());
      assertThat(refusal)
          .startsWith("HTTP/1.1 401")
          .doesNotContainIgnoringCase("connection: close");

      out.write(request("POST", 4, "reader:pw").getBytes(StandardCharsets.US_ASCII));
      out.write("body".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(answer(socket.getInputStream())).startsWith("HTTP/1.1 405").endsWith("no\n");
    }
  }

  @Test
  void aBodyOverTheLimitIsNotReadAndTheConnectionClosesAfterTheAnswer() throws Exception {
    int length = HttpServers.MAX_UNREAD_BODY * 4;
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(request("POST", length, null).getBytes(StandardCharsets.US_ASCII));
      Thread writer =
          new Thread(
              () -> {
                try {
                  out.write(new byte[length]);
                  out.flush();
                } catch (IOException closedByTheServer) {
                  // the server stops reading and closes: expected
                }
              });
      writer.start();
      InputStream in = socket.getInputStream();
      assertThat(answer(in)).startsWith("HTTP/1.1 401").containsIgnoringCase("connection: close");
      assertThat(closed(in)).isTrue();
      writer.join(10_000);
    }
  }

  /** The server closed: end of stream, or a reset because the client's bytes went unread. */
  private static boolean closed(InputStream in) throws IOException {
    try {
      return in.read() == -1;
    } catch (SocketException reset) {
      return true;
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", server.getAddress().getPort());
    socket.setSoTimeout(1_000);
    return socket;
  }

  private static String request(String method, int length, String userInfo) {
    return method
        + " /subjects HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
        + length
        + "\r\n"
        + (userInfo == null ? "" : "Authorization: " + BasicAuthFilter.header(userInfo) + "\r\n")
        + "\r\n";
  }

  /** One answer: the status line and headers, then as many body bytes as its length says. */
  private static String answer(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b == -1) {
        throw new IOException("connection closed in the answer's head: " + head);
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return text + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
  }
}
