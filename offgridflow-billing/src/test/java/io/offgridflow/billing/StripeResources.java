package io.offgridflow.billing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the Stripe-shaped JSON fixtures under {@code src/test/resources/stripe}. */
public final class StripeResources {
  private StripeResources() {}

  public static String json(String name) {
    try (InputStream in = StripeResources.class.getResourceAsStream("/stripe/" + name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture /stripe/" + name + ".json");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
