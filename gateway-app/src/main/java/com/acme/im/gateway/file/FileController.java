package com.acme.im.gateway.file;

import com.acme.im.gateway.auth.AuthenticatedUser;
import com.acme.im.gateway.rpc.Deadlines;
import com.acme.im.proto.logic.v1.CompleteUploadRequest;
import com.acme.im.proto.logic.v1.FileServiceGrpc;
import com.acme.im.proto.logic.v1.GetFileDownloadRequest;
import com.acme.im.proto.logic.v1.GetFileDownloadResponse;
import com.acme.im.proto.logic.v1.RequestUploadRequest;
import com.acme.im.proto.logic.v1.RequestUploadResponse;
import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.limits.Limits;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

/**
 * 文件与图片：字节从不经过网关。流程：申请上传（得到预签名 PUT URL）→ 客户端直接 PUT 到对象存储 →
 * complete（服务端核对存储里的对象）→ 发送 type 2/3 的消息，content 为 {"file_id":"..."} →
 * 会话成员用下载接口拿短时 GET URL。规则都在 logic（成员、类型、大小、归属）。
 */
// 各接口共有的错误响应（ErrorBody）；接口特有的写在方法上
@ApiResponse(responseCode = "400", description = "1001 参数非法：JSON 格式、缺字段、文件名或 kind 不合法、variant 不是 original/thumbnail", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "401", description = "1002 缺少令牌，或令牌伪造、过期、已登出", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "403", description = "1003 不是该会话的成员；群会话为 4001 不是群成员（或 4004 被禁言，只在申请上传时）", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "404", description = "6000 文件不存在或不属于这个会话；4000 群不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "500", description = "1000 未预期的服务端错误（详情只在日志里，按 trace_id 查）", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "503", description = "1007 logic 暂不可用；6007 对象存储暂不可用，可重试", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@Controller("/api/v1/conversations/{id}/files")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@SecurityRequirement(name = "bearer")
@Tag(name = "files")
public class FileController {

    /** 下载原件。 */
    public static final String VARIANT_ORIGINAL = "original";
    /** 下载缩略图。 */
    public static final String VARIANT_THUMBNAIL = "thumbnail";

    private final FileServiceGrpc.FileServiceBlockingStub files;
    private final Deadlines deadlines;

    public FileController(FileServiceGrpc.FileServiceBlockingStub files, Deadlines deadlines) {
        this.files = files;
        this.deadlines = deadlines;
    }

    @Operation(operationId = "requestFileUpload", summary = "申请上传：检查成员、类型与大小，返回签了 Content-Type 与 Content-Length 的预签名 PUT URL")
    @ApiResponse(responseCode = "413", description = "6001 大小超过上限（图片 10 MiB、文件 20 MiB）", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "415", description = "6002 MIME 类型不在允许列表里", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Post
    @Status(HttpStatus.CREATED)
    public FileViews.UploadView requestUpload(Authentication authentication,
                                                            @PathVariable @Pattern(regexp = ConversationId.SYNTAX) String id,
                                                            @Body @Valid FileViews.UploadBody body) {
        long userId = AuthenticatedUser.of(authentication).userId();
        RequestUploadResponse r = deadlines.logic(files).requestUpload(RequestUploadRequest.newBuilder()
                .setUserId(userId)
                .setConversationId(id)
                .setName(body.name())
                .setMimeType(body.mimeType())
                .setSize(body.size())
                .setImage(FileViews.KIND_IMAGE.equals(body.kind()))
                .build());
        // 201：已登记；按 method/headers 把字节 PUT 到 upload_url，然后调用 complete
        return new FileViews.UploadView(FileViews.FileView.of(r.getFile()), r.getUploadUrl(), r.getMethod(),
                r.getHeadersMap(), r.getExpiresAt());
    }

    @Operation(operationId = "completeFileUpload", summary = "上传完成：核对对象存储里的对象（存在、大小与类型与声明一致，图片能读出尺寸），之后消息才能引用它；重复调用返回同样结果")
    @ApiResponse(responseCode = "200", description = "ready 的文件")
    @ApiResponse(responseCode = "409", description = "6003 对象还没有上传", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "400", description = "6004 上传的对象与声明的大小或类型不符（或不是可读的该格式图片）", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Post("/{file_id}/complete")
    public FileViews.FileView complete(Authentication authentication,
                                       @PathVariable @Pattern(regexp = ConversationId.SYNTAX) String id,
                                       @PathVariable("file_id") @Pattern(regexp = Limits.FILE_ID_PATTERN) String fileId) {
        long userId = AuthenticatedUser.of(authentication).userId();
        return FileViews.FileView.of(deadlines.logic(files).completeUpload(CompleteUploadRequest.newBuilder()
                .setUserId(userId).setConversationId(id).setFileId(fileId).build()).getFile());
    }

    @Operation(operationId = "getFileDownload", summary = "下载：会话成员得到原件或缩略图的短时预签名 GET URL（JSON，不重定向）")
    @ApiResponse(responseCode = "200", description = "下载地址")
    @ApiResponse(responseCode = "404", description = "6000 文件不存在或不属于这个会话；6006 缩略图尚未生成（稍后重试）或不是图片", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "409", description = "6003 文件还没有上传完成", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Get("/{file_id}")
    public FileViews.DownloadView download(Authentication authentication,
                                           @PathVariable @Pattern(regexp = ConversationId.SYNTAX) String id,
                                           @PathVariable("file_id") @Pattern(regexp = Limits.FILE_ID_PATTERN) String fileId,
                                           @Parameter(required = false, schema = @Schema(allowableValues = {VARIANT_ORIGINAL, VARIANT_THUMBNAIL}))
                                           @QueryValue(defaultValue = VARIANT_ORIGINAL) @Pattern(regexp = VARIANT_ORIGINAL + "|" + VARIANT_THUMBNAIL) String variant) {
        long userId = AuthenticatedUser.of(authentication).userId();
        boolean thumbnail = VARIANT_THUMBNAIL.equals(variant);
        GetFileDownloadResponse r = deadlines.logic(files).getFileDownload(GetFileDownloadRequest.newBuilder()
                .setUserId(userId).setConversationId(id).setFileId(fileId).setThumbnail(thumbnail).build());
        return new FileViews.DownloadView(r.getUrl(), r.getExpiresAt(), variant, r.getMimeType(), FileViews.FileView.of(r.getFile()));
    }
}
