package io.offgridflow.xbrl.internal.jaxb;

import io.offgridflow.xbrl.internal.XbrlNames;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.bind.annotation.XmlValue;
import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;
import org.jspecify.annotations.Nullable;

/**
 * The bound elements, one nested class each. Fields are written by the marshaller through
 * reflection; JAXB needs the no-argument constructors.
 */
@SuppressWarnings({"unused", "NullAway"})
public final class XbrlElements {
  private XbrlElements() {}

  /** {@code xbrli:xbrl}. */
  @XmlRootElement(name = "xbrl", namespace = XbrlNames.XBRLI)
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(propOrder = {"schemaRef", "contexts", "units", "facts"})
  public static final class Xbrl {
    @XmlElement(name = "schemaRef", namespace = XbrlNames.LINK, required = true)
    @Nullable SchemaRef schemaRef;

    @XmlElement(name = "context", namespace = XbrlNames.XBRLI)
    List<Context> contexts = new ArrayList<>();

    @XmlElement(name = "unit", namespace = XbrlNames.XBRLI)
    List<Unit> units = new ArrayList<>();

    /** {@code JAXBElement<NumericFact>} and {@code JAXBElement<TextFact>} named by their concepts. */
    @XmlAnyElement
    List<Object> facts = new ArrayList<>();

    public Xbrl() {}

    public Xbrl(SchemaRef schemaRef, List<Context> contexts, List<Unit> units, List<Object> facts) {
      this.schemaRef = schemaRef;
      this.contexts = contexts;
      this.units = units;
      this.facts = facts;
    }

    public List<Context> contexts() {
      return contexts;
    }

    public List<Unit> units() {
      return units;
    }
  }

  /** {@code link:schemaRef}. */
  @XmlAccessorType(XmlAccessType.FIELD)
  public static final class SchemaRef {
    @XmlAttribute(name = "type", namespace = XbrlNames.XLINK, required = true)
    String type = "simple";

    @XmlAttribute(name = "href", namespace = XbrlNames.XLINK, required = true)
    @Nullable String href;

    public SchemaRef() {}

    public SchemaRef(String href) {
      this.href = href;
    }
  }

  /** {@code xbrli:context}. */
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(propOrder = {"entity", "period", "scenario"})
  public static final class Context {
    @XmlAttribute(required = true)
    @Nullable String id;

    @XmlElement(namespace = XbrlNames.XBRLI, required = true)
    @Nullable Entity entity;

    @XmlElement(namespace = XbrlNames.XBRLI, required = true)
    @Nullable Period period;

    @XmlElement(namespace = XbrlNames.XBRLI)
    @Nullable Scenario scenario;

    public Context() {}

    public Context(String id, Entity entity, Period period, @Nullable Scenario scenario) {
      this.id = id;
      this.entity = entity;
      this.period = period;
      this.scenario = scenario;
    }
  }

  /** {@code xbrli:entity}. */
  @XmlAccessorType(XmlAccessType.FIELD)
  public static final class Entity {
    @XmlElement(namespace = XbrlNames.XBRLI, required = true)
    @Nullable Identifier identifier;

    public Entity() {}

    public Entity(String scheme, String value) {
      this.identifier = new Identifier(scheme, value);
    }
  }

  /** {@code xbrli:identifier}. */
  @XmlAccessorType(XmlAccessType.FIELD)
  public static final class Identifier {
    @XmlAttribute(required = true)
    @Nullable String scheme;

    @XmlValue
    @Nullable String value;

    public Identifier() {}

    Identifier(String scheme, String value) {
      this.scheme = scheme;
      this.value = value;
    }
  }

  /** {@code xbrli:period} with a duration. */
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(propOrder = {"startDate", "endDate"})
  public static final class Period {
    @XmlElement(namespace = XbrlNames.XBRLI, required = true)
    @Nullable String startDate;

    @XmlElement(namespace = XbrlNames.XBRLI, required = true)
    @Nullable String endDate;

