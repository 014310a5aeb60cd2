package com.acme.im.logic.device;

import com.acme.im.logic.auth.AuthService;
import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.logic.v1.Device;
import com.acme.im.proto.repo.v1.ListSessionsRequest;
import com.acme.im.proto.repo.v1.RemovePushTokenRequest;
import com.acme.im.proto.repo.v1.SessionInfo;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.GrpcErrors;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.limits.Limits;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * 设备管理：一台设备就是一个有效会话（令牌族）。远程登出复用登出的吊销路径（库中吊销、广播、关连接），
 * 并删掉该设备的推送令牌——被登出的手机不能继续收到这个账号的通知。
 * 只在调用者自己的会话里查找设备 ID，所以别人的设备与不存在的设备一样是 1004，不泄露其存在。
 */
@Singleton
public class DeviceService {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceService.class);

    private final RepoClients repo;
    private final AuthService auth;

    public DeviceService(RepoClients repo, AuthService auth) {
        this.repo = repo;
        this.auth = auth;
    }

    /** 调用者的有效会话，按登录时间倒序；currentSessionId 对应的一项标为本机。 */
    public List<Device> list(long userId, String currentSessionId) {
        List<Device> out = new ArrayList<>();
        for (SessionInfo s : sessions(userId)) {
            out.add(Device.newBuilder()
                    .setDeviceId(s.getDeviceId())
                    .setPlatform(s.getPlatform())
                    .setCreatedAt(s.getCreatedAt())
                    .setLastSeenAt(s.getLastSeenAt())
                    .setOnline(s.getGatewayIdsCount() > 0)
                    .addAllGatewayIds(s.getGatewayIdsList())
                    .setCurrent(!currentSessionId.isEmpty() && currentSessionId.equals(s.getSessionId()))
                    .build());
        }
        return out;
    }

    /**
     * 远程登出调用者的一台设备：该设备 ID 下的全部有效会话都被吊销（同一台设备可能登录过多次）。
     *
     * @return 被吊销的令牌族 ID
     */
    public List<String> revoke(long userId, String deviceId) {
        if (!Limits.isDeviceId(deviceId)) {
            throw new ImException(ErrorCode.INVALID_PARAMETER,
                    "device_id must be 1-" + Limits.MAX_DEVICE_ID + " printable ASCII characters");
        }
        List<String> matched = sessions(userId).stream()
                .filter(s -> deviceId.equals(s.getDeviceId()))
                .map(SessionInfo::getSessionId)
                .toList();
        if (matched.isEmpty()) {
            throw new ImException(ErrorCode.NOT_FOUND, "no signed-in device with this device_id");
        }
        // 先删推送令牌再吊销：中途失败时客户端重试仍能找到这些会话，不会留下一个再也删不掉的令牌
        removePushToken(userId, deviceId);
        matched.forEach(sid -> auth.revokeSession(userId, sid));
        return matched;
    }

    private List<SessionInfo> sessions(long userId) {
        return repo.sessions().listSessions(ListSessionsRequest.newBuilder().setUserId(userId).build()).getSessionsList();
    }

    /** 删除被登出设备的推送令牌；它没有登记过令牌（1004）是正常情况。 */
    private void removePushToken(long userId, String deviceId) {
        try {
            repo.pushSettings().removePushToken(RemovePushTokenRequest.newBuilder()
                    .setUserId(userId).setDeviceId(deviceId).build());
        } catch (RuntimeException e) {
            ImException im = GrpcErrors.fromThrowable(e);
            if (im.errorCode() != ErrorCode.NOT_FOUND) {
                LOG.warn("push token of revoked device {} of user {} not removed: {}", deviceId, userId, im.getMessage());
                throw im;
            }
        }
    }
}
