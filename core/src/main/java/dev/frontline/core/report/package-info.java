/** Historical reports over the call log and the tables the desk keeps: periods, intervals, breakdowns. */
package dev.frontline.core.report;
