package com.acme.im.logic.presence;

import com.acme.im.logic.LogicConfiguration;
import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.common.v1.Presence;
import com.acme.im.proto.repo.v1.GetUsersOnlineStatusRequest;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * 批量查询用户所在网关：按 repo 的上限（1000）分批，供路由与在线通知使用。
 */
@Singleton
public class PresenceQueryService {

    private final RepoClients repo;
    private final int batchSize;

    public PresenceQueryService(RepoClients repo, LogicConfiguration configuration) {
        this.repo = repo;
        this.batchSize = Math.max(1, Math.min(1000, configuration.getPresenceBatchSize()));
    }

    /** 查询一组用户的在线状态（去重，保持顺序）。 */
    public List<Presence> lookup(Collection<Long> userIds) {
        List<Long> ids = new ArrayList<>(new LinkedHashSet<>(userIds));
        List<Presence> result = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += batchSize) {
            List<Long> batch = ids.subList(from, Math.min(ids.size(), from + batchSize));
            result.addAll(repo.onlineStatus()
                    .getUsersOnlineStatus(GetUsersOnlineStatusRequest.newBuilder().addAllUserIds(batch).build())
                    .getPresencesList());
        }
        return result;
    }
}
