package com.webriskops.webhooks.samples.quickstart;

// tag::servlet-setup[]
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.servlet.WebRiskOpsWebhookFilter;
import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

// end::servlet-setup[]
/** Puts the kit's filter in front of everything under {@code /webhooks/}. */
// tag::servlet-setup[]
@WebListener
public class WebhooksSetup implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        WebhookReceiver<?> receiver = WebhookReceiver.builder()
                .secrets(WebhookSecret.of(System.getenv("WEBRISKOPS_WEBHOOK_SECRET")))
                .build();
        FilterRegistration.Dynamic filter =
                event.getServletContext().addFilter("webriskops-webhooks", new WebRiskOpsWebhookFilter(receiver));
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(null, false, "/webhooks/*");
    }
}
// end::servlet-setup[]
