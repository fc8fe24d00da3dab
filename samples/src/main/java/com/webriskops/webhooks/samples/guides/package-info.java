/**
 * The code the pages under {@code docs/} quote, compiled by the build: each page's Java blocks are
 * regions ({@code // tag::name[]}) of these sources, checked word for word by {@code
 * DocumentationSnippetsTest}.
 */
package com.webriskops.webhooks.samples.guides;
