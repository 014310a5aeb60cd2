package com.acme.im.runtime.limits;

/**
 * 输入上限的唯一定义处：网关（REST 校验注解、WebSocket 帧解析）、logic 与 repo 都引用这里，
 * 任何一层都不会接受另一层会拒绝的输入。docs/architecture.md 的 Limits 一节列出同一张表。
 */
public final class Limits {

    /** 消息内容最多的字符数，按 Unicode 码点计（中文与 emoji 各算一个）。 */
    public static final int MAX_CONTENT_CODE_POINTS = 4096;
    /** client_msg_id 的最大长度；只允许可打印 ASCII（0x21-0x7E）。 */
    public static final int MAX_CLIENT_MSG_ID = 64;
    /** 历史消息每页条数上限。 */
    public static final int MAX_HISTORY_PAGE = 100;
    /** 历史消息默认每页条数。 */
    public static final int DEFAULT_HISTORY_PAGE = 50;
    /** 客户端可发送的最大消息类型编号：1 文本、2 图片、3 文件（4 系统消息只能由服务端产生）。 */
    public static final int MAX_CLIENT_MESSAGE_TYPE = 3;

    private Limits() {
    }

    /** 客户端能否发送该类型的消息。 */
    public static boolean isClientMessageType(int type) {
        return type >= 1 && type <= MAX_CLIENT_MESSAGE_TYPE;
    }

    /** client_msg_id 是否合法：1..64 个可打印 ASCII 字符。 */
    public static boolean isClientMsgId(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_CLIENT_MSG_ID) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** 内容长度（码点）是否在上限内。 */
    public static boolean isContentWithinLimit(String content) {
        return content.codePointCount(0, content.length()) <= MAX_CONTENT_CODE_POINTS;
    }
}
