package io.offgridflow.xbrl.internal;

/** Namespaces of XBRL 2.1, XBRL Dimensions and Inline XBRL 1.1. */
public final class XbrlNames {
  public static final String XBRLI = "http://www.xbrl.org/2003/instance";
  public static final String LINK = "http://www.xbrl.org/2003/linkbase";
  public static final String XLINK = "http://www.w3.org/1999/xlink";
  public static final String XBRLDI = "http://xbrl.org/2006/xbrldi";
  public static final String XBRLDT = "http://xbrl.org/2005/xbrldt";
  public static final String IX = "http://www.xbrl.org/2013/inlineXBRL";
  /** Inline XBRL Transformation Registry 4, which defines {@code ixt:num-dot-decimal}. */
  public static final String IXT = "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12";
  public static final String XHTML = "http://www.w3.org/1999/xhtml";
  public static final String XBRL_INSTANCE_XSD = "http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd";
  public static final String XBRLDI_XSD = "http://www.xbrl.org/2006/xbrldi-2006.xsd";
  public static final String INLINE_XSD = "http://www.xbrl.org/2013/inlineXBRL/xhtml-inlinexbrl-1_1.xsd";

  private XbrlNames() {}
}
