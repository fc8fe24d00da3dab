package com.webriskops.webhooks.benchmarks;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

/** PostgreSQL connection pools, and a data source that counts round trips. */
final class Db {
    private Db() {}

    static JdbcConnectionPool pool(String url, int size) {
        PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
        source.setURL(url);
        JdbcConnectionPool pool = JdbcConnectionPool.create(source);
        pool.setMaxConnections(size);
        return pool;
    }

    /**
     * Wraps {@code source} so that every statement execution, commit, rollback and switch back to
     * auto-commit inside a transaction (each one round trip with pgjdbc) adds one to {@code trips}.
     */
    static DataSource counting(DataSource source, AtomicLong trips) {
        return (DataSource) Proxy.newProxyInstance(
                Db.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(source, method, args);
                    if (result instanceof Connection connection) {
                        return countingConnection(connection, trips);
                    }
                    return result;
                });
    }

    private static Connection countingConnection(Connection connection, AtomicLong trips) {
        boolean[] autoCommit = {true};
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("commit") || name.equals("rollback")) {
                trips.incrementAndGet();
            } else if (name.equals("setAutoCommit")) {
                boolean on = (Boolean) args[0];
                if (on && !autoCommit[0]) {
                    trips.incrementAndGet();
                }
                autoCommit[0] = on;
            }
            Object result = invoke(connection, method, args);
            if (result instanceof Statement statement) {
                return countingStatement(statement, method.getReturnType(), trips);
            }
            return result;
        };
        return (Connection)
                Proxy.newProxyInstance(Db.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static Object countingStatement(Statement statement, Class<?> type, AtomicLong trips) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("execute")) {
                trips.incrementAndGet();
            }
            return invoke(statement, method, args);
        };
        return Proxy.newProxyInstance(Db.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
