/** Customers, lookup by phone / contract, PIN verification, import. */
package dev.frontline.core.customer;
