package io.jvitess.topo;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Small helpers shared by the topo tests. */
public final class TopoAssertions {

    private TopoAssertions() {
    }

    public static void assertTopoError(ThrowingCallable call, TopoErrorCode code) {
        assertThatThrownBy(call)
                .isInstanceOf(TopoException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((TopoException) e).code()).isEqualTo(code));
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
