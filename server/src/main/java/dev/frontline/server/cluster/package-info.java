/** Several servers on one PostgreSQL: the ACD leader's election and fence, wired into the server (issue 23). */
package dev.frontline.server.cluster;
