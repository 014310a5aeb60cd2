package com.acme.im.logic.conversation;

import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.repo.v1.CheckMembershipRequest;
import com.acme.im.proto.repo.v1.CheckMembershipResponse;
import com.acme.im.proto.repo.v1.EnsureConversationRequest;
import com.acme.im.runtime.error.ImException;
import jakarta.inject.Singleton;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 会话成员关系判定。单聊的成员由 ID 本身决定且永不改变，首次发消息时建会话并记入本地缓存，
 * 之后同一单聊的消息不再为成员检查访问 repo；群聊与世界聊天室的成员会变化，每次都查 repo。
 */
@Singleton
public class MembershipService {

    private static final int SINGLE_CACHE_SIZE = 100_000;

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
            return checkRepo(userId, id);
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

    private Membership checkRepo(long userId, ConversationId id) {
        CheckMembershipResponse r = repo.conversations().checkMembership(CheckMembershipRequest.newBuilder()
                .setUserId(userId).setConversationId(id.value()).build());
        if (!r.getMember()) {
            throw new ImException(id.notMemberCode(), id.isGroup() ? "not a group member" : "not a member of this conversation");
        }
        return new Membership(id, r.getMemberCount());
    }
}
