package com.acme.im.repo.file;

import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.repo.v1.CreateFileRequest;
import com.acme.im.proto.repo.v1.FileRecord;
import com.acme.im.proto.repo.v1.FileServiceGrpc;
import com.acme.im.proto.repo.v1.GetFileRequest;
import com.acme.im.proto.repo.v1.MarkFileReadyRequest;
import com.acme.im.proto.repo.v1.MessageServiceGrpc;
import com.acme.im.proto.repo.v1.SaveMessageRequest;
import com.acme.im.proto.repo.v1.SaveMessageResult;
import com.acme.im.proto.repo.v1.SaveMessagesRequest;
import com.acme.im.proto.repo.v1.SetFileThumbnailRequest;
import com.acme.im.repo.GrpcTestChannel;
import com.acme.im.repo.TestData;
import com.acme.im.runtime.conversation.ConversationId;
import io.grpc.ManagedChannel;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * files 表与消息引用（真实 MariaDB）：登记、complete、缩略图；一批 SaveMessages 里图片/文件消息的引用逐条核对
 * （同会话、已完成、图片消息引用图片），通过的内容被改写成服务端元数据，不合法的那条得到错误、其余照常保存。
 */
@MicronautTest
class FileServiceIT {

    @Inject
    @Named(GrpcTestChannel.NAME)
    ManagedChannel channel;

    private FileServiceGrpc.FileServiceBlockingStub files() {
        return TestData.deadline(FileServiceGrpc.newBlockingStub(channel));
    }

    private MessageServiceGrpc.MessageServiceBlockingStub messages() {
        return TestData.deadline(MessageServiceGrpc.newBlockingStub(channel));
    }

    private FileRecord create(String conversation, long uploader, String name, String mime, long size, boolean image) {
        return files().createFile(CreateFileRequest.newBuilder().setConversationId(conversation).setUploaderId(uploader)
                .setName(name).setMimeType(mime).setSize(size).setImage(image).build()).getFile();
    }

    private FileRecord ready(FileRecord f, int w, int h) {
        return files().markFileReady(MarkFileReadyRequest.newBuilder().setFileId(f.getFileId()).setWidth(w).setHeight(h).build()).getFile();
    }

    private static SaveMessageRequest message(String conversation, long sender, MessageType type, String content) {
        return SaveMessageRequest.newBuilder().setConversationId(conversation).setSenderId(sender).setType(type)
                .setContent(content).setClientMsgId(TestData.unique("c")).build();
    }

    private static String ref(FileRecord f) {
        return "{\"file_id\":\"" + f.getFileId() + "\"}";
    }

    @Test
    void createCompleteAndThumbnail() {
        long alice = TestData.newUser(channel);
        long bob = TestData.newUser(channel);
        String conv = ConversationId.single(alice, bob).value();
        FileRecord f = create(conv, alice, "a.png", "image/png", 1234, true);
        assertTrue(f.getFileId().matches("[0-9a-f]{32}"));
        assertEquals("conversations/" + conv + "/" + f.getFileId(), f.getObjectKey());
        assertFalse(f.getReady());
        FileRecord r = ready(f, 30, 20);
        assertTrue(r.getReady());
        assertEquals(30, r.getWidth());
        // 重复 complete 幂等
        assertEquals(r, ready(f, 30, 20));
        files().setFileThumbnail(SetFileThumbnailRequest.newBuilder().setFileId(f.getFileId())
                .setThumbnailKey(f.getObjectKey() + "-thumb").setWidth(31).setHeight(21).build());
        FileRecord t = files().getFile(GetFileRequest.newBuilder().setFileId(f.getFileId()).build()).getFile();
        assertEquals(f.getObjectKey() + "-thumb", t.getThumbnailKey());
        assertEquals(31, t.getWidth());
        assertEquals(21, t.getHeight());

        assertEquals(6000, TestData.errorCode(() -> files().getFile(GetFileRequest.newBuilder().setFileId("0".repeat(32)).build())));
        assertEquals(6000, TestData.errorCode(() -> files().getFile(GetFileRequest.newBuilder().setFileId("../x").build())));
        assertEquals(6000, TestData.errorCode(() -> files().markFileReady(MarkFileReadyRequest.newBuilder().setFileId("f".repeat(32)).build())));
    }

