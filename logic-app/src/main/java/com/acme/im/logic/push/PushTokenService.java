package com.acme.im.logic.push;

import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.repo.v1.PushToken;
import com.acme.im.proto.repo.v1.RegisterPushTokenRequest;
import com.acme.im.proto.repo.v1.RemovePushTokenRequest;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.limits.Limits;
import jakarta.inject.Singleton;

/**
 * 推送令牌规则：平台只能是 push-function 支持的几种，令牌与设备 ID 为有限长度的可打印 ASCII（上限见 Limits）；
 * 只能登记、删除调用者自己的令牌。令牌从别的账号转过来由 repo 在同一事务里完成。
 */
@Singleton
public class PushTokenService {

    private final RepoClients repo;

    public PushTokenService(RepoClients repo) {
        this.repo = repo;
    }

    /** 登记（覆盖）调用者某设备的令牌，并开启推送。 */
    public void register(long userId, String platform, String token, String deviceId) {
        checkDeviceId(deviceId);
        if (!Limits.isPushPlatform(platform)) {
            throw new ImException(ErrorCode.INVALID_PARAMETER,
                    "platform must be one of " + String.join(", ", Limits.PUSH_PLATFORMS));
        }
        if (!Limits.isPushToken(token)) {
            throw new ImException(ErrorCode.INVALID_PARAMETER,
                    "token must be 1-" + Limits.MAX_PUSH_TOKEN + " printable ASCII characters");
        }
        repo.pushSettings().registerPushToken(RegisterPushTokenRequest.newBuilder()
                .setToken(PushToken.newBuilder().setUserId(userId).setDeviceId(deviceId).setPlatform(platform).setToken(token))
                .setEnabled(true)
                .build());
    }

    /** 删除调用者某设备的令牌；没有该令牌时 repo 返回 1004。 */
    public void remove(long userId, String deviceId) {
        checkDeviceId(deviceId);
        repo.pushSettings().removePushToken(RemovePushTokenRequest.newBuilder()
                .setUserId(userId).setDeviceId(deviceId).build());
    }

    static void checkDeviceId(String deviceId) {
        if (!Limits.isDeviceId(deviceId)) {
            throw new ImException(ErrorCode.INVALID_PARAMETER,
                    "device_id must be 1-" + Limits.MAX_DEVICE_ID + " printable ASCII characters");
        }
    }
}
