package io.offgridflow.xbrl;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Who reports: an identifier and the scheme it belongs to, as in {@code xbrli:identifier}. ESRS
 * filings identify the undertaking by its LEI, which {@link #lei} checks (ISO 17442: 18
 * alphanumerics and two ISO 7064 MOD 97-10 check digits).
 *
 * <pre>{@code
 * EntityIdentifier acme = EntityIdentifier.lei("5299000J2N45DDNE4Y28");
 * EntityIdentifier other = EntityIdentifier.of("http://www.example.com/ids", "ACME-1");
 * }</pre>
 *
 * @param scheme an absolute URI naming the identifier scheme
 * @param value the identifier within the scheme
 */
public record EntityIdentifier(String scheme, String value) {
  /** The LEI scheme URI ESRS filings use. */
  public static final String LEI_SCHEME = "http://standards.iso.org/iso/17442";

  private static final Pattern LEI = Pattern.compile("[A-Z0-9]{18}[0-9]{2}");

  public EntityIdentifier {
    if (value.isBlank() || !value.equals(value.strip())) {
      throw invalid("entity identifier '" + value + "' must be non-empty without surrounding spaces");
    }
    if (value.length() > 1000) {
      throw invalid("entity identifier is " + value.length() + " characters long; keep it under 1,000");
    }
    try {
      if (!new URI(scheme).isAbsolute()) {
        throw invalid("identifier scheme '" + scheme + "' must be an absolute URI, e.g. " + LEI_SCHEME);
      }
    } catch (URISyntaxException e) {
      throw invalid("identifier scheme '" + scheme + "' is not a URI: " + e.getMessage());
    }
  }

  /**
   * A Legal Entity Identifier, checked.
   *
   * @throws XbrlException with {@link XbrlErrorCode#INVALID_ENTITY_IDENTIFIER} naming the problem
   */
  public static EntityIdentifier lei(String lei) {
    String v = lei.strip();
    if (!LEI.matcher(v).matches()) {
      throw invalid("LEI '" + lei + "' must be 20 characters: 18 upper-case letters or digits, then two check"
          + " digits (ISO 17442)");
    }
    if (mod97(v) != 1) {
      throw invalid("LEI '" + lei + "' has wrong check digits (ISO 7064 MOD 97-10); check for a typo");
    }
    return new EntityIdentifier(LEI_SCHEME, v);
  }

  /** An identifier in any scheme; only the LEI scheme's values are checked further. */
  public static EntityIdentifier of(String scheme, String value) {
    return LEI_SCHEME.equals(scheme) ? lei(value) : new EntityIdentifier(scheme, value);
  }

  /** Whether this is an LEI. */
  public boolean isLei() {
    return LEI_SCHEME.equals(scheme);
  }

  /**
   * The two check digits that make {@code first18} a valid LEI: 98 minus the MOD 97 of the digits
   * followed by "00" (ISO 7064 MOD 97-10, as for IBANs).
   */
  public static String leiCheckDigits(String first18) {
    if (!first18.matches("[A-Z0-9]{18}")) {
      throw invalid("'" + first18 + "' must be 18 upper-case letters or digits");
    }
    int check = 98 - mod97(first18 + "00");
    return check < 10 ? "0" + check : Integer.toString(check);
  }

  /** MOD 97 of the string read as a number, letters standing for 10 (A) to 35 (Z). */
  private static int mod97(String s) {
    int rest = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
      rest = v < 10 ? (rest * 10 + v) % 97 : (rest * 100 + v) % 97;
    }
    return rest;
  }

  private static XbrlException invalid(String message) {
    return new XbrlException(XbrlErrorCode.INVALID_ENTITY_IDENTIFIER, message);
  }
}
