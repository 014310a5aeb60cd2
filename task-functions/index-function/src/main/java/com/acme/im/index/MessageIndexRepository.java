package com.acme.im.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import com.acme.im.proto.common.v1.Message;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 消息索引的读写：启动时按显式映射建索引（已存在则不动），bulk 写入，文档 ID = 消息 ID 保证幂等。
 *
 * 映射说明：本地 Elasticsearch 缺少 analysis-common（没有 cjk、ngram、smartcn/ICU），
 * 只有 standard 分析器；它把中文切成单字、英文按词切分并小写，配合 match（and）+ match_phrase
 * 即可让中英文都可搜索。有 ICU/IK 插件的集群可把 content 的 analyzer 改为对应分析器。
 */
@Singleton
public class MessageIndexRepository implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(MessageIndexRepository.class);

    /** 显式映射：ID 类字段为 keyword（精确过滤），内容为 text。 */
    static final String MAPPING = """
            {
              "dynamic": "strict",
              "properties": {
                "message_id": {"type": "keyword"},
                "conversation_id": {"type": "keyword"},
                "sender_id": {"type": "long"},
                "type": {"type": "keyword"},
                "content": {"type": "text", "analyzer": "standard"},
                "seq": {"type": "long"},
                "created_at": {"type": "date", "format": "epoch_millis"}
              }
            }
            """;

    private final ElasticsearchClient client;
    private final IndexConfiguration config;
    private volatile boolean indexReady;

    public MessageIndexRepository(ElasticsearchClient client, IndexConfiguration config) {
        this.client = client;
        this.config = config;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        try {
            ensureIndex();
        } catch (IOException | RuntimeException e) {
            // Elasticsearch 暂不可用不阻止启动，第一次写入前会再试
            LOG.warn("could not prepare index {} at startup: {}", config.getName(), e.toString());
        }
    }

    /** 索引不存在时按显式映射创建；并发创建时对方已建好也算成功。 */
    public void ensureIndex() throws IOException {
        if (indexReady) {
            return;
        }
        String name = config.getName();
        if (!client.indices().exists(e -> e.index(name)).value()) {
            try {
                client.indices().create(c -> c.index(name)
                        .settings(s -> s.numberOfShards(String.valueOf(config.getShards()))
                                .numberOfReplicas(String.valueOf(config.getReplicas())))
                        .mappings(m -> m.withJson(new StringReader(MAPPING))));
                LOG.info("created index {}", name);
            } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
                if (!"resource_already_exists_exception".equals(e.error().type())) {
                    throw e;
                }
            }
        }
        indexReady = true;
    }

    /** 一次 bulk 写入：upsert 的消息按 ID 覆盖，delete 的按 ID 删除（不存在不算错）。 */
    public void bulk(List<Message> upserts, List<Long> deletes) throws IOException {
        if (upserts.isEmpty() && deletes.isEmpty()) {
            return;
        }
        ensureIndex();
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(config.getName());
        if (config.isRefreshOnWrite()) {
            bulk.refresh(Refresh.WaitFor);
        }
        for (Message m : upserts) {
            Map<String, Object> doc = document(m);
            bulk.operations(op -> op.index(i -> i.id(String.valueOf(m.getId())).document(doc)));
        }
        for (Long id : deletes) {
            bulk.operations(op -> op.delete(d -> d.id(String.valueOf(id))));
        }
        BulkResponse response = client.bulk(bulk.build());
        if (response.errors()) {
            StringBuilder sb = new StringBuilder();
            for (BulkResponseItem item : response.items()) {
                boolean deleteMissing = item.status() == 404 && item.operationType() != null
                        && "delete".equals(item.operationType().jsonValue());
                if (item.error() != null && !deleteMissing) {
                    sb.append(item.id()).append(": ").append(item.error().type()).append(" ").append(item.error().reason()).append("; ");
                }
            }
            if (!sb.isEmpty()) {
                throw new IOException("bulk indexing failed for " + sb);
            }
        }
    }

    static Map<String, Object> document(Message m) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("message_id", String.valueOf(m.getId()));
        doc.put("conversation_id", m.getConversationId());
        doc.put("sender_id", m.getSenderId());
        doc.put("type", m.getType().name());
        doc.put("content", m.getContent());
        doc.put("seq", m.getSeq());
        doc.put("created_at", m.getCreatedAt());
        return doc;
    }
}
