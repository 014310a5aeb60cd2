package com.acme.im.repo.message;

import com.acme.im.repo.Checks;
import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.repo.conversation.ConversationRepository;
import com.acme.im.repo.conversation.ConversationService;
import com.acme.im.repo.conversation.UserConversationKey;
import com.acme.im.repo.contact.ContactRepository;
import com.acme.im.repo.db.AutoIncrement;
import com.acme.im.repo.db.Database;
import com.acme.im.repo.file.FileReferences;
import com.acme.im.repo.db.SqlPipeline;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 批量保存消息：一批只需固定几次数据库往返，与批大小无关。
 * 1) 一条 SELECT 按幂等键找出已保存的消息（单聊另有一条查拉黑）；2) 一个事务三次往返：开事务并按会话 ID 升序
 * 锁住会话行（SELECT … FOR UPDATE，所有批次同序加锁，互不死锁），在内存中为每个会话分配连续 seq；
 * 多行 INSERT（自增连续时 ID 直接推出，否则按 seq 区间查回）；写回 max_seq/最后一条消息、推进发送者已读位置
 * 与 @ 位置，连同 COMMIT 一次发出。
 * 保证与单条保存相同：seq 严格递增无空洞（事务回滚时 max_seq 一并回退）、同一 client_msg_id 只存一次。
 * 与并发的单条保存撞上唯一键时整批回滚，退回逐条保存，由逐条路径处理重复。
 */
@Singleton
public class MessageBatchService {

    /** 一批最多的消息数。 */
    public static final int MAX_BATCH = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(MessageBatchService.class);

    private final Database db;
    private final MessageRepository messages;
    private final ConversationRepository conversations;
    private final ConversationService conversationService;
    private final MessageService single;
    private final AutoIncrement autoIncrement;
    private final ContactRepository contacts;
    private final FileReferences fileReferences;

    public MessageBatchService(Database db, MessageRepository messages, ConversationRepository conversations,
                               ConversationService conversationService, MessageService single,
                               FileReferences fileReferences, AutoIncrement autoIncrement,
                               ContactRepository contacts) {
        this.db = db;
        this.messages = messages;
        this.conversations = conversations;
        this.conversationService = conversationService;
        this.single = single;
        this.autoIncrement = autoIncrement;
        this.contacts = contacts;
        this.fileReferences = fileReferences;
    }

    /** 保存一批消息，结果与入参一一对应；只有基础设施故障才整体抛出。 */
    public List<BatchSaveResult> saveAll(List<SaveCommand> commands) {
        return saveAll(commands, false);
    }

    /**
     * 同上。单聊里对方拉黑了发送者的消息得到 5003；friendsOnly 时非好友之间的单聊消息得到 5001
     * （已保存消息的重发同样被拒：拉黑之后发送者不再得到该会话的任何确认）。
     */
    public List<BatchSaveResult> saveAll(List<SaveCommand> commands, boolean friendsOnly) {
        Checks.require(commands.size() <= MAX_BATCH, "at most " + MAX_BATCH + " messages per batch");
        // 图片/文件消息先核对引用的文件（一次批量 SELECT）并改写内容；引用不合法的那条得到错误，其余照常保存
        List<FileReferences.Resolved> resolved = fileReferences.resolveAll(commands);
        if (resolved.stream().allMatch(r -> r.error() == null)) {
            return saveResolved(resolved.stream().map(FileReferences.Resolved::command).toList(), friendsOnly);
        }
        List<SaveCommand> accepted = new ArrayList<>();
        for (FileReferences.Resolved r : resolved) {
            if (r.error() == null) {
                accepted.add(r.command());
            }
        }
        List<BatchSaveResult> saved = accepted.isEmpty() ? List.of() : saveResolved(accepted, friendsOnly);
        List<BatchSaveResult> out = new ArrayList<>(commands.size());
        int next = 0;
        for (FileReferences.Resolved r : resolved) {
            out.add(r.error() != null ? BatchSaveResult.failed(r.error()) : saved.get(next++));
        }
        return out;
    }

