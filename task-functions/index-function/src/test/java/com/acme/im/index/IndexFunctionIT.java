package com.acme.im.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.event.v1.IndexTask;
import com.acme.im.proto.event.v1.TaskMessage;
import com.acme.im.runtime.kafka.Topics;
import com.acme.im.runtime.kafka.TaskTypes;
import com.acme.im.task.kafka.TaskConsumerRunner;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 真实 Kafka 与 Elasticsearch：索引任务经 Kafka 进入函数，bulk 写入后中英文都能搜到；
 * 重复投递不产生重复文档，删除动作移除文档。
 */
@MicronautTest(environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexFunctionIT implements TestPropertyProvider {

    static final String BOOTSTRAP = System.getenv().getOrDefault("IM_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    final String runId = UUID.randomUUID().toString().substring(0, 8);
    final String indexName = "im-messages-it-" + runId;
    final KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP),
            new ByteArraySerializer(), new ByteArraySerializer());

    @Inject
    ElasticsearchClient es;
    @Inject
    TaskConsumerRunner runner;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("im.index.name", indexName, "im.task.consumer.group-id", "index-function-it-" + runId);
    }

    @AfterAll
    void cleanup() throws Exception {
        producer.close();
        es.indices().delete(d -> d.index(indexName));
    }

    @Test
    void indexesChineseAndEnglishIdempotentlyAndDeletes() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> runner.assignedPartitions() > 0);
        long base = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000L);
        String conv = "g_" + runId;
        Message zh = message(base + 1, conv, "今天下午三点开会讨论搜索功能");
        Message en = message(base + 2, conv, "Quarterly roadmap review with the search team");
        Message gone = message(base + 3, conv, "this one will be deleted");
        send(index(zh, IndexTask.Action.ACTION_UPSERT));
        send(index(en, IndexTask.Action.ACTION_UPSERT));
        send(index(zh, IndexTask.Action.ACTION_UPSERT)); // 重复投递
        send(index(gone, IndexTask.Action.ACTION_UPSERT));
        send(index(gone, IndexTask.Action.ACTION_DELETE));

        // 最后一条（删除）生效即表示前面的都已处理
        await().atMost(Duration.ofSeconds(30)).until(() -> es.count(c -> c.index(indexName)).count() == 2
                && ids("deleted").isEmpty());
        assertEquals(List.of(String.valueOf(zh.getId())), ids("讨论搜索"));
        assertEquals(List.of(String.valueOf(en.getId())), ids("roadmap review"));
        assertEquals(List.of(String.valueOf(en.getId())), ids("ROADMAP"));
        assertEquals(List.of(), ids("讨论路线"));
        Map<String, Object> mapping = Map.of("content", es.indices().getMapping(m -> m.index(indexName))
                .get(indexName).mappings().properties().get("content")._kind().jsonValue());
        assertEquals("text", mapping.get("content"));
    }

    /** 与 logic-app 搜索相同的查询形态：全部词项出现（and），词组相邻者得分更高。 */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private List<String> ids(String q) throws Exception {
        SearchResponse<Map> r = es.search(s -> s.index(indexName).query(qb -> qb.bool(b -> b
                .must(m -> m.match(mt -> mt.field("content").query(q).operator(co.elastic.clients.elasticsearch._types.query_dsl.Operator.And)))
                .should(sh -> sh.matchPhrase(mp -> mp.field("content").query(q))))), Map.class);
        return r.hits().hits().stream().map(h -> h.id()).toList();
    }

    private void send(TaskMessage task) throws Exception {
        producer.send(new ProducerRecord<>(Topics.task(TaskTypes.INDEX), "g".getBytes(StandardCharsets.UTF_8), task.toByteArray())).get();
    }

    private static Message message(long id, String conv, String content) {
        return Message.newBuilder().setId(id).setConversationId(conv).setSenderId(7).setType(MessageType.MESSAGE_TYPE_TEXT)
                .setContent(content).setSeq(id).setCreatedAt(System.currentTimeMillis()).build();
    }

    private static TaskMessage index(Message m, IndexTask.Action action) {
        return TaskMessage.newBuilder().setTaskType(TaskTypes.INDEX).setTaskId("index:" + m.getId())
                .setIndex(IndexTask.newBuilder().setAction(action).setMessage(m)).build();
    }
}
