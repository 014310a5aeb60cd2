package com.acme.im.gateway.file;

import com.acme.im.proto.logic.v1.FileInfo;
import com.acme.im.runtime.limits.Limits;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * 文件接口的请求体与响应；上限取自 Limits，允许的类型与大小上限由 logic 判定（6001、6002）。
 */
public final class FileViews {

    /** 图片。 */
    public static final String KIND_IMAGE = "image";
    /** 其他文件。 */
    public static final String KIND_FILE = "file";

    private FileViews() {
    }

    /** 申请上传。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record UploadBody(
            @Schema(description = "文件名（展示用，1-255 个字符，不含控制字符与 / \\）")
            @NotBlank @Size(max = Limits.MAX_FILE_NAME_CODE_POINTS) String name,
            @Schema(description = "MIME 类型；图片只允许 image/jpeg、image/png、image/gif，文件的允许列表见 README", example = "image/png")
            @NotBlank @Size(max = 128) String mimeType,
            @Schema(description = "字节数：图片至多 10 MiB（10485760），文件至多 20 MiB（20971520）；上传时 Content-Length 必须等于它")
            @NotNull @Positive Long size,
            @Schema(description = "image：图片消息用（有尺寸与缩略图）；file：文件消息用", allowableValues = {KIND_IMAGE, KIND_FILE})
            @NotBlank @Pattern(regexp = KIND_IMAGE + "|" + KIND_FILE) String kind) {
    }

    /** 文件信息。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record FileView(
            @Schema(description = "文件 ID（32 位小写十六进制）：图片/文件消息的 content 写 {\"file_id\":\"...\"}") String fileId,
            @Schema(description = "所属会话") String conversationId,
            @Schema(description = "上传者") long uploaderId,
            @Schema(description = "文件名") String name,
            @Schema(description = "MIME 类型") String mimeType,
            @Schema(description = "字节数") long size,
            @Schema(description = "image 或 file") String kind,
            @Schema(description = "已上传并经 complete 核对过；只有 ready 的文件能被消息引用、能下载") boolean ready,
            @Schema(description = "图片宽（像素），未知或不是图片时为 0") int width,
            @Schema(description = "图片高（像素），未知或不是图片时为 0") int height,
            @Schema(description = "缩略图是否已生成（图片消息发出后由任务生成）") boolean thumbnailReady,
            @Schema(description = "登记时间（毫秒时间戳）") long createdAt) {

        static FileView of(FileInfo f) {
            return new FileView(f.getFileId(), f.getConversationId(), f.getUploaderId(), f.getName(), f.getMimeType(),
                    f.getSize(), f.getImage() ? KIND_IMAGE : KIND_FILE, f.getReady(), f.getWidth(), f.getHeight(),
                    f.getThumbnailReady(), f.getCreatedAt());
        }
    }

    /** 申请上传的结果：客户端用给出的方法与头把字节直接传到 upload_url。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record UploadView(
            @Schema(description = "登记的文件（ready=false，上传后调用 complete）") FileView file,
            @Schema(description = "预签名的上传地址（对象存储，不经过网关）") String uploadUrl,
            @Schema(description = "上传用的 HTTP 方法", allowableValues = {"PUT"}) String method,
            @Schema(description = "上传时必须原样发送的头；Content-Length 必须等于 size（它也在签名里）") Map<String, String> headers,
            @Schema(description = "上传地址的过期时刻（毫秒时间戳）") long expiresAt) {
    }

    /** 下载地址。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record DownloadView(
            @Schema(description = "预签名的 GET 地址（短时有效，直接从对象存储下载）") String url,
            @Schema(description = "过期时刻（毫秒时间戳）") long expiresAt,
            @Schema(description = "original 或 thumbnail") String variant,
            @Schema(description = "下载内容的 MIME 类型（缩略图总是 image/jpeg）") String mimeType,
            @Schema(description = "文件信息") FileView file) {
    }
}
