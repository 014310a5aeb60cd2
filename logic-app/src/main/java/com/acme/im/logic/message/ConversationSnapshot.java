package com.acme.im.logic.message;

import com.acme.im.logic.conversation.Membership;
import com.acme.im.proto.common.v1.Presence;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * 同一批上行记录中同一会话的成员检查结果与接收者在线状态快照。一批内同一会话的多条消息
 * 接收者相同，复用快照后每条消息只剩“保存”一次 repo 往返；快照只活到本批处理结束（通常几十毫秒），
 * 成员或在线变化最多晚这么久生效，而重连的客户端本就会按 after_seq 补拉。
 * 只在处理该会话的单个线程内使用，无需同步。
 */
public final class ConversationSnapshot {

    private final Map<Long, Membership> memberships = new HashMap<>();
    private List<Presence> presences;

    /** 发送者的成员检查结果，首次调用时加载。 */
    public Membership membership(long userId, LongFunction<Membership> loader) {
        Membership m = memberships.get(userId);
        if (m == null) {
            m = loader.apply(userId);
            memberships.put(userId, m);
        }
        return m;
    }

    /** 会话全部参与者的在线状态，首次调用时加载。 */
    public List<Presence> presences(Supplier<List<Presence>> loader) {
        if (presences == null) {
            presences = loader.get();
        }
        return presences;
    }
}
