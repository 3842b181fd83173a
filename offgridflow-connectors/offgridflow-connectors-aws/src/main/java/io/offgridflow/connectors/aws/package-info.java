/**
 * AWS Cost and Usage Reports into CCF-compatible energy and emissions: {@link
 * io.offgridflow.connectors.aws.CurConnector} streams CUR 1.0 and CUR 2.0 CSV files (plain, gzip,
 * zip) in constant memory, classifies each row by Cloud Carbon Footprint's rules and aggregates.
 */
@NullMarked
package io.offgridflow.connectors.aws;

import org.jspecify.annotations.NullMarked;
