/** Call recordings on the desk: listing a call's recordings and playing (or saving) their audio. */
package dev.frontline.desktop.recording;
