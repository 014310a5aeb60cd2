package com.acme.im.logic.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.logic.v1.SearchHit;
import com.acme.im.proto.logic.v1.SearchMessagesResponse;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * 在 Elasticsearch 的消息索引里查询。只返回给定会话集合中的消息：会话过滤放在 filter 里，
 * 调用方的权限边界由它保证，不依赖查询词。
 * 查询形态：全部词项都出现（match + and）为必要条件，词组相邻（match_phrase）加分；
 * standard 分析器把中文切成单字，match_phrase 让中文词语按相邻字匹配。
 */
@Singleton
public class MessageSearchRepository {

    private final ElasticsearchClient client;
    private final SearchConfiguration config;

    public MessageSearchRepository(ElasticsearchClient client, SearchConfiguration config) {
        this.client = client;
        this.config = config;
    }

    /** 在会话集合内搜索一页。 */
    @SuppressWarnings("rawtypes")
    public SearchMessagesResponse search(String query, Collection<String> conversationIds, int page, int pageSize) {
        List<FieldValue> convs = conversationIds.stream().map(FieldValue::of).toList();
        SearchResponse<Map> response;
        try {
            response = client.search(s -> s.index(config.getIndex())
                    .from((page - 1) * pageSize)
                    .size(pageSize)
                    .trackTotalHits(t -> t.enabled(true))
                    .query(q -> q.bool(b -> b
                            .filter(f -> f.terms(t -> t.field("conversation_id").terms(v -> v.value(convs))))
                            .must(m -> m.match(mt -> mt.field("content").query(query).operator(Operator.And)))
                            .should(sh -> sh.matchPhrase(mp -> mp.field("content").query(query).boost(2.0f)))))
                    .sort(so -> so.score(sc -> sc.order(SortOrder.Desc)))
                    .sort(so -> so.field(fs -> fs.field("created_at").order(SortOrder.Desc))), Map.class);
        } catch (IOException | RuntimeException e) {
            if (e instanceof co.elastic.clients.elasticsearch._types.ElasticsearchException ee
                    && "index_not_found_exception".equals(ee.error().type())) {
                // 还没有任何消息被索引
                return SearchMessagesResponse.getDefaultInstance();
            }
            throw new ImException(ErrorCode.UNAVAILABLE, "search backend unavailable", e);
        }
        SearchMessagesResponse.Builder out = SearchMessagesResponse.newBuilder()
                .setTotal(response.hits().total() == null ? response.hits().hits().size() : response.hits().total().value());
        for (Hit<Map> hit : response.hits().hits()) {
            out.addHits(SearchHit.newBuilder().setMessage(toMessage(hit.source()))
                    .setScore(hit.score() == null ? 0f : hit.score().floatValue()));
        }
        return out.build();
    }

    private static Message toMessage(Map<?, ?> doc) {
        Message.Builder m = Message.newBuilder()
                .setId(Long.parseLong(String.valueOf(doc.get("message_id"))))
                .setConversationId(String.valueOf(doc.get("conversation_id")))
                .setSenderId(number(doc.get("sender_id")))
                .setContent(doc.get("content") == null ? "" : String.valueOf(doc.get("content")))
                .setSeq(number(doc.get("seq")))
                .setCreatedAt(number(doc.get("created_at")));
        Object type = doc.get("type");
        if (type != null) {
            try {
                m.setType(MessageType.valueOf(String.valueOf(type)));
            } catch (IllegalArgumentException ignored) {
                // 未知类型保持未指定
            }
        }
        return m.build();
    }

    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        return value == null ? 0 : Long.parseLong(String.valueOf(value));
    }
}
