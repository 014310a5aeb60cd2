package com.acme.im.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** 收尾核对：以会话成员的身份从 seq 1 起读出每个会话的全部已存消息。 */
final class HistoryReader {

    private HistoryReader() {
    }

    /**
     * @param members 会话 -> 用谁的身份读（须是成员）
     */
    static Map<String, List<StoredMessage>> read(Map<String, ReliableClient> members, ExecutorService pool) throws Exception {
        Map<String, Future<List<StoredMessage>>> futures = new LinkedHashMap<>();
        members.forEach((conv, client) -> futures.put(conv, pool.submit(() -> readOne(conv, client))));
        Map<String, List<StoredMessage>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Future<List<StoredMessage>>> e : futures.entrySet()) {
            out.put(e.getKey(), e.getValue().get());
        }
        return out;
    }

    private static List<StoredMessage> readOne(String conv, ReliableClient client) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                List<StoredMessage> all = new ArrayList<>();
                long after = 0;
                while (true) {
                    JsonNode page = client.page(conv, after);
                    JsonNode messages = page.path("messages");
                    for (JsonNode m : messages) {
                        long seq = m.path("seq_id").asLong();
                        all.add(new StoredMessage(conv, m.path("message_id").asText(), seq, m.path("client_msg_id").asText("")));
                        after = Math.max(after, seq);
                    }
                    if (!page.path("has_more").asBoolean() || messages.isEmpty()) {
                        return all;
                    }
                }
            } catch (RuntimeException e) {
                if (attempt >= 10) {
                    throw e;
                }
                TimeUnit.SECONDS.sleep(1);
            }
        }
    }
}
