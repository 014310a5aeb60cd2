package com.acme.im.logic.conversation;

import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.repo.v1.CheckMembershipRequest;
import com.acme.im.proto.repo.v1.CheckMembershipResponse;
import com.acme.im.proto.repo.v1.EnsureConversationRequest;
import com.acme.im.proto.repo.v1.CheckMembershipResult;
import com.acme.im.proto.repo.v1.CheckMembershipsRequest;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.GrpcErrors;
import com.acme.im.runtime.error.ImException;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 会话成员关系判定。单聊的成员由 ID 本身决定且永不改变，首次发消息时建会话并记入本地缓存，
 * 之后同一单聊的消息不再为成员检查访问 repo；群聊与世界聊天室的成员会变化，每次都查 repo。
 */
@Singleton
public class MembershipService {

    private static final int SINGLE_CACHE_SIZE = 100_000;
    /** repo 批量成员检查每次最多的项数。 */
    private static final int MAX_CHECKS = 1000;

    private final RepoClients repo;
    private final Map<String, Boolean> ensuredSingles = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > SINGLE_CACHE_SIZE;
        }
    });

    public MembershipService(RepoClients repo) {
        this.repo = repo;
    }

    /**
     * 读权限检查（历史消息、已读）：单聊两方总可读（会话尚未建立时只是没有消息）。
     */
    public Membership checkRead(long userId, ConversationId id) {
        if (id.isSingle()) {
            if (!id.isParticipant(userId)) {
                throw new ImException(id.notMemberCode(), "not a member of this conversation");
            }
            return new Membership(id, 2);
        }
        return checkRepo(userId, id);
    }

    /**
     * 写权限检查（发消息）：单聊首条消息时确认对方存在（否则 2000）并建立会话记录。
     */
    public Membership checkWrite(long userId, ConversationId id) {
        if (!id.isSingle()) {
            CheckMembershipResponse r = repo.conversations().checkMembership(CheckMembershipRequest.newBuilder()
                    .setUserId(userId).setConversationId(id.value()).build());
            ImException refused = writeRefusal(id, r);
            if (refused != null) {
                throw refused;
            }
            return new Membership(id, r.getMemberCount(), r.getGroupRoleValue());
        }
        if (!id.isParticipant(userId)) {
            throw new ImException(id.notMemberCode(), "not a member of this conversation");
        }
        if (!ensuredSingles.containsKey(id.value())) {
            // 单聊成员由 ID 决定，无需查 repo；每个单聊在本进程只需建立一次会话记录
            ensureSingle(id, userId);
        }
        return new Membership(id, 2);
    }

    /** 建立单聊：两方都得到会话记录；对方不存在时 repo 的 EnsureConversation 返回 2000，原样上抛。 */
    public void ensureSingle(ConversationId id, long userId) {
        id.peerOf(userId);
        repo.conversations().ensureConversation(EnsureConversationRequest.newBuilder()
                .setConversationId(id.value())
                .setType(id.type())
                .addUserIds(id.smallUser())
                .addUserIds(id.largeUser())
                .build());
        ensuredSingles.put(id.value(), Boolean.TRUE);
    }

    /**
     * 一批写权限检查：单聊在本地判定（首条消息时建会话），群聊与世界聊天室的全部（用户，会话）
     * 合并为一次 CheckMemberships 调用（repo 从 Redis 缓存应答，成员变化时 repo 删缓存，因此不会读到过期结果）。
     * 每项的结果是 Membership 或该项的 ImException；repo 不可用等基础设施错误整体抛出。
     */
    public Map<MemberKey, Object> checkWriteAll(Collection<MemberKey> keys) {
        Map<MemberKey, Object> out = new HashMap<>();
        List<MemberKey> remote = new ArrayList<>();
        for (MemberKey k : new LinkedHashSet<>(keys)) {
            if (k.conversation().isSingle()) {
                try {
                    out.put(k, checkWrite(k.userId(), k.conversation()));
                } catch (RuntimeException e) {
                    ImException im = GrpcErrors.fromThrowable(e);
                    if (isInfrastructure(im)) {
                        throw im;
                    }
                    out.put(k, im);
                }
            } else {
                remote.add(k);
            }
        }
        for (int from = 0; from < remote.size(); from += MAX_CHECKS) {
            List<MemberKey> chunk = remote.subList(from, Math.min(remote.size(), from + MAX_CHECKS));
            CheckMembershipsRequest.Builder request = CheckMembershipsRequest.newBuilder();
            chunk.forEach(k -> request.addChecks(CheckMembershipRequest.newBuilder()
                    .setUserId(k.userId()).setConversationId(k.conversation().value())));
            List<CheckMembershipResult> results;
            try {
                results = repo.conversations().checkMemberships(request.build()).getResultsList();
            } catch (RuntimeException e) {
                throw GrpcErrors.fromThrowable(e);
            }
            for (int i = 0; i < chunk.size(); i++) {
                MemberKey k = chunk.get(i);
                CheckMembershipResult r = results.get(i);
                if (r.getErrorCode() != 0) {
                    out.put(k, new ImException(ErrorCode.of(r.getErrorCode()), r.getErrorMessage()));
                } else {
                    ImException refused = writeRefusal(k.conversation(), r.getMembership());
                    out.put(k, refused != null ? refused
                            : new Membership(k.conversation(), r.getMembership().getMemberCount(),
                                    r.getMembership().getGroupRoleValue()));
                }
            }
        }
        return out;
    }

    /**
     * 写权限的判定：不是成员 → 4001/1003；群已解散 → 4003（会话只读）；被禁言 → 4004。
     * 解散与禁言状态随同一次成员检查从 repo 返回，不为每条消息多一次调用。
     */
    private static ImException writeRefusal(ConversationId id, CheckMembershipResponse r) {
        if (!r.getMember()) {
            return new ImException(id.notMemberCode(), id.isGroup() ? "not a group member" : "not a member of this conversation");
        }
        if (r.getDissolved()) {
            return new ImException(ErrorCode.GROUP_DISSOLVED, "the group is dissolved; the conversation is read-only");
        }
        if (r.getMuted()) {
            return new ImException(ErrorCode.MEMBER_MUTED, "you are muted in this group");
        }
        return null;
    }

    private static boolean isInfrastructure(ImException e) {
        return e.errorCode() == ErrorCode.UNAVAILABLE || e.errorCode() == ErrorCode.INTERNAL;
    }

    /** 批量检查的键：（用户，会话）。 */
    public record MemberKey(long userId, ConversationId conversation) {
    }

    private Membership checkRepo(long userId, ConversationId id) {
        CheckMembershipResponse r = repo.conversations().checkMembership(CheckMembershipRequest.newBuilder()
                .setUserId(userId).setConversationId(id.value()).build());
        if (!r.getMember()) {
            throw new ImException(id.notMemberCode(), id.isGroup() ? "not a group member" : "not a member of this conversation");
        }
        return new Membership(id, r.getMemberCount());
    }
}
