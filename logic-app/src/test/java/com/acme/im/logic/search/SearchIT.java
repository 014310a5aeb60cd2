package com.acme.im.logic.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import com.acme.im.logic.support.LogicItSupport;
import com.acme.im.proto.logic.v1.OpenSingleConversationRequest;
import com.acme.im.proto.logic.v1.SearchMessagesRequest;
import com.acme.im.proto.logic.v1.SearchMessagesResponse;
import com.acme.im.proto.logic.v1.SearchServiceGrpc;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 经 logic-app 的 SearchService 搜索真实 Elasticsearch：中文与英文都能找到，
 * 永远不返回调用者不在其中的会话（别人的私聊），指定别人的会话返回 1003。
 * 文档按 index-function 的映射写入（index-function 自己的测试覆盖 Kafka→索引这一段）。
 */
@MicronautTest(environments = "test")
class SearchIT extends LogicItSupport {

    static final String MAPPING = """
            {"dynamic":"strict","properties":{
              "message_id":{"type":"keyword"},"conversation_id":{"type":"keyword"},"sender_id":{"type":"long"},
              "type":{"type":"keyword"},"content":{"type":"text","analyzer":"standard"},"seq":{"type":"long"},
              "created_at":{"type":"date","format":"epoch_millis"}}}
            """;

    final String index = "im-messages-search-it-" + run;

    @Inject
    ElasticsearchClient es;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("im.search.index", index);
        return p;
    }

    @AfterAll
    void dropIndex() throws Exception {
        es.indices().delete(d -> d.index(index));
    }

    @Test
    void findsChineseAndEnglishOnlyInCallersConversations() throws Exception {
        long alice = register("alice").getUser().getId();
        long bob = register("bob").getUser().getId();
        long carol = register("carol").getUser().getId();
        String ab = conversations().openSingleConversation(OpenSingleConversationRequest.newBuilder()
                .setUserId(alice).setPeerUserId(bob).build()).getConversationId();
        String bc = conversations().openSingleConversation(OpenSingleConversationRequest.newBuilder()
                .setUserId(bob).setPeerUserId(carol).build()).getConversationId();

        es.indices().create(c -> c.index(index).mappings(m -> m.withJson(new StringReader(MAPPING))));
        doc(1, ab, alice, "我们明天下午讨论搜索功能的上线计划");
        doc(2, ab, bob, "Quarterly roadmap review with the search team");
        doc(3, bc, bob, "secret roadmap 讨论搜索 only for carol");

        SearchMessagesResponse zh = search(alice, "讨论搜索", "");
        assertEquals(List.of(1L), ids(zh));
        assertEquals(1, zh.getTotal());
        assertEquals(List.of(2L), ids(search(alice, "ROADMAP", "")));
        assertEquals(List.of(2L), ids(search(alice, "roadmap review", ab)));
        // bob 两个会话都在，能看到两条
        assertEquals(2, search(bob, "roadmap", "").getTotal());
        // carol 看不到 alice 与 bob 的私聊
        assertEquals(List.of(3L), ids(search(carol, "roadmap", "")));
        assertEquals(1003, errorCodeOf(() -> search(alice, "roadmap", bc)));
        assertEquals(1001, errorCodeOf(() -> search(alice, " ", "")));
        assertEquals(1001, errorCodeOf(() -> search(alice, "x".repeat(101), "")));
        assertTrue(search(alice, "不存在的词语", "").getHitsList().isEmpty());
    }

    private SearchMessagesResponse search(long user, String q, String conversationId) {
        return SearchServiceGrpc.newBlockingStub(channel).searchMessages(SearchMessagesRequest.newBuilder()
                .setUserId(user).setQuery(q).setConversationId(conversationId).setPage(1).setPageSize(10).build());
    }

    private static List<Long> ids(SearchMessagesResponse r) {
        return r.getHitsList().stream().map(h -> h.getMessage().getId()).toList();
    }

    private void doc(long id, String conversationId, long sender, String content) throws Exception {
        Map<String, Object> d = Map.of("message_id", String.valueOf(id), "conversation_id", conversationId,
                "sender_id", sender, "type", "MESSAGE_TYPE_TEXT", "content", content, "seq", id,
                "created_at", System.currentTimeMillis());
        es.index(i -> i.index(index).id(String.valueOf(id)).document(d).refresh(Refresh.True));
    }
}
