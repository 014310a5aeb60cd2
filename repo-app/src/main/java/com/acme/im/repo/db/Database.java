package com.acme.im.repo.db;

import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * 显式管理连接与事务的 JDBC 入口。
 * 选择手写 SQL 而非派生查询，是因为序列号分配、INSERT IGNORE、GREATEST 等语句需要精确控制；
 * 事务边界在此显式可见，避免自调用绕过 @Transactional 之类的隐患。
 */
@Singleton
public class Database {

    /** MySQL/MariaDB 的唯一键冲突错误码。 */
    public static final int DUPLICATE_KEY = 1062;
    private static final int DEADLOCK = 1213;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int MAX_ATTEMPTS = 5;
    /** {@link #inPipelinedTransaction} 的第一条语句的前缀。 */
    public static final String BEGIN = "START TRANSACTION; ";
    /** {@link #inPipelinedTransaction} 的最后一条语句的后缀。 */
    public static final String COMMIT = "; COMMIT";

    /** 当前线程正在执行的数据库调用登记的“提交后”动作；null 表示不在数据库调用中。 */
    private static final ThreadLocal<List<Runnable>> AFTER_COMMIT = new ThreadLocal<>();

    private final DataSource dataSource;

    public Database(DataSource dataSource) {
        // 取出底层 Hikari 数据源，连接的获取与归还完全由本类掌控
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /**
     * 自动提交模式下执行（单条读写语句）。并发写同一索引区间时 InnoDB 也会判定单条语句死锁并回滚它，
     * 此时整体重试；调用方在此执行的语句须可重复执行（INSERT IGNORE、幂等 UPDATE 等）。
     */
    public <T> T run(SqlWork<T> work) {
        return withAfterCommit(() -> runOnce(work));
    }

    /**
     * 登记一个在本线程当前数据库调用（最外层的 run / inTransaction / inPipelinedTransaction）结束后执行的动作，
     * 用来在提交后作废缓存：动作在事务提交之后才跑，读者不会在提交前把旧值当成新值。调用失败（回滚）时也照样执行——
     * 多作废一次无害，而自动提交模式下失败的调用可能已经提交了一部分。不在数据库调用中时立即执行。
     */
    public static void afterCommit(Runnable action) {
        List<Runnable> pending = AFTER_COMMIT.get();
        if (pending == null) {
            action.run();
        } else {
            pending.add(action);
        }
    }

    private static <T> T withAfterCommit(Supplier<T> call) {
        if (AFTER_COMMIT.get() != null) {
            // 嵌套调用：动作由最外层在结束时执行
            return call.get();
        }
        List<Runnable> pending = new ArrayList<>();
        AFTER_COMMIT.set(pending);
        try {
            return call.get();
        } finally {
            AFTER_COMMIT.remove();
            for (Runnable action : pending) {
                action.run();
            }
        }
    }

    private <T> T runOnce(SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                return work.run(c);
            } catch (SQLException e) {
                if (isRetryable(e) && attempt < MAX_ATTEMPTS) {
                    continue;
                }
                throw translate(e);
            }
        }
    }

    /** 在一个事务中执行；死锁与锁等待超时时整体重试，其余异常回滚后抛出。 */
    public <T> T inTransaction(SqlWork<T> work) {
        return withAfterCommit(() -> inTransactionOnce(work));
    }

    private <T> T inTransactionOnce(SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException | Error e) {
                    rollbackQuietly(c);
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                if (isRetryable(e) && attempt < MAX_ATTEMPTS) {
                    continue;
                }
                throw translate(e);
            }
        }
    }

    /**
     * 显式事务，给热路径用：连接保持自动提交，由 work 的第一条语句以 {@link #BEGIN} 开头、最后一条以 {@link #COMMIT}
     * 结尾（连接开了 allowMultiQueries，同一次往返里发出）。与 {@link #inTransaction} 相比省掉 autocommit 的两次切换
     * 与单独的 COMMIT，一个事务少三次数据库往返。work 抛出时回滚；死锁与锁等待超时时整体重试。
     */
    public <T> T inPipelinedTransaction(SqlWork<T> work) {
        return withAfterCommit(() -> inPipelinedTransactionOnce(work));
    }

    private <T> T inPipelinedTransactionOnce(SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                try {
                    return work.run(c);
                } catch (SQLException | RuntimeException | Error e) {
                    rollbackStatement(c);
                    throw e;
                }
            } catch (SQLException e) {
                if (isRetryable(e) && attempt < MAX_ATTEMPTS) {
                    continue;
                }
                throw translate(e);
            }
        }
    }

    /** 是否为唯一键冲突，且冲突的是指定索引（索引名为 null 时任何唯一键都算）。 */
    public static boolean isDuplicateKey(SQLException e, String indexName) {
        if (e.getErrorCode() != DUPLICATE_KEY && !"23000".equals(e.getSQLState())) {
            return false;
        }
        return indexName == null || (e.getMessage() != null && e.getMessage().contains(indexName));
    }

    private static boolean isRetryable(SQLException e) {
        return e.getErrorCode() == DEADLOCK || e.getErrorCode() == LOCK_WAIT_TIMEOUT;
    }

    /** 自动提交模式下用语句回滚（没有进行中的事务时是空操作）；失败时关掉连接，连接池丢弃它而不是带着未结束的事务复用。 */
    private static void rollbackStatement(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            abortQuietly(c);
        }
    }

    private static void abortQuietly(Connection c) {
        try {
            c.abort(Runnable::run);
        } catch (SQLException ignored) {
            // 已经坏掉的连接
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // 连接已坏时回滚失败无所谓，连接池会丢弃它
        }
    }

    private static ImException translate(SQLException e) {
        if (e instanceof SQLTransientConnectionException) {
            // 连接池耗尽或数据库不可达：告诉调用方稍后重试
            return new ImException(ErrorCode.UNAVAILABLE, "database unavailable", e);
        }
        return new ImException(ErrorCode.INTERNAL, ErrorCode.INTERNAL.defaultMessage(), e);
    }
}
