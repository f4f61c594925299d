/** Slow hashing (bcrypt) of operator passwords and customer PINs. */
package dev.frontline.core.security;
