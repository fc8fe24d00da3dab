package com.webriskops.webhooks.jdbi.internal;

import com.webriskops.webhooks.jdbi.SqlDialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/** Detects the {@link SqlDialect} from JDBC metadata and picks its statements. */
public final class Dialects {
    private Dialects() {}

    /**
     * The dialect of the database behind {@code connection}.
     *
     * @throws IllegalStateException if the database is not one the stores support
     */
    public static SqlDialect detect(Connection connection) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String product = String.valueOf(metaData.getDatabaseProductName()).toLowerCase(Locale.ROOT);
        String version = String.valueOf(metaData.getDatabaseProductVersion()).toLowerCase(Locale.ROOT);
        if (product.contains("postgresql")) {
            return SqlDialect.POSTGRESQL;
        }
        if (product.equals("h2")) {
            return SqlDialect.H2;
        }
        if (product.contains("mariadb") || version.contains("mariadb")) {
            return SqlDialect.MARIADB;
        }
        if (product.contains("mysql")) {
            throw new IllegalStateException("MySQL is not supported yet: the stores need INSERT ... RETURNING,"
                    + " which MariaDB 10.5+ has and MySQL lacks");
        }
        throw new IllegalStateException(
                "unsupported database '" + metaData.getDatabaseProductName() + "'; supported: PostgreSQL, MariaDB, H2");
    }

    /** The SqlObject type holding {@code dialect}'s idempotent response statements. */
    public static Class<? extends ResponseSql> responseSqlType(SqlDialect dialect) {
        switch (dialect) {
            case POSTGRESQL:
                return PostgresResponseSql.class;
            case MARIADB:
                return MariaDbResponseSql.class;
            case H2:
            default:
                return H2ResponseSql.class;
        }
    }
}
