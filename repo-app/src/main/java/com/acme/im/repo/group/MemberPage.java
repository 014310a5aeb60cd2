package com.acme.im.repo.group;

import java.util.List;

/**
 * 群成员的一页：按 user_id 升序，附带群成员总数。
 */
public record MemberPage(List<MemberRecord> members, boolean hasMore, int total) {
}
