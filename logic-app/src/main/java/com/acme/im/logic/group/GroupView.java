package com.acme.im.logic.group;

import com.acme.im.proto.common.v1.Group;
import com.acme.im.proto.common.v1.GroupRole;

/**
 * 群组与调用者在其中的角色（非成员为 UNSPECIFIED）。
 *
 * @param group  群组
 * @param myRole 调用者角色
 */
public record GroupView(Group group, GroupRole myRole) {
}
