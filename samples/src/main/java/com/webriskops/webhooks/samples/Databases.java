package com.webriskops.webhooks.samples;

import com.webriskops.webhooks.jdbi.JdbiStores;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** Opens {@code --store} JDBC URLs (PostgreSQL, MariaDB/MySQL, H2) and runs the kit's migrations. */
final class Databases {
    private Databases() {}

    /** A data source for {@code jdbcUrl}, migrated; credentials go in the URL's parameters. */
    static DataSource open(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new UsageException("--store must be a JDBC URL (jdbc:postgresql:..., jdbc:mariadb:..., jdbc:h2:...)");
        }
        DataSource dataSource = new UrlDataSource(jdbcUrl);
        try (Connection probe = dataSource.getConnection()) {
            probe.isValid(5);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to --store " + redact(jdbcUrl), e);
        }
        JdbiStores.migrate(dataSource);
        return dataSource;
    }

    /** The durable outbox on {@code dataSource} (already migrated by {@link #open}). */
    static DeliveryStore deliveryStore(DataSource dataSource) {
        return JdbiStores.create(dataSource).deliveryStore();
    }

    /** The URL without its query parameters (where passwords live). */
    static String redact(String jdbcUrl) {
        int cut = jdbcUrl.indexOf('?');
        int semi = jdbcUrl.indexOf(';');
        if (semi >= 0 && (cut < 0 || semi < cut)) {
            cut = semi;
        }
        return cut < 0 ? jdbcUrl : jdbcUrl.substring(0, cut);
    }

    /** A {@link DataSource} over {@link DriverManager}; enough for a command line. */
    private static final class UrlDataSource implements DataSource {
        private final String url;
        private PrintWriter logWriter;
        private int loginTimeout;

        UrlDataSource(String url) {
            this.url = url;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return DriverManager.getConnection(url, username, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return logWriter;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            this.logWriter = out;
        }

        @Override
        public void setLoginTimeout(int seconds) {
            this.loginTimeout = seconds;
        }

        @Override
        public int getLoginTimeout() {
            return loginTimeout;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no parent logger");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new SQLException("not a wrapper of " + type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return type.isInstance(this);
        }

        @Override
        public String toString() {
            return "UrlDataSource[" + redact(url) + "]";
        }
    }
}
