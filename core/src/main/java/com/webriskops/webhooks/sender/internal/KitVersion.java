package com.webriskops.webhooks.sender.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The kit's version: from the jar's Maven metadata, else its manifest, else {@code dev}. */
final class KitVersion {
    private static final String POM_PROPERTIES =
            "/META-INF/maven/com.webriskops.webhooks/webriskops-webhooks-core/pom.properties";

    private KitVersion() {}

    static String get() {
        try (InputStream in = KitVersion.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (isUsable(version)) {
                    return version.strip();
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // Fall through to the manifest.
        }
        String manifest = KitVersion.class.getPackage().getImplementationVersion();
        return isUsable(manifest) ? manifest.strip() : "dev";
    }

    private static boolean isUsable(String version) {
        return version != null
                && !version.isBlank()
                && version.strip().chars().allMatch(c -> c > 0x20 && c <= 0x7e && c != '/');
    }
}
