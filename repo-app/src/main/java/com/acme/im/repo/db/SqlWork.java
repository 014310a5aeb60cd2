package com.acme.im.repo.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * 在一个 JDBC 连接上执行的一段工作；允许抛出 SQLException，由 {@link Database} 统一转换。
 */
@FunctionalInterface
public interface SqlWork<T> {

    T run(Connection connection) throws SQLException;
}
