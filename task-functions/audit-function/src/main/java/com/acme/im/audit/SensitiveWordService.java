package com.acme.im.audit;

import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * 启动时把配置词表与词表文件合并，构建一次自动机；词表文件不可读时拒绝启动（配置错误要尽早暴露）。
 */
@Singleton
public class SensitiveWordService {

    private static final Logger LOG = LoggerFactory.getLogger(SensitiveWordService.class);

    private final SensitiveWordMatcher matcher;

    public SensitiveWordService(AuditConfiguration config) {
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
        this.matcher = SensitiveWordMatcher.of(words);
        LOG.info("sensitive word automaton built with {} words, policy={}", matcher.size(), config.getPolicy());
    }

    public SensitiveWordMatcher matcher() {
        return matcher;
    }
}
