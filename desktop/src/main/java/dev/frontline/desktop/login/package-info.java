/** The login screen: server URL, login and password, and the session it yields. */
package dev.frontline.desktop.login;
