/** Implementation of the job system; not API, may change without notice. */
@NullMarked
package io.offgridflow.jobs.internal;

import org.jspecify.annotations.NullMarked;
