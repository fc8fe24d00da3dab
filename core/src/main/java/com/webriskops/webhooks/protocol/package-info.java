/** Header names, schema ids, error codes and format rules of {@code ticket-export.webhook.v1}. */
package com.webriskops.webhooks.protocol;
