package com.acme.im.logic.contact;

import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.common.v1.Presence;
import com.acme.im.proto.repo.v1.CheckRelationsRequest;
import com.acme.im.proto.repo.v1.PairRelation;
import com.acme.im.proto.repo.v1.UserPair;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.GrpcErrors;
import com.acme.im.runtime.error.ImException;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * 用户对之间的拉黑与好友关系检查：打开单聊与在线状态查询时用；消息路径上的检查在 repo 的 SaveMessages 里。
 */
@Singleton
public class RelationService {

    /** repo CheckRelations 每次最多的用户对数。 */
    private static final int MAX_PAIRS = 1000;

    private final RepoClients repo;
    private final ContactConfiguration configuration;

    public RelationService(RepoClients repo, ContactConfiguration configuration) {
        this.repo = repo;
        this.configuration = configuration;
    }

    /** （发送者，单聊对方）。 */
    public record Pair(long userId, long otherUserId) {
    }

    /** 是否只允许好友之间单聊（消息路径上由 repo 的 SaveMessages 连同拉黑一起检查）。 */
    public boolean friendsOnly() {
        return configuration.isFriendsOnlySingleChat();
    }

    /** 打开单聊：只检查仅好友开关（拉黑不阻止打开会话，只拒收消息）。 */
    public void checkOpenSingle(long userId, long peerId) {
        if (!configuration.isFriendsOnlySingleChat()) {
            return;
        }
        PairRelation r = relations(List.of(new Pair(userId, peerId))).get(new Pair(userId, peerId));
        if (r == null || !r.getFriends()) {
            throw new ImException(ErrorCode.NOT_FRIENDS, "one-to-one chat is limited to friends");
        }
    }

    /**
     * 在线状态对拉黑双方互相隐藏：viewer 与某用户之间任一方拉黑了另一方，该用户显示为离线（没有 last_seen）。
     */
    public List<Presence> hideBlocked(long viewerId, List<Presence> presences) {
        if (viewerId <= 0 || presences.isEmpty()) {
            return presences;
        }
        List<Pair> pairs = presences.stream().map(p -> new Pair(viewerId, p.getUserId())).toList();
        Map<Pair, PairRelation> relations = relations(pairs);
        List<Presence> out = new ArrayList<>(presences.size());
        for (Presence p : presences) {
            PairRelation r = relations.get(new Pair(viewerId, p.getUserId()));
            boolean hidden = r != null && (r.getBlockedByOther() || r.getBlockingOther());
            out.add(hidden ? Presence.newBuilder().setUserId(p.getUserId()).setOnline(false).build() : p);
        }
        return out;
    }

    private Map<Pair, PairRelation> relations(Collection<Pair> pairs) {
        List<Pair> unique = new ArrayList<>(new LinkedHashSet<>(pairs));
        Map<Pair, PairRelation> out = new HashMap<>();
        for (int from = 0; from < unique.size(); from += MAX_PAIRS) {
            List<Pair> chunk = unique.subList(from, Math.min(unique.size(), from + MAX_PAIRS));
            CheckRelationsRequest.Builder request = CheckRelationsRequest.newBuilder();
            chunk.forEach(p -> request.addPairs(UserPair.newBuilder().setUserId(p.userId()).setOtherUserId(p.otherUserId())));
            List<PairRelation> results;
            try {
                results = repo.contacts().checkRelations(request.build()).getRelationsList();
            } catch (RuntimeException e) {
                throw GrpcErrors.fromThrowable(e);
            }
            for (int i = 0; i < chunk.size(); i++) {
                out.put(chunk.get(i), results.get(i));
            }
        }
        return out;
    }
}
