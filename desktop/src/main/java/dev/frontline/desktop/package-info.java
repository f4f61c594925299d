/** The desktop application: start-up, settings, windows; views live in feature packages. */
package dev.frontline.desktop;
