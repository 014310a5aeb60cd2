package com.acme.im.logic.user;

import com.acme.im.logic.message.DisplayNameService;
import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.common.v1.User;
import com.acme.im.proto.repo.v1.GetUserRequest;
import com.acme.im.proto.repo.v1.UpdateUserRequest;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.limits.Limits;
import jakarta.inject.Singleton;

/**
 * 用户资料：按 ID 查公开资料，修改自己的昵称与头像。
 * 改名后 repo 已作废 Redis 中的用户缓存，这里再丢掉本实例推送显示名的缓存，之后的消息通知就带新昵称。
 */
@Singleton
public class ProfileService {

    private final RepoClients repo;
    private final DisplayNameService names;

    public ProfileService(RepoClients repo, DisplayNameService names) {
        this.repo = repo;
        this.names = names;
    }

    /** 按 ID 取用户；ID 非法 1001，不存在 2000。 */
    public User get(long targetUserId) {
        if (targetUserId <= 0) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "user id must be a positive number");
        }
        return repo.users().getUser(GetUserRequest.newBuilder().setUserId(targetUserId).build()).getUser();
    }

    /**
     * 修改调用者的资料。
     *
     * @param nickname  新昵称，null 表示不改；两端空白被去掉，1-64 字符、不含控制字符
     * @param avatarUrl 新头像，null 表示不改，空串表示清除；否则必须是 http(s) URL，最长 512
     */
    public User update(long userId, String nickname, String avatarUrl) {
        String nick = nickname == null ? null : nickname.strip();
        if (nick != null && !Limits.isNickname(nick)) {
            throw new ImException(ErrorCode.INVALID_PARAMETER,
                    "nickname must be 1-" + Limits.MAX_NICKNAME_CODE_POINTS + " characters without control characters");
        }
        if (avatarUrl != null && !avatarUrl.isEmpty() && !Limits.isAvatarUrl(avatarUrl)) {
            throw new ImException(ErrorCode.INVALID_PARAMETER,
                    "avatar_url must be an http(s) URL of at most " + Limits.MAX_AVATAR_URL + " characters");
        }
        if (nick == null && avatarUrl == null) {
            return get(userId);
        }
        User user = repo.users().updateUser(UpdateUserRequest.newBuilder()
                .setUserId(userId)
                .setNickname(nick == null ? "" : nick)
                .setAvatarUrl(avatarUrl == null ? "" : avatarUrl)
                .setClearAvatar(avatarUrl != null && avatarUrl.isEmpty())
                .build()).getUser();
        names.forgetUser(userId);
        return user;
    }
}