    public Period() {}

    public Period(String startDate, String endDate) {
      this.startDate = startDate;
      this.endDate = endDate;
    }
  }

  /** {@code xbrli:scenario} holding explicit dimension members. */
  @XmlAccessorType(XmlAccessType.FIELD)
  public static final class Scenario {
    @XmlElement(name = "explicitMember", namespace = XbrlNames.XBRLDI)
    List<ExplicitMember> members = new ArrayList<>();

    public Scenario() {}

    public Scenario(List<ExplicitMember> members) {
      this.members = members;
    }
  }

  /** {@code xbrldi:explicitMember}: both the dimension and the member are QNames. */
  @XmlAccessorType(XmlAccessType.FIELD)
  public static final class ExplicitMember {
    @XmlAttribute(required = true)
    @Nullable QName dimension;

    @XmlValue
    @Nullable QName member;

    public ExplicitMember() {}

    public ExplicitMember(QName dimension, QName member) {
      this.dimension = dimension;
      this.member = member;
    }
  }

  /** {@code xbrli:unit}: measures or a divide. */
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(propOrder = {"measures", "divide"})
  public static final class Unit {
    @XmlAttribute(required = true)
    @Nullable String id;

    @XmlElement(name = "measure", namespace = XbrlNames.XBRLI)
    List<QName> measures = new ArrayList<>();

    @XmlElement(namespace = XbrlNames.XBRLI)
    @Nullable Divide divide;

    public Unit() {}

    public Unit(String id, List<QName> measures, @Nullable Divide divide) {
      this.id = id;
      this.measures = measures;
      this.divide = divide;
    }
  }

  /** {@code xbrli:divide}. */
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(propOrder = {"numerator", "denominator"})
  public static final class Divide {
    @XmlElement(name = "unitNumerator", namespace = XbrlNames.XBRLI, required = true)
    @Nullable Measures numerator;

    @XmlElement(name = "unitDenominator", namespace = XbrlNames.XBRLI, required = true)
    @Nullable Measures denominator;

    public Divide() {}

    public Divide(List<QName> numerator, List<QName> denominator) {
      this.numerator = new Measures(numerator);
      this.denominator = new Measures(denominator);
    }
  }

  /** The measures of a numerator or denominator. */
  @XmlAccessorType(XmlAccessType.FIELD)
  public static final class Measures {
    @XmlElement(name = "measure", namespace = XbrlNames.XBRLI)
    List<QName> measures = new ArrayList<>();

    public Measures() {}

    Measures(List<QName> measures) {
      this.measures = measures;
    }
  }

  /** A numeric item's content and attributes; its element name is the concept. */
  @XmlAccessorType(XmlAccessType.FIELD)
  public static final class NumericFact {
    @XmlAttribute(required = true)
    @Nullable String contextRef;

    @XmlAttribute(required = true)
    @Nullable String unitRef;

    @XmlAttribute(required = true)
    @Nullable String decimals;

    @XmlValue
    @Nullable String value;

    public NumericFact() {}

    public NumericFact(String contextRef, String unitRef, String decimals, String value) {
      this.contextRef = contextRef;
      this.unitRef = unitRef;
      this.decimals = decimals;
      this.value = value;
    }
  }

  /**
   * A non-numeric item; a text block's markup is escaped by the marshaller. The language is stated
   * because filing rules require it on text facts and the instance has no enclosing {@code html}.
   */
  @XmlAccessorType(XmlAccessType.FIELD)
  public static final class TextFact {
    @XmlAttribute(required = true)
    @Nullable String contextRef;

    @XmlAttribute(name = "lang", namespace = "http://www.w3.org/XML/1998/namespace")
    String lang = "en";

    @XmlValue
    @Nullable String value;

    public TextFact() {}

    public TextFact(String contextRef, String value) {
      this.contextRef = contextRef;
      this.value = value;
    }
  }
}
