package com.webriskops.webhooks.samples.apps;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
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
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setBaseResource(ResourceFactory.of(webapp).newClassLoaderResource("webapp"));
        webapp.setParentLoaderPriority(true);
        webapp.setThrowUnavailableOnStartupException(true);
        return LoopbackJetty.start(port, webapp);
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