    @Test
    void repoRefusesWhatLogicRefusesToo() {
        long alice = TestData.newUser(channel);
        String conv = ConversationId.group(1).value();
        assertEquals(6001, TestData.errorCode(() -> create(conv, alice, "a.png", "image/png", 10L * 1024 * 1024 + 1, true)));
        assertEquals(6001, TestData.errorCode(() -> create(conv, alice, "a.bin", "application/zip", 0, false)));
        assertEquals(6002, TestData.errorCode(() -> create(conv, alice, "a.html", "text/html", 10, false)));
        assertEquals(6002, TestData.errorCode(() -> create(conv, alice, "a.pdf", "application/pdf", 10, true)));
        assertEquals(1001, TestData.errorCode(() -> create(conv, alice, "a/b.txt", "text/plain", 10, false)));
        assertEquals(1001, TestData.errorCode(() -> create("bad id!", alice, "a.txt", "text/plain", 10, false)));
    }

    @Test
    void aBatchChecksEveryReferenceWithItsOwnResultAndRewritesTheContent() {
        long alice = TestData.newUser(channel);
        long bob = TestData.newUser(channel);
        long carol = TestData.newUser(channel);
        String conv = ConversationId.single(alice, bob).value();
        String other = ConversationId.single(bob, carol).value();
        FileRecord image = ready(create(conv, alice, "海.png", "image/png", 777, true), 64, 48);
        FileRecord pdf = ready(create(conv, bob, "r.pdf", "application/pdf", 55, false), 0, 0);
        FileRecord pending = create(conv, alice, "p.txt", "text/plain", 5, false);
        FileRecord foreign = ready(create(other, carol, "s.txt", "text/plain", 5, false), 0, 0);

        List<SaveMessageResult> results = messages().saveMessages(SaveMessagesRequest.newBuilder()
                .addMessages(message(conv, alice, MessageType.MESSAGE_TYPE_IMAGE, "{\"file_id\":\"" + image.getFileId() + "\",\"size\":1}"))
                .addMessages(message(conv, alice, MessageType.MESSAGE_TYPE_TEXT, "plain text stays"))
                .addMessages(message(conv, alice, MessageType.MESSAGE_TYPE_FILE, ref(foreign)))
                .addMessages(message(conv, alice, MessageType.MESSAGE_TYPE_FILE, ref(pending)))
                .addMessages(message(conv, alice, MessageType.MESSAGE_TYPE_IMAGE, ref(pdf)))
                .addMessages(message(conv, alice, MessageType.MESSAGE_TYPE_FILE, "not json"))
                .addMessages(message(conv, alice, MessageType.MESSAGE_TYPE_FILE, ref(pdf)))
                .build()).getResultsList();
        assertEquals(7, results.size());
        assertEquals(0, results.get(0).getErrorCode());
        assertEquals("{\"file_id\":\"" + image.getFileId() + "\",\"name\":\"海.png\",\"size\":777,\"mime_type\":\"image/png\",\"width\":64,\"height\":48}",
                results.get(0).getMessage().getContent());
        assertEquals("plain text stays", results.get(1).getMessage().getContent());
        assertEquals(6000, results.get(2).getErrorCode());
        assertEquals(6003, results.get(3).getErrorCode());
        assertEquals(6005, results.get(4).getErrorCode());
        assertEquals(6005, results.get(5).getErrorCode());
        assertEquals(0, results.get(6).getErrorCode());
        assertTrue(results.get(6).getMessage().getContent().contains("\"name\":\"r.pdf\""));
        // 保存的消息在会话里连续编号：被拒的几条没有占用 seq
        assertEquals(results.get(1).getMessage().getSeq() + 1, results.get(6).getMessage().getSeq());

        // 单条保存路径同样核对
        assertEquals(6000, TestData.errorCode(() -> messages().saveMessage(message(conv, alice, MessageType.MESSAGE_TYPE_FILE, ref(foreign)))));
        assertTrue(messages().saveMessage(message(conv, bob, MessageType.MESSAGE_TYPE_FILE, ref(pdf))).getMessage().getContent().contains("r.pdf"));
    }
}