    /** 保存文件引用已核对过的一批消息。 */
    private List<BatchSaveResult> saveResolved(List<SaveCommand> commands, boolean friendsOnly) {
        Checks.require(commands.size() <= MAX_BATCH, "at most " + MAX_BATCH + " messages per batch");
        BatchSaveResult[] results = new BatchSaveResult[commands.size()];
        Map<Integer, ConversationId> valid = new LinkedHashMap<>();
        for (int i = 0; i < commands.size(); i++) {
            try {
                valid.put(i, single.validate(commands.get(i)));
            } catch (ImException e) {
                results[i] = BatchSaveResult.failed(e);
            }
        }
        checkRelations(commands, valid, results, friendsOnly);
        if (valid.isEmpty()) {
            return Arrays.asList(results);
        }
        List<SaveCommand> validCommands = valid.keySet().stream().map(commands::get).toList();
        Map<String, MessageRepository.StoredMessage> existing = db.run(c -> messages.findByClientMsgIds(c, validCommands));
        Map<String, Integer> firstIndex = new HashMap<>();
        List<Integer> fresh = new ArrayList<>();
        for (int i : valid.keySet()) {
            SaveCommand cmd = commands.get(i);
            String key = MessageRepository.clientKey(cmd.senderId(), cmd.clientMsgId());
            MessageRepository.StoredMessage stored = existing.get(key);
            if (stored != null) {
                results[i] = BatchSaveResult.saved(stored.message(), true, stored.source());
            } else if (firstIndex.putIfAbsent(key, i) == null) {
                fresh.add(i);
            }
        }
        checkReplyTargets(commands, valid, fresh, results);
        checkMentionTargets(commands, valid, fresh, results);
        if (!fresh.isEmpty()) {
            insertFresh(commands, valid, fresh, results);
        }
        // 批内重复出现的幂等键：与第一次出现的结果相同，标记为重复
        for (int i : valid.keySet()) {
            if (results[i] == null) {
                SaveCommand cmd = commands.get(i);
                BatchSaveResult first = results[firstIndex.get(MessageRepository.clientKey(cmd.senderId(), cmd.clientMsgId()))];
                results[i] = first.error() != null ? first : BatchSaveResult.saved(first.message(), true, first.source());
            }
        }
        return Arrays.asList(results);
    }

    /**
     * 单聊的拉黑与“仅好友”检查：整批一条查 blocks（friendsOnly 时再一条查 friendships），被拒的从 valid 中拿掉。
     */
    private void checkRelations(List<SaveCommand> commands, Map<Integer, ConversationId> valid, BatchSaveResult[] results,
                                boolean friendsOnly) {
        Set<Long> senders = new LinkedHashSet<>();
        Set<Long> peers = new LinkedHashSet<>();
        valid.forEach((i, id) -> {
            if (id.isSingle()) {
                long sender = commands.get(i).senderId();
                senders.add(sender);
                peers.add(id.peerOf(sender));
            }
        });
        if (senders.isEmpty()) {
            return;
        }
        Set<String>[] edges = db.run(c -> {
            @SuppressWarnings("unchecked")
            Set<String>[] out = new Set[] {contacts.edges(c, "blocks", peers, senders),
                    friendsOnly ? contacts.edges(c, "friendships", senders, peers) : Set.of()};
            return out;
        });
        valid.entrySet().removeIf(e -> {
            if (!e.getValue().isSingle()) {
                return false;
            }
            long sender = commands.get(e.getKey()).senderId();
            long peer = e.getValue().peerOf(sender);
            ImException refused = edges[0].contains(peer + ":" + sender)
                    ? new ImException(ErrorCode.BLOCKED, "the recipient has blocked you")
                    : friendsOnly && !edges[1].contains(sender + ":" + peer)
                    ? new ImException(ErrorCode.NOT_FRIENDS, "one-to-one chat is limited to friends")
                    : null;
            if (refused != null) {
                results[e.getKey()] = BatchSaveResult.failed(refused);
                return true;
            }
            return false;
        });
    }

