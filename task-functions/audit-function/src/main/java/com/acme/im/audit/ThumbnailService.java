package com.acme.im.audit;

import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.repo.v1.FileRecord;
import com.acme.im.proto.repo.v1.GetFileRequest;
import com.acme.im.proto.repo.v1.SetFileThumbnailRequest;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.GrpcErrors;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.limits.Limits;
import com.acme.im.runtime.storage.FileContent;
import com.acme.im.runtime.storage.ObjectStorage;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;

/**
 * 图片消息的缩略图：audit 任务遇到图片消息时调用（见 {@link AuditProcessor}）。读原件、按最长边
 * {@link Limits#THUMBNAIL_MAX_EDGE} 等比缩小、编码为 JPEG、写到 {@code conversations/{id}/{file_id}-thumb}，
 * 再经 repo 记下缩略图的对象键与原图真实尺寸。已有缩略图时直接返回（任务重投幂等）。
 * 解码前先读头部尺寸，像素数超过 {@link Limits#MAX_IMAGE_PIXELS} 或解不出的图片只记日志不重试
 * （重试也不会变好）；存储或 repo 暂不可用时抛出，由分发器退避重试。
 */
@Singleton
public class ThumbnailService {

    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailService.class);
    private static final String THUMBNAIL_TYPE = "image/jpeg";

    static {
        // 只在内存里画图，不需要显示设备（Lambda 与无图形界面的服务器）
        System.setProperty("java.awt.headless", "true");
    }

    private final RepoClients repo;
    private final ObjectStorage storage;

    public ThumbnailService(RepoClients repo, ObjectStorage storage) {
        this.repo = repo;
        this.storage = storage;
    }

    /** 为一条图片消息生成缩略图；内容不是合法文件引用或文件不存在时什么也不做。 */
    public void generate(Message message) {
        String fileId;
        try {
            fileId = FileContent.fileIdOf(message.getContent());
        } catch (ImException e) {
            LOG.warn("image message {} has no valid file reference, no thumbnail", message.getId());
            return;
        }
        FileRecord file;
        try {
            file = repo.files().getFile(GetFileRequest.newBuilder().setFileId(fileId).build()).getFile();
        } catch (RuntimeException e) {
            ImException im = GrpcErrors.fromThrowable(e);
            if (im.errorCode() == ErrorCode.FILE_NOT_FOUND) {
                LOG.warn("image message {} references missing file {}, no thumbnail", message.getId(), fileId);
                return;
            }
            throw im;
        }
        if (!file.getImage() || !file.getThumbnailKey().isEmpty()) {
            return;
        }
        byte[] original = storage.read(file.getObjectKey()).orElse(null);
        if (original == null) {
            LOG.warn("file {} is missing from object storage, no thumbnail", fileId);
            return;
        }
        Optional<Thumbnail> thumbnail = render(original);
        if (thumbnail.isEmpty()) {
            LOG.warn("file {} ({}) cannot be decoded into a thumbnail", fileId, file.getMimeType());
            return;
        }
        String key = ObjectStorage.thumbnailKey(file.getConversationId(), fileId);
        storage.write(key, thumbnail.get().jpeg(), THUMBNAIL_TYPE);
        repo.files().setFileThumbnail(SetFileThumbnailRequest.newBuilder()
                .setFileId(fileId).setThumbnailKey(key)
                .setWidth(thumbnail.get().originalWidth()).setHeight(thumbnail.get().originalHeight()).build());
        LOG.debug("thumbnail of {} written to {}", fileId, key);
    }

    /**
     * 一张缩略图。
     *
     * @param jpeg           JPEG 字节
     * @param width          缩略图宽
     * @param height         缩略图高
     * @param originalWidth  原图宽
     * @param originalHeight 原图高
     */
    record Thumbnail(byte[] jpeg, int width, int height, int originalWidth, int originalHeight) {
    }

    /** 解码并缩小；不是能解码的图片或像素过多时为空。 */
    static Optional<Thumbnail> render(byte[] original) {
        BufferedImage source;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(original))) {
            if (in == null) {
                return Optional.empty();
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels <= 0 || pixels > Limits.MAX_IMAGE_PIXELS) {
                    return Optional.empty();
                }
                source = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        int w = source.getWidth();
        int h = source.getHeight();
        double scale = Math.min(1.0, (double) Limits.THUMBNAIL_MAX_EDGE / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            // JPEG 没有透明通道：透明部分铺白底
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, tw, th);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, tw, th, null);
        } finally {
            g.dispose();
        }
        return Optional.of(new Thumbnail(jpeg(out), tw, th, w, h));
    }

    private static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.8f);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("JPEG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
