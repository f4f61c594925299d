/** Callbacks: scheduling windows, business hours, retries and the customer notice when every attempt failed. */
package dev.frontline.core.callback;
