/** The demo: starts the real server in-process on a loopback port (the only package that touches the server). */
package dev.frontline.desktop.demo;
