package com.acme.im.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import static com.acme.im.system.SystemUnderTest.GATEWAY_A;
import static com.acme.im.system.SystemUnderTest.GATEWAY_B;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 文件与图片消息端到端（真实的 S3 兼容存储：infra.sh 的 S3Proxy）：申请上传 → 客户端用普通 HTTP 直传预签名 URL →
 * complete → 发送图片消息 → 另一成员收到服务端核对过的元数据并下载 → 非成员被拒 → audit-function 生成的缩略图可下载。
 * 另测上限与类型（申请时与存储端签名都生效）、引用别的会话/未完成/类型不符的文件、越权 complete 与下载。
 */
class FileMessagesIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void system() {
        // 缩略图由 audit-function 在审核任务里生成
        SystemUnderTest.get().auditFunction();
    }

    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static ImClient.Response requestUpload(ImClient user, String conversation, String name, String mime, long size, String kind) {
        ObjectNode body = ImClient.JSON.createObjectNode().put("name", name).put("mime_type", mime).put("size", size).put("kind", kind);
        return user.call("POST", "/api/v1/conversations/" + conversation + "/files", body, true);
    }

    private static int put(JsonNode upload, String contentType, byte[] bytes) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upload.path("upload_url").asText()))
                .method(upload.path("method").asText(), HttpRequest.BodyPublishers.ofByteArray(bytes));
        b.header("Content-Type", contentType);
        return ImClient.HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static byte[] fetch(String url) throws Exception {
        HttpResponse<byte[]> r = ImClient.HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), "download from object storage");
        return r.body();
    }

    /** 上传并 complete，返回文件 ID。 */
    private static String upload(ImClient user, String conversation, String name, String mime, byte[] bytes, String kind) throws Exception {
        JsonNode u = requestUpload(user, conversation, name, mime, bytes.length, kind).expect(201).body();
        assertEquals(200, put(u, mime, bytes));
        String id = u.path("file").path("file_id").asText();
        user.call("POST", "/api/v1/conversations/" + conversation + "/files/" + id + "/complete", null, true).expect(200);
        return id;
    }

    private static String send(WsConnection ws, String conversation, int type, String content) {
        String clientMsgId = ImClient.newClientMsgId();
        ObjectNode frame = ImClient.JSON.createObjectNode().put("type", "send-message");
        frame.putObject("data").put("conversation_id", conversation).put("message_type", type)
                .put("content", content).put("client_msg_id", clientMsgId);
        ws.sendText(frame.toString());
        return clientMsgId;
    }

    private static String ref(String fileId) {
        return "{\"file_id\":\"" + fileId + "\"}";
    }

    @Test
    void imageMessageIsUploadedDirectlyDeliveredDownloadedByMembersOnlyAndGetsAThumbnail() throws Exception {
        ImClient alice = ImClient.register(GATEWAY_A, "filealice");
        ImClient bob = ImClient.register(GATEWAY_B, "filebob");
        ImClient carol = ImClient.register(GATEWAY_A, "filecarol");
        String conv = alice.openSingle(bob.userId());
        byte[] image = png(600, 400);

        JsonNode upload = requestUpload(alice, conv, "海边.png", "image/png", image.length, "image").expect(201).body();
        String fileId = upload.path("file").path("file_id").asText();
        assertTrue(fileId.matches("[0-9a-f]{32}"), fileId);
        assertFalse(upload.path("file").path("ready").asBoolean());
        assertEquals("PUT", upload.path("method").asText());
        assertEquals("image/png", upload.path("headers").path("Content-Type").asText());
        assertTrue(upload.path("upload_url").asText().startsWith("http://127.0.0.1:9000/"), "the bytes go to object storage, not the gateway");

        // 还没上传就 complete：6003
        ImClient.Response early = alice.call("POST", "/api/v1/conversations/" + conv + "/files/" + fileId + "/complete", null, true);
        assertEquals(409, early.status(), early.raw());
        assertEquals(6003, early.code());

        assertEquals(200, put(upload, "image/png", image));
        // 只有上传者能 complete（对方也是成员，同样 6000）
        ImClient.Response foreign = bob.call("POST", "/api/v1/conversations/" + conv + "/files/" + fileId + "/complete", null, true);
        assertEquals(404, foreign.status(), foreign.raw());
        assertEquals(6000, foreign.code());
        JsonNode ready = alice.call("POST", "/api/v1/conversations/" + conv + "/files/" + fileId + "/complete", null, true).expect(200).body();
        assertTrue(ready.path("ready").asBoolean());
        assertEquals(600, ready.path("width").asInt());
        assertEquals(400, ready.path("height").asInt());
        assertEquals("image", ready.path("kind").asText());

        try (WsConnection a = alice.connect(); WsConnection b = bob.connect()) {
            alice.awaitOnline(bob.userId());
            // 发送者自称的元数据被忽略：收到的是服务端核对过的
            String sent = send(a, conv, 2, "{\"file_id\":\"" + fileId + "\",\"size\":1,\"mime_type\":\"text/html\"}");
            JsonNode ack = a.awaitAck(sent);
            assertFalse(ack.path("data").has("error_code"), ack.toString());
            JsonNode received = b.await("new-message", d -> sent.equals(d.path("client_msg_id").asText()), WAIT).path("data");
            assertEquals(2, received.path("message_type").asInt());
            JsonNode content = ImClient.JSON.readTree(received.path("content").asText());
            assertEquals(fileId, content.path("file_id").asText());
            assertEquals("海边.png", content.path("name").asText());
            assertEquals(image.length, content.path("size").asLong());
            assertEquals("image/png", content.path("mime_type").asText());
            assertEquals(600, content.path("width").asInt());
            assertEquals(400, content.path("height").asInt());
        }

        // 另一成员下载原件：短时预签名 URL，直接从存储取回同样的字节
        JsonNode download = bob.call("GET", "/api/v1/conversations/" + conv + "/files/" + fileId, null, true).expect(200).body();
        assertEquals("original", download.path("variant").asText());
        assertEquals("image/png", download.path("mime_type").asText());
        assertTrue(download.path("expires_at").asLong() > System.currentTimeMillis());
        assertArrayEquals(image, fetch(download.path("url").asText()));

        // 非成员：下载与上传都被拒；把文件 ID 放到自己的会话路径下也找不到
        ImClient.Response outsider = carol.call("GET", "/api/v1/conversations/" + conv + "/files/" + fileId, null, true);
        assertEquals(403, outsider.status(), outsider.raw());
        assertTrue(Set.of(1003, 4001).contains(outsider.code()), outsider.raw());
        ImClient.Response outsiderUpload = requestUpload(carol, conv, "x.png", "image/png", 10, "image");
        assertEquals(403, outsiderUpload.status(), outsiderUpload.raw());
        String carolsConv = carol.openSingle(alice.userId());
        ImClient.Response elsewhere = carol.call("GET", "/api/v1/conversations/" + carolsConv + "/files/" + fileId, null, true);
        assertEquals(404, elsewhere.status(), elsewhere.raw());
        assertEquals(6000, elsewhere.code());

        // 缩略图：audit-function 处理图片消息的审核任务时生成，最长边 256
        JsonNode[] thumb = new JsonNode[1];
        await("thumbnail generated").atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            ImClient.Response r = bob.call("GET", "/api/v1/conversations/" + conv + "/files/" + fileId + "?variant=thumbnail", null, true);
            if (r.status() == 404) {
                assertEquals(6006, r.code(), r.raw());
                return false;
            }
            thumb[0] = r.expect(200).body();
            return true;
        });
        assertEquals("image/jpeg", thumb[0].path("mime_type").asText());
        assertTrue(thumb[0].path("file").path("thumbnail_ready").asBoolean());
        BufferedImage t = ImageIO.read(new ByteArrayInputStream(fetch(thumb[0].path("url").asText())));
        assertEquals(256, t.getWidth());
        assertEquals(171, t.getHeight());
        ImClient.Response outsiderThumb = carol.call("GET", "/api/v1/conversations/" + conv + "/files/" + fileId + "?variant=thumbnail", null, true);
        assertEquals(403, outsiderThumb.status(), outsiderThumb.raw());
    }

    @Test
    void limitsAndTypesAreEnforcedAtRequestTimeAndByTheSignedUpload() throws Exception {
        ImClient dave = ImClient.register(GATEWAY_A, "filedave");
        ImClient erin = ImClient.register(GATEWAY_A, "fileerin");
        String conv = dave.openSingle(erin.userId());

        ImClient.Response bigImage = requestUpload(dave, conv, "big.png", "image/png", 10L * 1024 * 1024 + 1, "image");
        assertEquals(413, bigImage.status(), bigImage.raw());
        assertEquals(6001, bigImage.code());
        ImClient.Response bigFile = requestUpload(dave, conv, "big.zip", "application/zip", 20L * 1024 * 1024 + 1, "file");
        assertEquals(413, bigFile.status(), bigFile.raw());
        assertEquals(6001, bigFile.code());
        // 10 MiB 以上的文件照样可以作为普通文件
        requestUpload(dave, conv, "big.png", "image/png", 10L * 1024 * 1024 + 1, "file").expect(201);

        ImClient.Response webp = requestUpload(dave, conv, "a.webp", "image/webp", 100, "image");
        assertEquals(415, webp.status(), webp.raw());
        assertEquals(6002, webp.code());
        ImClient.Response html = requestUpload(dave, conv, "a.html", "text/html", 100, "file");
        assertEquals(415, html.status(), html.raw());
        assertEquals(6002, html.code());
        ImClient.Response pdfAsImage = requestUpload(dave, conv, "a.pdf", "application/pdf", 100, "image");
        assertEquals(6002, pdfAsImage.code(), pdfAsImage.raw());

        for (String bad : new String[]{
                "{\"name\":\"../etc/passwd\",\"mime_type\":\"text/plain\",\"size\":1,\"kind\":\"file\"}",
                "{\"name\":\"a.txt\",\"mime_type\":\"text/plain\",\"size\":0,\"kind\":\"file\"}",
                "{\"name\":\"a.txt\",\"mime_type\":\"text/plain\",\"size\":-5,\"kind\":\"file\"}",
                "{\"name\":\"a.txt\",\"mime_type\":\"text/plain\",\"size\":1,\"kind\":\"video\"}",
                "{\"name\":\"a.txt\",\"mime_type\":\"text/plain\",\"kind\":\"file\"}",
                "{\"name\":\"\",\"mime_type\":\"text/plain\",\"size\":1,\"kind\":\"file\"}",
                "not json"}) {
            ImClient.Response r = dave.raw("POST", "/api/v1/conversations/" + conv + "/files", bad, dave.accessToken());
            assertEquals(400, r.status(), bad + " -> " + r.raw());
            assertEquals(1001, r.code(), bad + " -> " + r.raw());
        }
        ImClient.Response badId = dave.call("GET", "/api/v1/conversations/" + conv + "/files/not-a-file-id", null, true);
        assertEquals(400, badId.status(), badId.raw());
        ImClient.Response badVariant = dave.call("GET", "/api/v1/conversations/" + conv + "/files/0123456789abcdef0123456789abcdef?variant=huge", null, true);
        assertEquals(400, badVariant.status(), badVariant.raw());
        ImClient.Response unknown = dave.call("GET", "/api/v1/conversations/" + conv + "/files/0123456789abcdef0123456789abcdef", null, true);
        assertEquals(404, unknown.status(), unknown.raw());
        assertEquals(6000, unknown.code());

        // 签名里的大小：多传一个字节被存储拒绝，什么也没存下，complete 得到 6003
        JsonNode small = requestUpload(dave, conv, "small.txt", "text/plain", 100, "file").expect(201).body();
        assertEquals(403, put(small, "text/plain", new byte[101]));
        assertEquals(403, put(small, "text/html", new byte[100]), "the signed content type cannot be changed");
        String smallId = small.path("file").path("file_id").asText();
        ImClient.Response notUploaded = dave.call("POST", "/api/v1/conversations/" + conv + "/files/" + smallId + "/complete", null, true);
        assertEquals(409, notUploaded.status(), notUploaded.raw());
        assertEquals(6003, notUploaded.code());

        // 声明为 PNG、传的却不是图片：complete 得到 6004
        byte[] fake = "definitely not a png".getBytes(StandardCharsets.UTF_8);
        JsonNode fakeUpload = requestUpload(dave, conv, "fake.png", "image/png", fake.length, "image").expect(201).body();
        assertEquals(200, put(fakeUpload, "image/png", fake));
        ImClient.Response mismatch = dave.call("POST", "/api/v1/conversations/" + conv + "/files/"
                + fakeUpload.path("file").path("file_id").asText() + "/complete", null, true);
        assertEquals(400, mismatch.status(), mismatch.raw());
        assertEquals(6004, mismatch.code());
    }

    @Test
    void messagesMayOnlyReferenceCompletedFilesOfTheirOwnConversation() throws Exception {
        ImClient frank = ImClient.register(GATEWAY_A, "filefrank");
        ImClient grace = ImClient.register(GATEWAY_A, "filegrace");
        ImClient heidi = ImClient.register(GATEWAY_A, "fileheidi");
        String conv = frank.openSingle(grace.userId());
        String other = heidi.openSingle(grace.userId());
        String heidisFile = upload(heidi, other, "secret.txt", "text/plain", "top secret".getBytes(StandardCharsets.UTF_8), "file");
        byte[] pdf = "%PDF-1.4 tiny".getBytes(StandardCharsets.UTF_8);
        String pdfId = upload(frank, conv, "报告.pdf", "application/pdf", pdf, "file");
        String pending = requestUpload(frank, conv, "later.txt", "text/plain", 5, "file").expect(201).body().path("file").path("file_id").asText();

        try (WsConnection ws = frank.connect()) {
            assertEquals(6005, ws.awaitAck(send(ws, conv, 2, "not json")).path("data").path("error_code").asInt());
            assertEquals(6005, ws.awaitAck(send(ws, conv, 3, "{\"file_id\":\"../x\"}")).path("data").path("error_code").asInt());
            // 别的会话的文件（frank 不是那个会话的成员）：与不存在一样是 6000
            assertEquals(6000, ws.awaitAck(send(ws, conv, 3, ref(heidisFile))).path("data").path("error_code").asInt());
            assertEquals(6003, ws.awaitAck(send(ws, conv, 3, ref(pending))).path("data").path("error_code").asInt());
            // 图片消息只能引用按图片上传的文件
            assertEquals(6005, ws.awaitAck(send(ws, conv, 2, ref(pdfId))).path("data").path("error_code").asInt());
            JsonNode ok = ws.awaitAck(send(ws, conv, 3, ref(pdfId)));
            assertFalse(ok.path("data").has("error_code"), ok.toString());
        }
        JsonNode last = grace.history(conv, "limit=1").expect(200).body().path("messages").get(0);
        assertEquals(3, last.path("message_type").asInt());
        JsonNode content = ImClient.JSON.readTree(last.path("content").asText());
        assertEquals("报告.pdf", content.path("name").asText());
        assertEquals(pdf.length, content.path("size").asLong());
        assertEquals(0, content.path("width").asInt());
        JsonNode download = grace.call("GET", "/api/v1/conversations/" + conv + "/files/" + pdfId, null, true).expect(200).body();
        assertArrayEquals(pdf, fetch(download.path("url").asText()));
        // 不是图片：没有缩略图
        ImClient.Response noThumb = grace.call("GET", "/api/v1/conversations/" + conv + "/files/" + pdfId + "?variant=thumbnail", null, true);
        assertEquals(404, noThumb.status(), noThumb.raw());
        assertEquals(6006, noThumb.code());
        // 未完成的文件不能下载
        ImClient.Response pendingDownload = grace.call("GET", "/api/v1/conversations/" + conv + "/files/" + pending, null, true);
        assertEquals(409, pendingDownload.status(), pendingDownload.raw());
        assertEquals(6003, pendingDownload.code());
    }

    @Test
    void inAGroupEveryMemberCanShareAndDownloadButNotOutsidersOrFormerMembers() throws Exception {
        ImClient owner = ImClient.register(GATEWAY_A, "fileowner");
        ImClient member = ImClient.register(GATEWAY_B, "filemember");
        ImClient outsider = ImClient.register(GATEWAY_A, "fileoutsider");
        JsonNode group = owner.createGroup("files", member.userId()).expect(201).body();
        String conv = group.path("conversation_id").asText();
        byte[] image = png(100, 50);

        // 普通成员上传、发送；群主下载
        String fileId = upload(member, conv, "g.png", "image/png", image, "image");
        try (WsConnection ws = member.connect()) {
            JsonNode ack = ws.awaitAck(send(ws, conv, 2, ref(fileId)));
            assertFalse(ack.path("data").has("error_code"), ack.toString());
        }
        JsonNode d = owner.call("GET", "/api/v1/conversations/" + conv + "/files/" + fileId, null, true).expect(200).body();
        assertArrayEquals(image, fetch(d.path("url").asText()));

        // 群外的人：上传、下载、complete 都被拒（4001 / 6000）
        ImClient.Response read = outsider.call("GET", "/api/v1/conversations/" + conv + "/files/" + fileId, null, true);
        assertEquals(403, read.status(), read.raw());
        assertEquals(4001, read.code());
        ImClient.Response write = requestUpload(outsider, conv, "x.png", "image/png", 10, "image");
        assertEquals(403, write.status(), write.raw());
        assertEquals(4001, write.code());
        ImClient.Response complete = outsider.call("POST", "/api/v1/conversations/" + conv + "/files/" + fileId + "/complete", null, true);
        assertEquals(404, complete.status(), complete.raw());
        assertEquals(6000, complete.code());

        // 退群之后就不再能下载，留下的成员照常
        member.call("DELETE", "/api/v1/groups/" + group.path("id").asText() + "/members/" + member.userId(), null, true).expect(200, 204);
        ImClient.Response left = member.call("GET", "/api/v1/conversations/" + conv + "/files/" + fileId, null, true);
        assertEquals(403, left.status(), left.raw());
        assertEquals(4001, left.code());
        owner.call("GET", "/api/v1/conversations/" + conv + "/files/" + fileId, null, true).expect(200);
    }
}
