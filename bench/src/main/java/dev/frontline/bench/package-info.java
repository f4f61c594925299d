/** Benchmark mains (not tests): each runs bounded, on loopback only, and prints its numbers. */
package dev.frontline.bench;
