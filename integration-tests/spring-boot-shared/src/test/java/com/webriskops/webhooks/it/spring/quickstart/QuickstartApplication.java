package com.webriskops.webhooks.it.spring.quickstart;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A plain Spring Boot application with the starter: the quickstart controller and two more endpoints. */
@SpringBootApplication
public class QuickstartApplication {}
