package com.acme.im.audit;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 缩略图的缩放规则：最长边 256 等比缩小，小图不放大，透明 PNG 铺白底后编码为 JPEG；解不出的字节没有缩略图。
 */
class ThumbnailRenderTest {

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    private static BufferedImage decode(byte[] jpeg) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }

    @Test
    void landscapeAndPortraitAreScaledToTheLongestEdge() throws IOException {
        ThumbnailService.Thumbnail wide = ThumbnailService.render(encode(new BufferedImage(1000, 500, BufferedImage.TYPE_INT_RGB), "png")).orElseThrow();
        assertEquals(256, wide.width());
        assertEquals(128, wide.height());
        assertEquals(1000, wide.originalWidth());
        assertEquals(500, wide.originalHeight());
        BufferedImage decoded = decode(wide.jpeg());
        assertEquals(256, decoded.getWidth());
        assertEquals(128, decoded.getHeight());

        ThumbnailService.Thumbnail tall = ThumbnailService.render(encode(new BufferedImage(300, 900, BufferedImage.TYPE_INT_RGB), "jpeg")).orElseThrow();
        assertEquals(85, tall.width());
        assertEquals(256, tall.height());
    }

    @Test
    void smallImagesAreNotEnlargedAndTransparencyBecomesWhite() throws IOException {
        BufferedImage transparent = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
        ThumbnailService.Thumbnail t = ThumbnailService.render(encode(transparent, "png")).orElseThrow();
        assertEquals(40, t.width());
        assertEquals(30, t.height());
        int rgb = decode(t.jpeg()).getRGB(20, 15) & 0xffffff;
        assertTrue(((rgb >> 16) & 0xff) > 240 && ((rgb >> 8) & 0xff) > 240 && (rgb & 0xff) > 240, Integer.toHexString(rgb));
    }

    @Test
    void gifIsSupportedAndGarbageHasNoThumbnail() throws IOException {
        assertTrue(ThumbnailService.render(encode(new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_INDEXED), "gif")).isPresent());
        assertTrue(ThumbnailService.render("not an image".getBytes(StandardCharsets.UTF_8)).isEmpty());
        assertTrue(ThumbnailService.render(new byte[0]).isEmpty());
    }
}