    /**
     * 新消息的 reply_to 一次查完：目标不存在或属于别的会话的那条得到 3006，其余照常保存。
     * 被引用的消息只能是已保存的（客户端拿到 ack 才知道消息 ID），所以不必考虑同批内的引用。
     */
    private void checkReplyTargets(List<SaveCommand> commands, Map<Integer, ConversationId> valid, List<Integer> fresh,
                                   BatchSaveResult[] results) {
        Set<Long> targets = new LinkedHashSet<>();
        for (int i : fresh) {
            if (commands.get(i).replyTo() > 0) {
                targets.add(commands.get(i).replyTo());
            }
        }
        if (targets.isEmpty()) {
            return;
        }
        Map<Long, String> found = db.run(c -> messages.conversationsOf(c, targets));
        fresh.removeIf(i -> {
            long target = commands.get(i).replyTo();
            if (target > 0 && !valid.get(i).value().equals(found.get(target))) {
                results[i] = BatchSaveResult.failed(new ImException(ErrorCode.REPLY_TARGET_NOT_FOUND,
                        "reply_to " + target + " is not a message of this conversation"));
                return true;
            }
            return false;
        });
    }

    /**
     * 新消息里被 @ 的用户一次查完是否为群成员（整批一条 SELECT）：有非成员的那条得到 3011，其余照常保存。
     */
    private void checkMentionTargets(List<SaveCommand> commands, Map<Integer, ConversationId> valid, List<Integer> fresh,
                                     BatchSaveResult[] results) {
        Map<Long, Set<Long>> wanted = new LinkedHashMap<>();
        for (int i : fresh) {
            Mentions m = commands.get(i).mentions().normalized();
            if (!m.userIds().isEmpty()) {
                wanted.computeIfAbsent(valid.get(i).groupId(), g -> new LinkedHashSet<>()).addAll(m.userIds());
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        Map<Long, Set<Long>> found = db.run(c -> messages.groupMembersAmong(c, wanted));
        fresh.removeIf(i -> {
            ImException refused = MessageService.mentionRefusal(valid.get(i), commands.get(i).mentions().normalized(), found);
            if (refused != null) {
                results[i] = BatchSaveResult.failed(refused);
                return true;
            }
            return false;
        });
    }

    private void insertFresh(List<SaveCommand> commands, Map<Integer, ConversationId> valid, List<Integer> fresh,
                             BatchSaveResult[] results) {
        long now = System.currentTimeMillis();
        List<Integer> pending = new ArrayList<>(fresh);
        for (int attempt = 0; attempt < 3 && !pending.isEmpty(); attempt++) {
            Set<String> ids = new LinkedHashSet<>();
            pending.forEach(i -> ids.add(valid.get(i).value()));
            try {
                List<Integer> batch = List.copyOf(pending);
                Map<Integer, MessageRecord> saved = db.inPipelinedTransaction(c -> {
                    // 往返 1：开事务并锁会话行
                    Map<String, Long> maxSeqs = conversations.lockMaxSeqs(c, ids, Database.BEGIN);
                    if (maxSeqs.size() < ids.size()) {
                        Set<String> missing = new LinkedHashSet<>(ids);
                        missing.removeAll(maxSeqs.keySet());
                        throw new MissingConversations(missing);
                    }
                    List<MessageRepository.NewMessage> rows = new ArrayList<>(batch.size());
                    Map<String, long[]> ranges = new LinkedHashMap<>();
                    for (int i : batch) {
                        SaveCommand cmd = commands.get(i);
                        String conv = valid.get(i).value();
                        long seq = maxSeqs.merge(conv, 1L, Long::sum);
                        ranges.computeIfAbsent(conv, k -> new long[]{seq, seq})[1] = seq;
                        rows.add(new MessageRepository.NewMessage(conv, seq, cmd.senderId(), cmd.type(), cmd.content(),
                                cmd.clientMsgId(), now, cmd.source(), cmd.replyTo(), cmd.mentions().normalized()));
                    }
                    // 往返 2：多行插入；自增连续时 ID 直接由第一条推出，否则再按 seq 查回
                    List<Long> newIds = messages.insertAllReturningIds(c, rows, autoIncrement.settings(c));
                    Map<String, Long> idBySeq = newIds == null ? messages.idsBySeq(c, ranges) : null;
                    Map<Integer, MessageRecord> out = new HashMap<>();
                    Map<String, long[]> finish = new LinkedHashMap<>();
                    Map<UserConversationKey, Long> readSeqs = new LinkedHashMap<>();
                    Map<UserConversationKey, Long> mentionSeqs = new LinkedHashMap<>();
                    Map<String, Long> mentionAllSeqs = new LinkedHashMap<>();
                    for (int k = 0; k < batch.size(); k++) {
                        MessageRepository.NewMessage row = rows.get(k);
                        Long id = newIds != null ? newIds.get(k) : idBySeq.get(row.conversationId() + "#" + row.seq());
                        if (id == null) {
                            throw new ImException(ErrorCode.INTERNAL, "inserted message not found");
                        }
                        out.put(batch.get(k), new MessageRecord(id, row.conversationId(), row.seq(), row.senderId(), row.type(),
                                row.content(), row.clientMsgId(), now, row.replyTo(), 0, 0, 0, row.mentions()));
                        finish.put(row.conversationId(), new long[]{row.seq(), id});
                        readSeqs.merge(new UserConversationKey(row.senderId(), row.conversationId()), row.seq(), Math::max);
                        for (long u : row.mentions().userIds()) {
                            mentionSeqs.merge(new UserConversationKey(u, row.conversationId()), row.seq(), Math::max);
                        }
                        if (row.mentions().all()) {
                            mentionAllSeqs.merge(row.conversationId(), row.seq(), Math::max);
                        }
                    }
                    // 往返 3：写回 max_seq 与最后一条消息、推进发送者已读、@ 的成员（整批一条 UPDATE，没有 @ 时不发），连同 COMMIT
                    SqlPipeline tail = new SqlPipeline();
                    conversations.finishBatch(tail, finish, now);
                    conversations.advanceReadSeqs(tail, readSeqs, now);
                    conversations.advanceMentionSeqs(tail, mentionSeqs, mentionAllSeqs, now);
                    tail.executeAndCommit(c);
                    return out;
                });
                saved.forEach((i, m) -> results[i] = BatchSaveResult.saved(m, false, commands.get(i).source()));
                return;
            } catch (MissingConversations e) {
                createMissing(e.missing, valid, pending, results, now);
            } catch (ImException e) {
                if (e.getCause() instanceof SQLException sql && Database.isDuplicateKey(sql, null)) {
                    // 与并发保存撞上唯一键：逐条保存，由逐条路径识别重复
                    LOG.debug("batch save hit a concurrent duplicate, saving {} messages one by one", pending.size());
                    saveOneByOne(commands, pending, results);
                    return;
                }
                throw e;
            }
        }
        if (!pending.isEmpty()) {
            throw new ImException(ErrorCode.INTERNAL, "conversation rows missing after creation");
        }
    }

    /** 首条消息的会话行在各自的短事务中创建（同单条保存）；创建失败（如对方用户不存在）的会话，其消息逐条得到该错误。 */
    private void createMissing(Set<String> missing, Map<Integer, ConversationId> valid, List<Integer> pending,
                               BatchSaveResult[] results, long now) {
        for (String conv : missing) {
            ConversationId id = pending.stream().map(valid::get).filter(x -> x.value().equals(conv)).findFirst().orElseThrow();
            try {
                db.inTransaction(c -> conversationService.ensureRow(c, id, now));
            } catch (ImException e) {
                if (e.errorCode() == ErrorCode.UNAVAILABLE || e.errorCode() == ErrorCode.INTERNAL) {
                    throw e;
                }
                pending.removeIf(i -> {
                    if (valid.get(i).value().equals(conv)) {
                        results[i] = BatchSaveResult.failed(e);
                        return true;
                    }
                    return false;
                });
            }
        }
    }

    private void saveOneByOne(List<SaveCommand> commands, List<Integer> pending, BatchSaveResult[] results) {
        for (int i : pending) {
            try {
                SaveResult r = single.save(commands.get(i));
                results[i] = BatchSaveResult.saved(r.message(), r.duplicate(),
                        r.duplicate() ? MessageSource.NONE : commands.get(i).source());
            } catch (ImException e) {
                if (e.errorCode() == ErrorCode.UNAVAILABLE || e.errorCode() == ErrorCode.INTERNAL) {
                    throw e;
                }
                results[i] = BatchSaveResult.failed(e);
            }
        }
    }

    /** 会话行缺失的信号，只在本类内部流转。 */
    private static final class MissingConversations extends RuntimeException {
        private final transient Set<String> missing;

        MissingConversations(Set<String> missing) {
            super(null, null, false, false);
            this.missing = missing;
        }
    }
}
