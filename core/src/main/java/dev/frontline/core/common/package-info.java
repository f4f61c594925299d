/** Ids and small value types shared by every feature. */
package dev.frontline.core.common;
