package com.acme.im.logic.message;

import com.acme.im.logic.LogicConfiguration;
import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.logic.conversation.Membership;
import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.common.v1.GroupMember;
import com.acme.im.proto.repo.v1.GetConversationMembersRequest;
import com.acme.im.proto.repo.v1.GetConversationMembersResponse;
import com.acme.im.proto.repo.v1.GetGroupMembersRequest;
import com.acme.im.proto.repo.v1.GetGroupMembersResponse;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * 新消息的接收者规则：单聊与不超过阈值的群/世界聊天室直接按网关投递（接收者 = 全部参与者，
 * 含发送者的其他设备）；超过阈值的改发扩散任务，由 fanout 函数分页投递。
 */
@Singleton
public class MessageRouter {

    private final RepoClients repo;
    private final int fanoutThreshold;
    private final int pageSize;

    public MessageRouter(RepoClients repo, LogicConfiguration configuration) {
        this.repo = repo;
        this.fanoutThreshold = configuration.getFanoutThreshold();
        this.pageSize = Math.max(1, Math.min(1000, configuration.getMemberPageSize()));
    }

    /** 判断是否走扩散任务：只对群聊与世界聊天室、且成员数超过阈值时。 */
    public boolean needsFanout(Membership membership) {
        return !membership.conversation().isSingle() && membership.memberCount() > fanoutThreshold;
    }

    /** 会话全部参与者（单聊为两方），与发送者无关，因此一批内同一会话只查一次。 */
    public List<Long> participants(ConversationId id) {
        List<Long> users = new ArrayList<>();
        if (id.isSingle()) {
            users.add(id.smallUser());
            users.add(id.largeUser());
        } else if (id.isGroup()) {
            collectGroupMembers(id.groupId(), users);
        } else {
            collectConversationMembers(id.value(), users);
        }
        return users;
    }

    private void collectGroupMembers(long groupId, List<Long> out) {
        long after = 0;
        while (true) {
            GetGroupMembersResponse page = repo.groups().getGroupMembers(GetGroupMembersRequest.newBuilder()
                    .setGroupId(groupId).setAfterUserId(after).setLimit(pageSize).build());
            for (GroupMember m : page.getMembersList()) {
                out.add(m.getUserId());
                after = Math.max(after, m.getUserId());
            }
            if (!page.getHasMore() || page.getMembersCount() == 0) {
                return;
            }
        }
    }

    private void collectConversationMembers(String conversationId, List<Long> out) {
        long after = 0;
        while (true) {
            GetConversationMembersResponse page = repo.conversations().getConversationMembers(GetConversationMembersRequest.newBuilder()
                    .setConversationId(conversationId).setAfterUserId(after).setLimit(pageSize).build());
            for (long userId : page.getUserIdsList()) {
                out.add(userId);
                after = Math.max(after, userId);
            }
            if (!page.getHasMore() || page.getUserIdsCount() == 0) {
                return;
            }
        }
    }
}
