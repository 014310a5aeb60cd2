package com.acme.im.audit;

import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.repo.v1.CreateFileRequest;
import com.acme.im.proto.repo.v1.FileRecord;
import com.acme.im.proto.repo.v1.FileServiceGrpc;
import com.acme.im.proto.repo.v1.GetFileRequest;
import com.acme.im.proto.repo.v1.MarkFileReadyRequest;
import com.acme.im.proto.repo.v1.MessageServiceGrpc;
import com.acme.im.proto.repo.v1.SaveMessageRequest;
import com.acme.im.runtime.storage.ObjectStorage;
import com.acme.im.task.kafka.TaskConsumerRunner;
import com.acme.im.testsupport.ObjectStorageSettings;
import com.acme.im.testsupport.RepoAppProcess;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 缩略图任务（真实 Kafka、repo-app、S3Proxy）：图片消息的审核任务让 audit-function 从对象存储读原图、
 * 写回最长边 256 的 JPEG 缩略图并经 repo 记下；任务重投不会重做；文件消息没有缩略图。
 */
@MicronautTest(environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThumbnailIT implements TestPropertyProvider {

    AuditScenario scenario;
    @Inject
    TaskConsumerRunner runner;
    @Inject
    ObjectStorage storage;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(ObjectStorageSettings.properties());
        props.put("grpc.channels.repo-app.address", RepoAppProcess.address());
        props.put("im.task.consumer.group-id", "audit-thumbnail-it-" + UUID.randomUUID());
        return props;
    }

    @AfterAll
    void close() throws Exception {
        if (scenario != null) {
            scenario.close();
        }
    }

    private FileRecord upload(byte[] bytes, String mime, boolean image) {
        FileServiceGrpc.FileServiceBlockingStub files = FileServiceGrpc.newBlockingStub(scenario.channel);
        FileRecord f = files.createFile(CreateFileRequest.newBuilder().setConversationId(scenario.conversationId)
                .setUploaderId(scenario.alice).setName("pic").setMimeType(mime).setSize(bytes.length).setImage(image).build()).getFile();
        storage.write(f.getObjectKey(), bytes, mime);
        return files.markFileReady(MarkFileReadyRequest.newBuilder().setFileId(f.getFileId()).build()).getFile();
    }

    private Message send(MessageType type, FileRecord f) {
        return MessageServiceGrpc.newBlockingStub(scenario.channel).saveMessage(SaveMessageRequest.newBuilder()
                .setConversationId(scenario.conversationId).setSenderId(scenario.alice).setType(type)
                .setContent("{\"file_id\":\"" + f.getFileId() + "\"}").setClientMsgId(UUID.randomUUID().toString()).build()).getMessage();
    }

    private FileRecord reload(FileRecord f) {
        return FileServiceGrpc.newBlockingStub(scenario.channel).getFile(GetFileRequest.newBuilder().setFileId(f.getFileId()).build()).getFile();
    }

    @Test
    void imageMessagesGetAThumbnailOnceAndFilesGetNone() throws Exception {
        scenario = new AuditScenario();
        await().atMost(Duration.ofSeconds(30)).until(() -> runner.assignedPartitions() > 0);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(512, 1024, BufferedImage.TYPE_INT_RGB), "png", png);
        FileRecord image = upload(png.toByteArray(), "image/png", true);
        FileRecord file = upload("just text".getBytes(), "text/plain", false);

        Message imageMessage = send(MessageType.MESSAGE_TYPE_IMAGE, image);
        Message fileMessage = send(MessageType.MESSAGE_TYPE_FILE, file);
        scenario.audit(fileMessage);
        scenario.audit(imageMessage);
        await().atMost(Duration.ofSeconds(30)).until(() -> !reload(image).getThumbnailKey().isEmpty());

        FileRecord done = reload(image);
        assertEquals(ObjectStorage.thumbnailKey(scenario.conversationId, image.getFileId()), done.getThumbnailKey());
        assertEquals(512, done.getWidth());
        assertEquals(1024, done.getHeight());
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(storage.read(done.getThumbnailKey()).orElseThrow()));
        assertEquals(128, thumb.getWidth());
        assertEquals(256, thumb.getHeight());
        assertEquals("image/jpeg", storage.head(done.getThumbnailKey()).orElseThrow().contentType());

        // 重投同一任务：已有缩略图，直接返回，结果不变
        byte[] first = storage.read(done.getThumbnailKey()).orElseThrow();
        scenario.audit(imageMessage);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> java.util.Arrays.equals(first, storage.read(done.getThumbnailKey()).orElseThrow()));
        assertTrue(reload(file).getThumbnailKey().isEmpty(), "files have no thumbnail");
    }
}
