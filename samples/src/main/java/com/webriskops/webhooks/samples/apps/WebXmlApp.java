package com.webriskops.webhooks.samples.apps;

import java.net.URI;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * Example app: a webapp whose {@code WEB-INF/web.xml} (in this jar, under {@code webapp/}) alone
 * protects its webhook endpoint, deployed in embedded Jetty 12 (ee10) as a servlet container would.
 * {@code java -cp webriskops-webhooks-samples.jar com.webriskops.webhooks.samples.apps.WebXmlApp
 * [PORT]} with {@code WEBRISKOPS_WEBHOOK_SECRET} set; without it the deployment fails at start-up
 * with a message naming the variable.
 */
public final class WebXmlApp {
    private WebXmlApp() {}

    /**
     * Deploys the example webapp on {@code 127.0.0.1:port} (0 for a free port).
     *
     * @throws Exception if Jetty or the webapp does not start (a missing secret among the reasons)
     */
    public static RunningServer start(int port) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);

        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setBaseResource(ResourceFactory.of(webapp).newClassLoaderResource("webapp"));
        webapp.setParentLoaderPriority(true);
        webapp.setThrowUnavailableOnStartupException(true);
        server.setHandler(webapp);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        URI endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/webhooks/webriskops");
        return new RunningServer(endpoint, server::stop);
    }

    /**
     * Runs the example until the JVM stops.
     *
     * @param args optionally the port (default 8080)
     * @throws Exception if the webapp does not start
     */
    public static void main(String[] args) throws Exception {
        RunningServer server = start(args.length > 0 ? Integer.parseInt(args[0]) : 8080);
        System.out.println("Listening on " + server.endpoint()); // Jetty's threads keep the JVM running
    }
}
