/** Several servers on one store: one SQLite file per server, one fenced ACD leader on PostgreSQL. */
package dev.frontline.core.cluster;
