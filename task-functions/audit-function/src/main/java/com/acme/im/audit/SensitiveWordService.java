package com.acme.im.audit;

import com.acme.im.proto.repo.v1.GetSensitiveWordsRequest;
import com.acme.im.proto.repo.v1.GetSensitiveWordsResponse;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * 敏感词自动机 = 内置词（配置列表 + 词表文件，启动时读一次；文件不可读时拒绝启动）+ 运行时词表（管理后台维护，存在 repo）。
 * 运行时词表按版本拉取：取自动机时若距上次核对已超过 reload-interval，就带着已知版本问一次 repo，
 * 版本变了才重建自动机——改词不用重启，常驻进程与 Lambda 都适用（Lambda 没有后台线程，所以在使用时核对）。
 * repo 暂不可用时沿用当前自动机并记警告，下一个间隔再试。
 */
@Singleton
public class SensitiveWordService {

    private static final Logger LOG = LoggerFactory.getLogger(SensitiveWordService.class);

    private final List<String> baseWords;
    private final RepoClients repo;
    private final long reloadNanos;
    private final LongSupplier clock;
    private volatile SensitiveWordMatcher matcher;
    private volatile long version;
    private volatile long lastCheck;
    private volatile boolean checkedOnce;

    @Inject
    public SensitiveWordService(AuditConfiguration config, RepoClients repo) {
        this(config, repo, System::nanoTime);
    }

    SensitiveWordService(AuditConfiguration config, RepoClients repo, LongSupplier clock) {
        this.repo = repo;
        this.clock = clock;
        this.reloadNanos = config.getReloadInterval().toNanos();
        List<String> words = new ArrayList<>(config.getWords());
        if (config.getWordsFile() != null && !config.getWordsFile().isBlank()) {
            try {
                for (String line : Files.readAllLines(Path.of(config.getWordsFile()), StandardCharsets.UTF_8)) {
                    if (!line.isBlank() && !line.strip().startsWith("#")) {
                        words.add(line.strip());
                    }
                }
            } catch (IOException e) {
                throw new ConfigurationException("cannot read sensitive word file " + config.getWordsFile() + ": " + e.getMessage());
            }
        }
        this.baseWords = List.copyOf(words);
        this.matcher = SensitiveWordMatcher.of(baseWords);
        LOG.info("sensitive word automaton built with {} configured words, policy={}, runtime list reload every {}",
                matcher.size(), config.getPolicy(), config.getReloadInterval());
    }

    /** 当前自动机；需要时先核对运行时词表版本。 */
    public SensitiveWordMatcher matcher() {
        if (reloadNanos > 0 && (!checkedOnce || clock.getAsLong() - lastCheck >= reloadNanos)) {
            reload();
        }
        return matcher;
    }

    /** 当前运行时词表版本（0 表示还没取到）。 */
    public long version() {
        return version;
    }

    /** 核对一次；并发调用只让一个线程去问 repo，其余沿用当前自动机。 */
    private synchronized void reload() {
        long now = clock.getAsLong();
        if (checkedOnce && now - lastCheck < reloadNanos) {
            return;
        }
        lastCheck = now;
        checkedOnce = true;
        try {
            GetSensitiveWordsResponse r = repo.wordList().getSensitiveWords(GetSensitiveWordsRequest.newBuilder()
                    .setKnownVersion(version).build());
            if (r.getUnchanged() || (r.getVersion() == version && version != 0)) {
                return;
            }
            List<String> all = new ArrayList<>(baseWords);
            all.addAll(r.getWordsList());
            matcher = SensitiveWordMatcher.of(all);
            version = r.getVersion();
            LOG.info("sensitive word automaton rebuilt: version {}, {} runtime words, {} in total", r.getVersion(),
                    r.getWordsCount(), matcher.size());
        } catch (RuntimeException e) {
            LOG.warn("runtime sensitive word list not loaded (keeping {} words): {}", matcher.size(), e.toString());
        }
    }
}
