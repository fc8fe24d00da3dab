package com.webriskops.webhooks.samples.apps;

import java.net.URI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The examples' embedded Jetty 12: one connector on {@code 127.0.0.1}, one handler. */
final class LoopbackJetty {
    private LoopbackJetty() {}

    /**
     * Starts Jetty on {@code 127.0.0.1:port} (0 for a free port) with {@code handler}, and stops it again
     * when it does not start.
     *
     * @return the started server; its endpoint is {@code /webhooks/webriskops} on the port it got
     * @throws Exception if Jetty or the handler does not start (a failure to stop is suppressed in it)
     */
    static RunningServer start(int port, Handler handler) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(handler);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
        URI endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/webhooks/webriskops");
        return new RunningServer(endpoint, server::stop);
    }
}
