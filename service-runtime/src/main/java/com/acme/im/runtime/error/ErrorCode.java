package com.acme.im.runtime.error;

import io.grpc.Status;

/**
 * 全系统唯一的错误码表（种子文档 001 的号段：1000 通用、2000 用户、3000 消息、4000 群组；5000 好友与拉黑为后加）。
 * 每个错误码同时给出 HTTP 状态与 gRPC 状态，保证 REST、WebSocket 与 gRPC 三处含义一致。
 */
public enum ErrorCode {
    INTERNAL(1000, 500, Status.Code.INTERNAL, "internal error"),
    INVALID_PARAMETER(1001, 400, Status.Code.INVALID_ARGUMENT, "invalid parameter"),
    UNAUTHORIZED(1002, 401, Status.Code.UNAUTHENTICATED, "unauthorized"),
    FORBIDDEN(1003, 403, Status.Code.PERMISSION_DENIED, "forbidden"),
    NOT_FOUND(1004, 404, Status.Code.NOT_FOUND, "not found"),
    RATE_LIMITED(1005, 429, Status.Code.RESOURCE_EXHAUSTED, "too many requests"),
    PAYLOAD_TOO_LARGE(1006, 413, Status.Code.INVALID_ARGUMENT, "payload too large"),
    UNAVAILABLE(1007, 503, Status.Code.UNAVAILABLE, "service unavailable"),
    /** 本实例已满（连接数到上限）或正在停机：换一个实例或稍后重试。 */
    SERVER_BUSY(1008, 503, Status.Code.UNAVAILABLE, "server busy"),
    /** 同一用户在本实例上的连接（设备）数已到上限：先关掉一个。 */
    TOO_MANY_DEVICES(1009, 429, Status.Code.RESOURCE_EXHAUSTED, "too many devices"),

    USER_NOT_FOUND(2000, 404, Status.Code.NOT_FOUND, "user not found"),
    USER_EXISTS(2001, 409, Status.Code.ALREADY_EXISTS, "username already exists"),
    INVALID_PASSWORD(2002, 401, Status.Code.UNAUTHENTICATED, "invalid username or password"),

    MESSAGE_NOT_FOUND(3000, 404, Status.Code.NOT_FOUND, "message not found"),
    DUPLICATE_MESSAGE(3001, 409, Status.Code.ALREADY_EXISTS, "duplicate message"),
    INVALID_MESSAGE(3002, 400, Status.Code.INVALID_ARGUMENT, "invalid message"),
    /** 只有发送者能做（编辑；撤回时群主/管理员除外）。 */
    NOT_MESSAGE_SENDER(3003, 403, Status.Code.PERMISSION_DENIED, "not the sender of this message"),
    /** 撤回或编辑的时间窗已过。 */
    MESSAGE_WINDOW_PASSED(3004, 403, Status.Code.FAILED_PRECONDITION, "time window for this change has passed"),
    /** 消息已撤回：不能再撤回或编辑。 */
    MESSAGE_RECALLED(3005, 409, Status.Code.FAILED_PRECONDITION, "message was recalled"),
    /** reply_to 不是同一会话中的消息。 */
    REPLY_TARGET_NOT_FOUND(3006, 400, Status.Code.INVALID_ARGUMENT, "reply_to is not a message of this conversation"),
    /** mentions 格式不对：不是用户 ID 或 all、超过 Limits.MAX_MENTIONS 个，或在非群聊里 @。 */
    INVALID_MENTIONS(3010, 400, Status.Code.INVALID_ARGUMENT, "invalid mentions"),
    /** 被 @ 的用户不是该群成员。 */
    MENTION_NOT_MEMBER(3011, 400, Status.Code.INVALID_ARGUMENT, "mentioned user is not a member of this group"),
    /** 只有群主、管理员能 @所有人。 */
    MENTION_ALL_FORBIDDEN(3012, 403, Status.Code.PERMISSION_DENIED, "only the group owner or an admin can mention all"),

    GROUP_NOT_FOUND(4000, 404, Status.Code.NOT_FOUND, "group not found"),
    NOT_GROUP_MEMBER(4001, 403, Status.Code.PERMISSION_DENIED, "not a group member"),
    GROUP_FULL(4002, 409, Status.Code.FAILED_PRECONDITION, "group is full"),
    /** 群已解散：会话只读，不能再发消息、加人或修改群设置。 */
    GROUP_DISSOLVED(4003, 409, Status.Code.FAILED_PRECONDITION, "group is dissolved"),
    /** 发送者在群内被禁言（单独禁言，或全员禁言且只是普通成员）。 */
    MEMBER_MUTED(4004, 403, Status.Code.PERMISSION_DENIED, "muted in this group"),

