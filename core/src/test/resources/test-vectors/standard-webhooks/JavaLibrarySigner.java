// Signs fixed messages with the official Java library, com.standardwebhooks:standardwebhooks:1.2.0
// (Webhook.sign), and prints one JSON object per line. Run by ../standard-webhooks-signatures.sh:
//   java -cp standardwebhooks-1.2.0.jar JavaLibrarySigner.java
// Nothing here uses the kit's code.
import com.standardwebhooks.Webhook;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

public class JavaLibrarySigner {
    public static void main(String[] args) throws Exception {
        // name, secret, id, timestamp, body (a Java string: the library signs its UTF-8 bytes)
        String[][] messages = {
            {"java-library-invoice", "whsec_" + b64(bytes(32, 7)), "msg_2Lh9KRb0pzN5OvPXxM5E4ZXU9hp", "1716475271",
                "{\"type\":\"invoice.paid\",\"timestamp\":\"2026-05-23T14:41:11Z\",\"data\":{\"amount\":4200,\"currency\":\"EUR\"}}"},
            {"java-library-utf8", "whsec_" + b64(bytes(24, 11)), "msg_2Lh9KRb0pzN5OvPXxM5E4ZXU9hq", "1716475272",
                "{\"type\":\"note.created\",\"data\":{\"text\":\"Caf\u00e9 \u2615 \u2014 \ud83d\uded2\"}}"},
            {"java-library-long-secret", "whsec_" + b64(bytes(64, 13)), "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
                "{\"test\": 2432232314}"},
            {"java-library-official-example", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                "1614265330", "{\"test\": 2432232314}"},
            {"java-library-rust-example", "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk",
                "1649367553", "{\"email\":\"test@example.com\",\"username\":\"test_user\"}"},
        };
        for (String[] m : messages) {
            String signature = new Webhook(m[1]).sign(m[2], Long.parseLong(m[3]), m[4]);
            System.out.println("{\"name\":\"" + m[0] + "\",\"secret\":\"" + m[1] + "\",\"id\":\"" + m[2]
                    + "\",\"timestamp\":\"" + m[3] + "\",\"body_base64\":\""
                    + b64(m[4].getBytes(StandardCharsets.UTF_8)) + "\",\"signature\":\"" + signature + "\"}");
        }
    }

    /** {@code n} bytes, each {@code (seed * 31 + i * 17) mod 256}: fixed, not random. */
    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i * 17);
        }
        return b;
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
