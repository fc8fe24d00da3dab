package com.webriskops.webhooks.jdbi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs the annotated test class once per {@link TestDatabase}, named after it; the class takes the
 * constant in a {@link org.junit.jupiter.params.Parameter @Parameter} field.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
@interface OnEveryTestDatabase {}
