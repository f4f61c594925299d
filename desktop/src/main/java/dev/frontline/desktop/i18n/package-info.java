/** UI texts: resource bundles (English, Russian) and the formatting of times and durations. */
package dev.frontline.desktop.i18n;
