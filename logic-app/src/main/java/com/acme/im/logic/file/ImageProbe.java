package com.acme.im.logic.file;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * 只读图片头部得到格式与尺寸（不解码像素）：complete 时用对象的前若干字节确认它确实是声明的图片格式。
 */
final class ImageProbe {

    /** 读取的前缀长度：JPEG 的 EXIF 段可能很长（内嵌缩略图），256 KiB 足以越过它读到尺寸。 */
    static final int PREFIX_BYTES = 256 * 1024;

    /** MIME 类型到 ImageIO 格式名。 */
    private static final Map<String, String> FORMATS = Map.of("image/jpeg", "jpeg", "image/png", "png", "image/gif", "gif");

    private ImageProbe() {
    }

    /** 图片尺寸。 */
    record Size(int width, int height) {
    }

    /** 前缀是 mime 声明的格式时返回尺寸，否则为空。 */
    static Optional<Size> probe(byte[] prefix, String mime) {
        String expected = FORMATS.get(mime);
        if (expected == null) {
            return Optional.empty();
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(prefix))) {
            if (in == null) {
                return Optional.empty();
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            while (readers.hasNext()) {
                ImageReader reader = readers.next();
                try {
                    if (!expected.equals(reader.getFormatName().toLowerCase(Locale.ROOT))) {
                        continue;
                    }
                    reader.setInput(in, true, true);
                    int width = reader.getWidth(0);
                    int height = reader.getHeight(0);
                    return width > 0 && height > 0 ? Optional.of(new Size(width, height)) : Optional.empty();
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException | RuntimeException e) {
            // 截断或伪造的头部：当作不是该格式
            return Optional.empty();
        }
        return Optional.empty();
    }
}
