package com.acme.im.repo.db;

import com.acme.im.runtime.error.ImException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 显式事务与多语句收尾：一起提交、一起回滚，出错后连接不带着未结束的事务回到连接池；自增设置读得出来。
 */
@MicronautTest
class SqlPipelineIT {

    @Inject
    Database db;

    @Inject
    AutoIncrement autoIncrement;

    private long base;

    @BeforeEach
    void table() {
        db.run(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS pipeline_probe (id BIGINT PRIMARY KEY, v BIGINT NOT NULL)");
            }
            return null;
        });
        base = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    }

    private Map<Long, Long> rows() {
        return db.run(c -> {
            Map<Long, Long> out = new java.util.HashMap<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, v FROM pipeline_probe WHERE id BETWEEN " + base + " AND " + (base + 10))) {
                while (rs.next()) {
                    out.put(rs.getLong(1) - base, rs.getLong(2));
                }
            }
            return out;
        });
    }

    private boolean inTransaction() {
        return db.run(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@in_transaction")) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        });
    }

    @Test
    void theTailAndTheCommitGoInOneRoundTripAndAreAllApplied() {
        db.inPipelinedTransaction(c -> {
            SqlPipeline.query(c, Database.BEGIN, "SELECT COUNT(*) FROM pipeline_probe WHERE id = ?", List.of(base), rs -> {
                rs.next();
                return rs.getLong(1);
            });
            new SqlPipeline()
                    .add("INSERT INTO pipeline_probe (id, v) VALUES (?, ?)", base + 1, 10L)
                    .add("INSERT INTO pipeline_probe (id, v) VALUES (?, ?)", base + 2, 20L)
                    .add("UPDATE pipeline_probe SET v = v + ? WHERE id = ?", 5L, base + 1)
                    .executeAndCommit(c);
            return null;
        });
        assertEquals(Map.of(1L, 15L, 2L, 20L), rows());
        assertTrue(!inTransaction(), "no transaction left open");
    }

    @Test
    void aFailingStatementInTheTailRollsEverythingBack() {
        assertThrows(ImException.class, () -> db.inPipelinedTransaction(c -> {
            SqlPipeline.query(c, Database.BEGIN, "SELECT ?", List.of(1L), rs -> null);
            try (var ps = c.prepareStatement("INSERT INTO pipeline_probe (id, v) VALUES (?, 1)")) {
                ps.setLong(1, base + 3);
                ps.executeUpdate();
            }
            // 第二条撞主键：整个事务回滚，包括前面已执行的插入
            new SqlPipeline()
                    .add("INSERT INTO pipeline_probe (id, v) VALUES (?, ?)", base + 4, 1L)
                    .add("INSERT INTO pipeline_probe (id, v) VALUES (?, ?)", base + 3, 1L)
                    .executeAndCommit(c);
            return null;
        }));
        assertEquals(Map.of(), rows());
        assertTrue(!inTransaction(), "the connection went back to the pool without an open transaction");
    }

    @Test
    void anExceptionInTheWorkRollsBack() {
        assertThrows(IllegalStateException.class, () -> db.inPipelinedTransaction(c -> {
            SqlPipeline.query(c, Database.BEGIN, "SELECT ?", List.of(1L), rs -> null);
            try (var ps = c.prepareStatement("INSERT INTO pipeline_probe (id, v) VALUES (?, 1)")) {
                ps.setLong(1, base + 5);
                ps.executeUpdate();
            }
            throw new IllegalStateException("abandon");
        }));
        assertEquals(Map.of(), rows());
        assertTrue(!inTransaction());
    }

    @Test
    void theServersAutoIncrementSettingsAreRead() {
        AutoIncrement.Settings s = db.run(autoIncrement::settings);
        // 本机 MariaDB 10.11 默认 innodb_autoinc_lock_mode=1、步长 1
        assertTrue(s.consecutive());
        assertEquals(1, s.increment());
    }
}
