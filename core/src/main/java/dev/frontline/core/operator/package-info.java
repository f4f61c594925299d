/** Operators and supervisors: accounts, roles, skills, languages, phone endpoints, password checks. */
package dev.frontline.core.operator;
