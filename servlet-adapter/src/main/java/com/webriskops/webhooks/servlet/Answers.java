package com.webriskops.webhooks.servlet;

import com.webriskops.webhooks.receiver.HttpAnswer;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes core's answers to a servlet response, bytes unchanged. */
final class Answers {
    private Answers() {}

    static void write(HttpAnswer answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        answer.headers().forEach(response::setHeader);
        response.setContentLength(answer.bodyLength());
        ServletOutputStream out = response.getOutputStream();
        out.write(answer.body());
        out.flush();
    }
}
