package org.chatapp.apps.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiErrorTest {

    @Test
    void toJson_plainText_isTheContractShape() {
        assertThat(new ApiError("bad_request", "'text' is required").toJson())
                .isEqualTo("{\"error\":\"bad_request\",\"message\":\"'text' is required\"}");
    }

    @Test
    void toJson_quotesBackslashesAndControls_areEscaped() {
        assertThat(new ApiError("x", "a\"b\\c\nd\u0001").toJson()).isEqualTo("{\"error\":\"x\",\"message\":\"a\\\"b\\\\c\\nd\\u0001\"}");
    }

    @Test
    void toJson_markup_isEscapedSoNoPageRendersIt() {
        assertThat(new ApiError("x", "<script>").toJson()).doesNotContain("<script>").contains("\\u003cscript\\u003e");
    }
}
