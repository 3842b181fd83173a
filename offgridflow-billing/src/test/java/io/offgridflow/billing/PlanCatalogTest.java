package io.offgridflow.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlanCatalogTest {

  @Test
  void defaultsHoldFreeProEnterpriseWithFreeAsFallback() {
    PlanCatalog catalog = PlanCatalog.defaults();
    assertThat(catalog.plans()).extracting(Plan::id).containsExactlyInAnyOrder("free", "pro", "enterprise");
    assertThat(catalog.fallback().id()).isEqualTo("free");
    assertThat(catalog.plan("pro").trial()).isEqualTo(Duration.ofDays(14));
    assertThat(catalog.plan("enterprise").allowance(Limit.SEATS)).isEqualTo(Plan.UNLIMITED);
    assertThat(catalog.plan("free").includes(Feature.XBRL_EXPORT)).isFalse();
    assertThat(catalog.plan("pro").includes(Feature.XBRL_EXPORT)).isTrue();
  }

  @Test
  void hostPlansAndPricesAreLookedUpByIdAndPrice() {
    PlanCatalog catalog = PlanCatalog.builder()
        .addDefaults()
        .stripePrice("pro", "price_pro_monthly")
        .add(Plan.builder("team").feature(Feature.SSO).limit(Limit.SEATS, 50).stripePriceId("price_team").build())
        .build();
    assertThat(catalog.byStripePrice("price_pro_monthly")).map(Plan::id).contains("pro");
    assertThat(catalog.byStripePrice("price_team")).map(Plan::id).contains("team");
    assertThat(catalog.plan("team").allowance(Limit.CONNECTORS)).as("a limit the plan does not name").isZero();
  }

  @Test
  void badConfigurationNamesTheOffendingValue() {
    assertThatThrownBy(() -> PlanCatalog.defaults().plan("gold"))
        .hasMessageContaining("'gold'").extracting(e -> ((BillingException) e).code())
        .isEqualTo(BillingErrorCode.UNKNOWN_PLAN);
    assertThatThrownBy(() -> PlanCatalog.builder().addDefaults().fallbackPlan("basic").build())
        .hasMessageContaining("'basic'");
    assertThatThrownBy(() -> Plan.builder("x").limit(Limit.SEATS, -1).build()).hasMessageContaining("-1");
    assertThatThrownBy(() -> Plan.builder("x").stripePriceId("prod_123")).hasMessageContaining("prod_123");
    assertThatThrownBy(() -> Feature.of("Has Spaces")).hasMessageContaining("'Has Spaces'");
    assertThatThrownBy(() -> PlanCatalog.builder().addDefaults().stripePrice("pro", "price_1")
        .stripePrice("enterprise", "price_1").build()).hasMessageContaining("price_1");
  }
}
