package com.webriskops.webhooks.servlet.it.webapp;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The scanner endpoint of {@code src/test/webapp-api}: answers 202 with a fresh id, so a replayed
 * answer is visibly the stored one; with {@code ?pad=N} the answer carries N more bytes.
 */
public class ScannerAnswerServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.getInputStream().readAllBytes();
        String pad = request.getParameter("pad");
        String padding = pad == null ? "" : "x".repeat(Integer.parseInt(pad));
        byte[] body =
                ("{\"id\":\"" + UUID.randomUUID() + "\",\"pad\":\"" + padding + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(202);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
