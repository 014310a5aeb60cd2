package com.acme.im.logic.file;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * complete 时的图片核对：只凭头部读出尺寸；格式必须与声明的 MIME 类型相同，伪造或截断的头部不算图片。
 */
class ImageProbeTest {

    private static byte[] encode(int w, int h, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), format, out);
        return out.toByteArray();
    }

    @Test
    void readsTheSizeOfEachAllowedFormat() throws IOException {
        assertEquals(new ImageProbe.Size(640, 480), ImageProbe.probe(encode(640, 480, "png"), "image/png").orElseThrow());
        assertEquals(new ImageProbe.Size(33, 17), ImageProbe.probe(encode(33, 17, "jpeg"), "image/jpeg").orElseThrow());
        assertEquals(new ImageProbe.Size(8, 9), ImageProbe.probe(encode(8, 9, "gif"), "image/gif").orElseThrow());
    }

    @Test
    void aPrefixIsEnoughForTheSize() throws IOException {
        byte[] png = encode(2000, 1000, "png");
        assertEquals(new ImageProbe.Size(2000, 1000), ImageProbe.probe(Arrays.copyOf(png, 64), "image/png").orElseThrow());
    }

    @Test
    void anotherFormatThanDeclaredOrGarbageIsNotAnImage() throws IOException {
        assertTrue(ImageProbe.probe(encode(10, 10, "png"), "image/jpeg").isEmpty());
        assertTrue(ImageProbe.probe("<html>".getBytes(), "image/png").isEmpty());
        assertTrue(ImageProbe.probe(new byte[0], "image/gif").isEmpty());
        assertTrue(ImageProbe.probe(encode(10, 10, "png"), "application/pdf").isEmpty());
    }
}
