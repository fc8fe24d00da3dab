package com.webriskops.webhooks.servlet.it.tomcat;

import com.webriskops.webhooks.servlet.testing.ServletContainerUnderTest;
import jakarta.servlet.ServletContainerInitializer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * Embedded Tomcat on an ephemeral loopback port, the app registered through its initializer. This
 * directory is compiled twice: by servlet-tomcat-10 against Tomcat 10.1 and by servlet-tomcat-11 against
 * Tomcat 11 (the two share their packages).
 */
final class TomcatContainer implements ServletContainerUnderTest {
    @Override
    public Running start(ServletContainerInitializer app) throws Exception {
        Path baseDir = Files.createTempDirectory("tomcat-it");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", baseDir.toString());
        context.addServletContainerInitializer(app, null);
        tomcat.start();
        return new Running(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"), () -> {
            tomcat.stop();
            tomcat.destroy();
            deleteRecursively(baseDir);
        });
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
