/**
 * JAXB bindings of the XBRL 2.1 instance elements the generator writes; facts are {@code
 * JAXBElement}s whose names come from the taxonomy mapping.
 */
@NullMarked
package io.offgridflow.xbrl.internal.jaxb;

import org.jspecify.annotations.NullMarked;
