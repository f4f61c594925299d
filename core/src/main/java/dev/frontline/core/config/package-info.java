/** frontline.yaml parsed into validated records; a bad value fails at start with the key path and the reason. */
package dev.frontline.core.config;
