/** The test phone: a dial pad on the simulated line, showing (and playing, where audio works) each prompt. */
package dev.frontline.desktop.phone;
