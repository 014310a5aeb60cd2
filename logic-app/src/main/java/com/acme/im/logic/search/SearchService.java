package com.acme.im.logic.search;

import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.logic.conversation.MembershipService;
import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.common.v1.Conversation;
import com.acme.im.proto.logic.v1.SearchMessagesResponse;
import com.acme.im.proto.repo.v1.GetUserConversationsRequest;
import com.acme.im.proto.repo.v1.GetUserConversationsResponse;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * 消息搜索的业务规则：校验参数；指定会话时先查成员关系（不是成员返回 1003）；
 * 不指定时把搜索范围限定为调用者所在的全部会话，所以永远搜不到别人的私聊。
 */
@Singleton
public class SearchService {

    /** 拉取会话列表的每页条数（repo 上限 100）。 */
    private static final int CONVERSATION_PAGE = 100;

    private final MessageSearchRepository repository;
    private final MembershipService membership;
    private final RepoClients repo;
    private final SearchConfiguration config;

    public SearchService(MessageSearchRepository repository, MembershipService membership, RepoClients repo,
                         SearchConfiguration config) {
        this.repository = repository;
        this.membership = membership;
        this.repo = repo;
        this.config = config;
    }

    /** 搜索一页；page 从 1 开始，pageSize 为 0 时取默认值。 */
    public SearchMessagesResponse search(long userId, String query, String conversationId, int page, int pageSize) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty() || q.codePointCount(0, q.length()) > config.getMaxQueryLength()) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "q must be 1-" + config.getMaxQueryLength() + " characters");
        }
        int p = page == 0 ? 1 : page;
        int size = pageSize == 0 ? config.getDefaultPageSize() : pageSize;
        if (p < 1 || size < 1 || size > config.getMaxPageSize() || (long) p * size > 10_000) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "page must be >= 1 and page_size 1-" + config.getMaxPageSize());
        }
        Set<String> scope;
        if (conversationId != null && !conversationId.isBlank()) {
            try {
                membership.checkRead(userId, ConversationId.parse(conversationId));
            } catch (ImException e) {
                // 搜索接口对"不在会话中"统一返回 1003（群聊的 4001 也归为 1003），参数错误原样返回
                if (e.errorCode() == ErrorCode.NOT_GROUP_MEMBER) {
                    throw new ImException(ErrorCode.FORBIDDEN, "not a member of this conversation");
                }
                throw e;
            }
            scope = Set.of(conversationId);
        } else {
            scope = conversationsOf(userId);
        }
        if (scope.isEmpty()) {
            return SearchMessagesResponse.getDefaultInstance();
        }
        return repository.search(q, scope, p, size);
    }

    /** 调用者所在的会话（分页取全，上限 max-conversations）。 */
    private Set<String> conversationsOf(long userId) {
        Set<String> ids = new LinkedHashSet<>();
        for (int page = 1; ids.size() < config.getMaxConversations(); page++) {
            GetUserConversationsResponse r = repo.conversations().getUserConversations(GetUserConversationsRequest.newBuilder()
                    .setUserId(userId).setPage(page).setPageSize(CONVERSATION_PAGE).build());
            for (Conversation c : r.getConversationsList()) {
                ids.add(c.getId());
            }
            if (r.getConversationsCount() < CONVERSATION_PAGE || ids.size() >= r.getTotal()) {
                break;
            }
        }
        return ids;
    }
}
