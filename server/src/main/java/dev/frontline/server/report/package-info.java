/** Report exports: CSV for a BI tool or a spreadsheet, PDF with charts for people. */
package dev.frontline.server.report;
