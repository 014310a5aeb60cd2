package com.acme.im.runtime.limits;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

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
    /** 一条消息最多 @ 的条目数（用户 ID 与 all 合计，去重后计）；messages.mentions 列按它留足长度。 */
    public static final int MAX_MENTIONS = 20;
    /** 帧里表示 @所有人 的取值。 */
    public static final String MENTION_ALL = "all";
    /** 同一用户在同一会话中“正在输入”最多每这么多毫秒转发一次，多出的提示在网关直接丢弃。 */
    public static final long TYPING_RELAY_INTERVAL_MS = 3000;

    /**
     * 推送平台（网关校验注解与 OpenAPI 直接引用这些常量）：push-function 把令牌原样交给推送服务，
     * 推送服务只认这两种。Apple APNs。
     */
    public static final String PUSH_PLATFORM_APNS = "apns";
    /** Firebase FCM。 */
    public static final String PUSH_PLATFORM_FCM = "fcm";
    /** 受支持平台的正则（整串匹配）。 */
    public static final String PUSH_PLATFORM_PATTERN = PUSH_PLATFORM_APNS + "|" + PUSH_PLATFORM_FCM;
    /** 同一组推送平台的列表形式。 */
    public static final List<String> PUSH_PLATFORMS = List.of(PUSH_PLATFORM_APNS, PUSH_PLATFORM_FCM);
    /** 推送令牌的最大长度（可打印 ASCII），与 push_tokens.token 列一致。 */
    public static final int MAX_PUSH_TOKEN = 512;
    /** 设备 ID 的最大长度（可打印 ASCII），与 auth_sessions.device_id、push_tokens.device_id 列一致。 */
    public static final int MAX_DEVICE_ID = 128;
    /**
     * 设备 ID 的正则（供校验注解用，{@link #isDeviceId} 用同一个）：字母、数字与 URL 路径里不必转义的 . _ ~ : @ + = -。
     * 登录时就按它检查，这样每个会话的设备 ID 都能原样放进 /users/me/devices/{device_id} 的路径里被远程登出。
     */
    public static final String DEVICE_ID_PATTERN = "[A-Za-z0-9._~:@+=-]{1," + MAX_DEVICE_ID + "}";
    private static final java.util.regex.Pattern DEVICE_ID = java.util.regex.Pattern.compile(DEVICE_ID_PATTERN);
    /** 昵称最多的字符数（按码点计），与 users.nickname 列一致。 */
    public static final int MAX_NICKNAME_CODE_POINTS = 64;
    /** 头像 URL 的最大长度，与 users.avatar_url 列一致。 */
    public static final int MAX_AVATAR_URL = 512;
    /** 好友申请附言最多的字符数（按码点计），与 friend_requests.note 列一致。 */
    public static final int MAX_FRIEND_NOTE_CODE_POINTS = 200;
    /** 好友备注最多的字符数（按码点计），与 friendships.remark 列一致。 */
    public static final int MAX_FRIEND_REMARK_CODE_POINTS = 64;
    /** 好友、申请、黑名单列表每页最多条数。 */
    public static final int MAX_CONTACT_PAGE = 500;
    /** 好友、申请、黑名单列表的默认页大小。 */
    public static final int DEFAULT_CONTACT_PAGE = 200;

    /** 图片文件的大小上限（字节）：10 MiB；缩略图任务会整张解码，再大的图片应当由客户端先压缩。 */
    public static final long MAX_IMAGE_BYTES = 10L * 1024 * 1024;
    /** 其他文件的大小上限（字节）：20 MiB。 */
    public static final long MAX_FILE_BYTES = 20L * 1024 * 1024;
    /** 文件名最多的字符数（按码点计），与 files.name 列一致。 */
    public static final int MAX_FILE_NAME_CODE_POINTS = 255;
    /** 文件 ID：32 个小写十六进制字符（去掉连字符的 UUID），与 files.id 列一致。 */
    public static final String FILE_ID_PATTERN = "[0-9a-f]{32}";
    private static final java.util.regex.Pattern FILE_ID = java.util.regex.Pattern.compile(FILE_ID_PATTERN);
    /** 图片消息允许的 MIME 类型：都是 javax.imageio 能解码的格式（缩略图与尺寸检查需要）。 */
    public static final List<String> IMAGE_MIME_TYPES = List.of("image/jpeg", "image/png", "image/gif");
    /** 文件消息允许的 MIME 类型（包含全部图片类型）：其他类型（可执行文件、HTML 等）一律拒绝（6002）。 */
    public static final List<String> FILE_MIME_TYPES = List.of(
            "image/jpeg", "image/png", "image/gif",
            "application/pdf", "application/zip", "application/octet-stream",
            "text/plain", "text/csv",
            "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.ms-powerpoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "audio/mpeg", "audio/mp4", "video/mp4");
    /** 缩略图最长边（像素）：原图两边都不超过它时缩略图与原图同尺寸。 */
    public static final int THUMBNAIL_MAX_EDGE = 256;
    /** 缩略图任务肯解码的最大像素数（宽 × 高）：防止小文件解压成巨大位图（解压炸弹）。 */
    public static final long MAX_IMAGE_PIXELS = 40_000_000L;

    private Limits() {
    }

    /** 文件 ID 是否合法：32 个小写十六进制字符。 */
    public static boolean isFileId(String value) {
        return value != null && FILE_ID.matcher(value).matches();
    }

    /** 文件名是否合法：非空白，最多 255 个码点，不含控制字符与路径分隔符（/ \）。 */
    public static boolean isFileName(String value) {
        if (value == null || value.isBlank() || value.codePointCount(0, value.length()) > MAX_FILE_NAME_CODE_POINTS) {
            return false;
        }
        return value.codePoints().noneMatch(c -> Character.isISOControl(c) || c == '/' || c == '\\');
    }

    /** 某类文件（图片或其他文件）的大小上限。 */
    public static long maxFileBytes(boolean image) {
        return image ? MAX_IMAGE_BYTES : MAX_FILE_BYTES;
    }

    /** MIME 类型是否允许：图片只能是 IMAGE_MIME_TYPES，文件是 FILE_MIME_TYPES（精确、小写匹配）。 */
    public static boolean isAllowedMimeType(String mime, boolean image) {
        return mime != null && (image ? IMAGE_MIME_TYPES : FILE_MIME_TYPES).contains(mime);
    }

    /** 推送平台是否受支持（小写精确匹配）。 */
    public static boolean isPushPlatform(String value) {
        return value != null && PUSH_PLATFORMS.contains(value);
    }

    /** 推送令牌是否合法：1..512 个可打印 ASCII 字符。 */
    public static boolean isPushToken(String value) {
        return isPrintableAscii(value, MAX_PUSH_TOKEN);
    }

    /** 设备 ID 是否合法：1..128 个 {@link #DEVICE_ID_PATTERN} 里的字符。 */
    public static boolean isDeviceId(String value) {
        return value != null && DEVICE_ID.matcher(value).matches();
    }

    /** 昵称是否合法：去掉两端空白后非空，最多 64 个码点，不含控制字符。 */
    public static boolean isNickname(String value) {
        if (value == null || value.isBlank() || value.codePointCount(0, value.length()) > MAX_NICKNAME_CODE_POINTS) {
            return false;
        }
        return value.codePoints().noneMatch(Character::isISOControl);
    }

    /** 头像 URL 是否合法：最长 512，http 或 https 绝对地址且带主机名。 */
    public static boolean isAvatarUrl(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_AVATAR_URL) {
            return false;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isPrintableAscii(String value, int maxLength) {
        if (value == null || value.isEmpty() || value.length() > maxLength) {
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
