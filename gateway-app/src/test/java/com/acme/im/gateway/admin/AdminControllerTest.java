package com.acme.im.gateway.admin;

import com.acme.im.proto.common.v1.User;
import com.acme.im.proto.repo.v1.AdminAuditHit;
import com.acme.im.proto.repo.v1.AdminUser;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * 管理接口的令牌读取与视图：没有 Bearer 令牌时不调用 logic 直接 7000；未封禁、未复核时相关字段省略。
 */
class AdminControllerTest {

    @Test
    void bearerTokenIsRequired() {
        assertEquals("abc.def.ghi", AdminController.token(HttpRequest.GET("/api/v1/admin/users")
                .header("Authorization", "Bearer abc.def.ghi")));
        assertEquals("t", AdminController.token(HttpRequest.GET("/").header("Authorization", "bearer t")));
        for (String bad : new String[]{null, "", "Bearer ", "Basic dXNlcjpwdw==", "Token x"}) {
            var request = HttpRequest.GET("/api/v1/admin/users");
            if (bad != null) {
                request.header("Authorization", bad);
            }
            assertEquals(ErrorCode.ADMIN_UNAUTHORIZED, assertThrows(ImException.class, () -> AdminController.token(request)).errorCode(),
                    String.valueOf(bad));
        }
    }

    @Test
    void viewsOmitWhatDoesNotApply() {
        AdminViews.UserView u = AdminViews.UserView.of(AdminUser.newBuilder()
                .setUser(User.newBuilder().setId(1).setUsername("u").setNickname("n")).build());
        assertNull(u.bannedAt());
        assertNull(u.bannedBy());
        assertNull(u.banReason());
        assertNull(u.avatarUrl());
        AdminViews.AuditHitView h = AdminViews.AuditHitView.of(AdminAuditHit.newBuilder().setId(3).addWords("w").build());
        assertNull(h.reviewVerdict());
        assertNull(h.reviewedAt());
        AdminViews.AuditHitView r = AdminViews.AuditHitView.of(AdminAuditHit.newBuilder().setId(3).setReviewVerdict("confirmed")
                .setReviewedAt(5).setReviewedBy(7).build());
        assertEquals("confirmed", r.reviewVerdict());
        assertEquals(7L, r.reviewedBy());
    }
}
