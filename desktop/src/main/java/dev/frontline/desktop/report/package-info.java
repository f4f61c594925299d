/** A supervisor's Reports and Administration windows and their view models (issue 24). */
package dev.frontline.desktop.report;
