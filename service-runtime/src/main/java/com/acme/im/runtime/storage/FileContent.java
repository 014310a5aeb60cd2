package com.acme.im.runtime.storage;

import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.limits.Limits;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;

/**
 * 图片（type 2）与文件（type 3）消息的 content：一个 JSON 对象。
 * 客户端发送时只需要 {@code {"file_id":"..."}}（其余字段可有可无、一律忽略）；repo 保存时按 files 表里的记录
 * 改写成完整形式 {@code {"file_id","name","size","mime_type","width","height"}}（宽高只对图片有意义，未知时为 0），
 * 所以收到的消息里的元数据总是服务端核对过的，不是发送者自称的。
 *
 * @param fileId   文件 ID（32 位小写十六进制）
 * @param name     文件名
 * @param size     字节数
 * @param mimeType MIME 类型
 * @param width    图片宽（像素），未知或不是图片时为 0
 * @param height   图片高（像素），未知或不是图片时为 0
 */
public record FileContent(String fileId, String name, long size, String mimeType, int width, int height) {

    private static final JsonFactory JSON = new JsonFactory();

    /** 只读出 file_id：不是 JSON 对象、没有 file_id 或格式不对时抛出 6005。 */
    public static String fileIdOf(String content) {
        String id = null;
        try (JsonParser p = JSON.createParser(content)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw invalid();
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("file_id".equals(field) && value == JsonToken.VALUE_STRING) {
                    id = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw invalid();
            }
        } catch (IOException e) {
            throw invalid();
        }
        if (!Limits.isFileId(id)) {
            throw invalid();
        }
        return id;
    }

    /** 完整形式的 JSON（repo 保存的就是它）。 */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("file_id", fileId);
            g.writeStringField("name", name);
            g.writeNumberField("size", size);
            g.writeStringField("mime_type", mimeType);
            g.writeNumberField("width", width);
            g.writeNumberField("height", height);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static ImException invalid() {
        return new ImException(ErrorCode.INVALID_FILE_REFERENCE,
                "content of an image or file message must be a JSON object {\"file_id\":\"<32 hex>\"}");
    }
}