    /** 已经是好友：不能再发好友申请。 */
    ALREADY_FRIENDS(5000, 409, Status.Code.ALREADY_EXISTS, "already friends"),
    /** 不是好友：改备注、删好友的对象不是好友，或开启“仅好友单聊”时与非好友单聊。 */
    NOT_FRIENDS(5001, 403, Status.Code.FAILED_PRECONDITION, "not friends"),
    /** 好友申请已处理（接受、拒绝或撤回）：不能再改变它。 */
    FRIEND_REQUEST_CLOSED(5002, 409, Status.Code.FAILED_PRECONDITION, "friend request is no longer pending"),
    /** 对方已拉黑调用者：消息不保存不投递，也不能发好友申请。 */
    BLOCKED(5003, 403, Status.Code.PERMISSION_DENIED, "blocked by this user"),

    /** 文件不存在，或不属于这个会话（别的会话的文件一律当作不存在，不泄露它的存在）。 */
    FILE_NOT_FOUND(6000, 404, Status.Code.NOT_FOUND, "file not found"),
    /** 声明的大小超过该类文件的上限（Limits.MAX_IMAGE_BYTES / MAX_FILE_BYTES），或为 0。 */
    FILE_TOO_LARGE(6001, 413, Status.Code.INVALID_ARGUMENT, "file too large"),
    /** MIME 类型不在允许列表里（图片只允许 Limits.IMAGE_MIME_TYPES）。 */
    FILE_TYPE_NOT_ALLOWED(6002, 415, Status.Code.INVALID_ARGUMENT, "file type not allowed"),
    /** 对象尚未上传（complete 时存储里没有它），或消息引用了尚未 complete 的文件。 */
    FILE_NOT_UPLOADED(6003, 409, Status.Code.FAILED_PRECONDITION, "file not uploaded yet"),
    /** 上传的对象与申请时声明的大小或类型不符（图片还要能按声明的格式解出尺寸）。 */
    FILE_MISMATCH(6004, 400, Status.Code.INVALID_ARGUMENT, "uploaded object does not match the declared size or type"),
    /** 图片/文件消息的内容不是合法的文件引用 JSON，或图片消息引用的不是图片。 */
    INVALID_FILE_REFERENCE(6005, 400, Status.Code.INVALID_ARGUMENT, "invalid file reference"),
    /** 缩略图尚未生成（由任务异步生成，稍后重试），或该文件不是图片、没有缩略图。 */
    THUMBNAIL_NOT_READY(6006, 404, Status.Code.NOT_FOUND, "thumbnail not ready"),
    /** 对象存储暂不可用：可重试。 */
    STORAGE_UNAVAILABLE(6007, 503, Status.Code.UNAVAILABLE, "object storage unavailable"),

    /** 管理接口缺少管理员令牌，或令牌伪造、过期、其管理员已不存在。 */
    ADMIN_UNAUTHORIZED(7000, 401, Status.Code.UNAUTHENTICATED, "admin token required"),
    /** 拿用户令牌调用管理接口：管理员是独立账号，用户令牌在这里一律不认。 */
    ADMIN_ONLY(7001, 403, Status.Code.PERMISSION_DENIED, "admin account required"),
    /** 管理员用户名或密码错误（不区分是哪一个）。 */
    ADMIN_LOGIN_FAILED(7002, 401, Status.Code.UNAUTHENTICATED, "invalid admin username or password"),
    /** 用户已被封禁：密码正确也不能登录。 */
    USER_BANNED(7003, 403, Status.Code.PERMISSION_DENIED, "user is banned"),
    /** 审核命中不存在。 */
    AUDIT_HIT_NOT_FOUND(7004, 404, Status.Code.NOT_FOUND, "audit hit not found");

    private final int code;
    private final int httpStatus;
    private final Status.Code grpcStatus;
    private final String defaultMessage;

    ErrorCode(int code, int httpStatus, Status.Code grpcStatus, String defaultMessage) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.grpcStatus = grpcStatus;
        this.defaultMessage = defaultMessage;
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public Status.Code grpcStatus() {
        return grpcStatus;
    }

    public String defaultMessage() {
        return defaultMessage;
    }

    /** 按数值查找；未知数值一律视为内部错误，避免把对端的任意值透传给客户端。 */
    public static ErrorCode of(int code) {
        for (ErrorCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return INTERNAL;
    }
}
