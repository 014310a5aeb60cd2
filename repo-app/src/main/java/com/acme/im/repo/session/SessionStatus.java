package com.acme.im.repo.session;

/**
 * 访问令牌所属会话的状态，对应 CheckSessionResponse.State。
 */
public enum SessionStatus {
    /** 存在、属于该用户且未吊销。 */
    LIVE,
    /** 令牌族已吊销，或该访问令牌已被单独吊销。 */
    REVOKED,
    /** 从未签发，或属于其他用户。 */
    UNKNOWN
}
