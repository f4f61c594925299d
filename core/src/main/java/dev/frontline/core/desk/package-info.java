/** The desk's calendar and targets: working hours per weekday, holidays, time zone, answer targets per tier. */
package dev.frontline.core.desk;
