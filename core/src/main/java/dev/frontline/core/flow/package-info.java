/** Voice-menu flows: the model, the YAML loader and checker, and the pure resumable interpreter. */
package dev.frontline.core.flow;
