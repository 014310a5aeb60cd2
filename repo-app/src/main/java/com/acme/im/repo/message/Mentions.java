package com.acme.im.repo.message;

import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.limits.Limits;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * 一条消息的 @ 列表：@所有人 与被 @ 的用户 ID（去重、保持顺序）。
 * 存在 messages.mentions 里：逗号分隔，all 在最前，例如 "all,12,34"；空串表示没有 @。
 *
 * @param all     是否 @所有人
 * @param userIds 被 @ 的用户 ID
 */
public record Mentions(boolean all, List<Long> userIds) {

    /** 没有 @。 */
    public static final Mentions NONE = new Mentions(false, List.of());

    /** 原样保存（入参来自 gRPC 时尚未校验，逐条保存时再用 {@link #normalized()} 校验）。 */
    public Mentions {
        userIds = List.copyOf(userIds);
    }

    /** 由入参构造：去重；ID 非正或条目（all 计一个）超过 {@link Limits#MAX_MENTIONS} 时报 3010。 */
    public static Mentions of(boolean all, Collection<Long> userIds) {
        if (!all && userIds.isEmpty()) {
            return NONE;
        }
        LinkedHashSet<Long> ids = new LinkedHashSet<>();
        for (Long id : userIds) {
            if (id == null || id <= 0) {
                throw new ImException(ErrorCode.INVALID_MENTIONS, "mentioned user ids must be positive");
            }
            ids.add(id);
        }
        if (ids.size() + (all ? 1 : 0) > Limits.MAX_MENTIONS) {
            throw new ImException(ErrorCode.INVALID_MENTIONS, "at most " + Limits.MAX_MENTIONS + " mentions per message");
        }
        return new Mentions(all, new ArrayList<>(ids));
    }

    /** 校验并规范化（去重）；不合法时报 3010。 */
    public Mentions normalized() {
        return of(all, userIds);
    }

    /** 是否没有任何 @。 */
    public boolean isEmpty() {
        return !all && userIds.isEmpty();
    }

    /** 列值形式。 */
    public String encode() {
        if (isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(all ? Limits.MENTION_ALL : "");
        for (long id : userIds) {
            sb.append(sb.isEmpty() ? "" : ",").append(id);
        }
        return sb.toString();
    }

    /** 解析列值；无法识别的片段忽略（列只由 {@link #encode()} 写入）。 */
    public static Mentions decode(String column) {
        if (column == null || column.isEmpty()) {
            return NONE;
        }
        boolean all = false;
        List<Long> ids = new ArrayList<>();
        for (String part : column.split(",")) {
            if (Limits.MENTION_ALL.equals(part)) {
                all = true;
            } else if (!part.isEmpty()) {
                try {
                    ids.add(Long.parseLong(part));
                } catch (NumberFormatException e) {
                    // 跳过损坏的片段，不让一条坏数据拖垮整页历史
                }
            }
        }
        return new Mentions(all, ids);
    }
}
