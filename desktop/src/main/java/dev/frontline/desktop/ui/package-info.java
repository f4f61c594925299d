/** Small shared UI builders and widgets (no view models, no network). */
package dev.frontline.desktop.ui;
