package com.acme.im.repo.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * 把几条写语句拼成一次往返（连接开了 allowMultiQueries），参数照常用占位符绑定。
 * 热路径上一个事务的收尾（写回 max_seq、推进已读、@ 位置）连同 COMMIT 只需一次数据库往返。
 */
public final class SqlPipeline {

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> args = new ArrayList<>();
    private int statements;

    /** 追加一条语句；params 依次绑定到它的占位符（Long、Integer、String）。 */
    public SqlPipeline add(String statement, Object... params) {
        return add(statement, List.of(params));
    }

    /** 同上，参数为列表。 */
    public SqlPipeline add(String statement, List<?> params) {
        if (statements++ > 0) {
            sql.append("; ");
        }
        sql.append(statement);
        args.addAll(params);
        return this;
    }

    /** 已追加的语句数。 */
    public int size() {
        return statements;
    }

    /** 一次往返执行全部语句，并在同一往返里提交（{@link Database#inPipelinedTransaction} 的最后一步）。 */
    public void executeAndCommit(Connection c) throws SQLException {
        if (statements == 0) {
            try (PreparedStatement ps = c.prepareStatement("COMMIT")) {
                ps.execute();
            }
            return;
        }
        execute(c, sql + Database.COMMIT);
    }

    /**
     * 前缀语句（如 {@link Database#BEGIN}）与一条查询在同一往返里执行，返回查询的结果交给 reader。
     */
    public static <T> T query(Connection c, String prefix, String query, List<?> params, ResultReader<T> reader)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(prefix + query)) {
            bind(ps, params);
            boolean isResult = ps.execute();
            while (!isResult) {
                if (ps.getUpdateCount() == -1) {
                    throw new SQLException("the query returned no result set: " + query);
                }
                isResult = ps.getMoreResults();
            }
            try (ResultSet rs = ps.getResultSet()) {
                return reader.read(rs);
            }
        }
    }

    /** 一次往返执行全部语句（不提交）。 */
    public void execute(Connection c) throws SQLException {
        execute(c, sql.toString());
    }

    private void execute(Connection c, String text) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(text)) {
            bind(ps, args);
            ps.execute();
            // 逐个取走结果：某条语句出错时驱动在这里抛出，调用方回滚
            while (ps.getMoreResults() || ps.getUpdateCount() != -1) {
                // 只需要把结果读完
            }
        }
    }

    private static void bind(PreparedStatement ps, List<?> params) throws SQLException {
        int i = 1;
        for (Object p : params) {
            if (p instanceof Long l) {
                ps.setLong(i++, l);
            } else if (p instanceof Integer n) {
                ps.setInt(i++, n);
            } else if (p instanceof String s) {
                ps.setString(i++, s);
            } else {
                throw new IllegalArgumentException("unsupported parameter type: " + (p == null ? "null" : p.getClass()));
            }
        }
    }

    /** 读取一个结果集。 */
    @FunctionalInterface
    public interface ResultReader<T> {
        T read(ResultSet rs) throws SQLException;
    }
}
