/** Asterisk backend: the FastAGI server and script that drive calls through the CallHandler, and the AMI connection. */
package dev.frontline.server.asterisk;
