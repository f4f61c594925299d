/** JDBC repositories and Flyway migrations; SQLite by default, PostgreSQL by URL. */
package dev.frontline.core.store;
