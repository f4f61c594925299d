/** CSV imports (customers, operators): read, validate every row, report every error as FILE:LINE: reason. */
package dev.frontline.core.imports;
