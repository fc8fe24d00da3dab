package com.webriskops.webhooks.sender.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Failed exchanges are classified by the exception's class, whatever its message says. */
class ResponseClassifierTest {
    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new ConnectTimeoutException("Connect"), "connecting to the target timed out", false),
                Arguments.of(new HttpHostConnectException("timed out"), "could not connect to the target", false),
                Arguments.of(new ConnectException("read timed out"), "could not connect to the target", false),
                Arguments.of(new NoRouteToHostException(), "could not connect to the target", false),
                Arguments.of(new UnknownHostException("Connect"), "the target host does not resolve", false),
                Arguments.of(new SSLHandshakeException("Connect"), "the TLS handshake with the target failed", false),
                Arguments.of(new SSLException("timed out"), "the TLS handshake with the target failed", false),
                Arguments.of(
                        new SocketTimeoutException("Connect timed out"), "the target did not answer in time", true),
                Arguments.of(new InterruptedIOException("Connect"), "the target did not answer in time", true),
                Arguments.of(new SocketException("Connection reset"), "the connection to the target failed", true),
                Arguments.of(new IOException("Connect"), "the connection to the target failed", true));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void classifiesAFailureByItsType(IOException failure, String message, boolean requestSent) {
        ResponseClassifier.NetworkFailure classified = ResponseClassifier.classifyFailure(failure);

        assertThat(classified.message()).isEqualTo(message);
        assertThat(classified.requestSent()).isEqualTo(requestSent);
    }
}
